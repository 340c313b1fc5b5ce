package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpsSetupTest {

    /** The example of {@link HttpsSetup}'s Javadoc. */
    private static HttpsSetup.Builder example() {
        return HttpsSetup.builder()
                .stack("shop")
                .region("ap-northeast-2")
                .domain(d -> d.name("example.com").alternativeNames("www.example.com"))
                .targets(t ->
                        t.instanceIds("i-0abc1234def567890").port(8080).healthCheck(h -> h.path("/actuator/health")))
                .loadBalancer(lb -> lb.ipAddressType(IpAddressType.DUALSTACK))
                .httpListener(HttpAction.REDIRECT);
    }

    /** Every property set to something other than its default. */
    private static HttpsSetup everything() {
        return HttpsSetup.builder()
                .stack("shop")
                .region("us-east-1")
                .domain(d -> d.name("example.com")
                        .alternativeNames("www.example.com", "*.api.example.com")
                        .hostedZone(z -> z.name("example.com").create(true).deleteOnDestroy(true))
                        .registration(r -> r.durationInYears(2)
                                .autoRenew(false)
                                .privacyProtection(false)
                                .contact(c -> c.firstName("Ada")
                                        .lastName("Lovelace")
                                        .organizationName("Example Ltd")
                                        .email("ada@example.com")
                                        .phoneNumber("+1.2065550100")
                                        .addressLine1("1 Main St")
                                        .addressLine2("Suite 100")
                                        .city("Seattle")
                                        .state("WA")
                                        .countryCode("US")
                                        .zipCode("98101")
                                        .contactType(ContactType.COMPANY))))
                .certificate(c -> c.keyAlgorithm(KeyAlgorithm.EC_PRIME256V1).validationTimeout(Duration.ofHours(1)))
                .targets(t -> t.instanceTags(Map.of("app", "shop"))
                        .port(9000)
                        .protocol(TargetProtocol.HTTPS)
                        .healthCheck(h -> h.path("/health")
                                .port(9001)
                                .protocol(TargetProtocol.HTTP)
                                .matcher("200-299")
                                .interval(Duration.ofSeconds(15))
                                .timeout(Duration.ofSeconds(3))
                                .healthyThreshold(3)
                                .unhealthyThreshold(4))
                        .deregistrationDelay(Duration.ofSeconds(30))
                        .stickiness(Duration.ofHours(1)))
                .loadBalancer(lb -> lb.name("shop-lb")
                        .ipAddressType(IpAddressType.DUALSTACK)
                        .subnets("subnet-0123456789abcdef0", "subnet-0123456789abcdef1")
                        .securityGroups("sg-0123456789abcdef0")
                        .idleTimeout(Duration.ofSeconds(120))
                        .deletionProtection(true))
                .httpsListener(l -> l.port(8443).sslPolicy("ELBSecurityPolicy-TLS13-1-3-2021-06"))
                .httpListener(l -> l.port(8080).action(HttpAction.FORWARD))
                .records(r -> r.enabled(false).evaluateTargetHealth(false))
                .tags(Map.of("team", "web"))
                .adopt(true)
                .waitTimeout(Duration.ofMinutes(5))
                .build();
    }

    @Test
    void build_withTheJavadocExample_describesIt() {
        HttpsSetup setup = example().build();

        assertThat(setup.stack()).isEqualTo("shop");
        assertThat(setup.region()).isEqualTo("ap-northeast-2");
        assertThat(setup.domain().name()).isEqualTo("example.com");
        assertThat(setup.domain().alternativeNames()).containsExactly("www.example.com");
        assertThat(setup.targets().instanceIds()).containsExactly("i-0abc1234def567890");
        assertThat(setup.targets().healthCheck().path()).isEqualTo("/actuator/health");
        assertThat(setup.loadBalancer().ipAddressType()).isEqualTo(IpAddressType.DUALSTACK);
        assertThat(setup.httpListener().action()).isEqualTo(HttpAction.REDIRECT);
    }

    @Test
    void toBuilder_build_isEqualToTheOriginal() {
        HttpsSetup setup = everything();

        HttpsSetup copy = setup.toBuilder().build();

        assertThat(copy).isEqualTo(setup).hasSameHashCodeAs(setup);
        assertThat(copy.toString()).isEqualTo(setup.toString());
        assertThat(setup.domain().toBuilder().build()).isEqualTo(setup.domain());
        assertThat(setup.domain().hostedZone().toBuilder().build())
                .isEqualTo(setup.domain().hostedZone());
        assertThat(setup.domain().registration().orElseThrow().toBuilder().build())
                .isEqualTo(setup.domain().registration().orElseThrow());
        assertThat(setup.domain().registration().orElseThrow().contact().toBuilder()
                        .build())
                .isEqualTo(setup.domain().registration().orElseThrow().contact());
        assertThat(setup.certificate().toBuilder().build()).isEqualTo(setup.certificate());
        assertThat(setup.targets().toBuilder().build()).isEqualTo(setup.targets());
        assertThat(setup.targets().healthCheck().toBuilder().build())
                .isEqualTo(setup.targets().healthCheck());
        assertThat(setup.loadBalancer().toBuilder().build()).isEqualTo(setup.loadBalancer());
        assertThat(setup.httpsListener().toBuilder().build()).isEqualTo(setup.httpsListener());
        assertThat(setup.httpListener().toBuilder().build()).isEqualTo(setup.httpListener());
        assertThat(setup.records().toBuilder().build()).isEqualTo(setup.records());
    }

    @Test
    void toBuilder_withOneChange_changesOnlyThat() {
        HttpsSetup setup = everything();

        HttpsSetup changed = setup.toBuilder().stack("blog").build();

        assertThat(changed).isNotEqualTo(setup);
        assertThat(changed.toBuilder().stack("shop").build()).isEqualTo(setup);
    }

    @Test
    void build_withOnlyRequiredValues_usesTheDocumentedDefaults() {
        HttpsSetup setup = HttpsSetup.builder()
                .stack("shop")
                .region("us-east-1")
                .domain(d -> d.name("example.com"))
                .targets(t -> t.instanceIds("i-0abc1234def567890"))
                .build();

        assertThat(setup.tags()).isEmpty();
        assertThat(setup.adopt()).isEqualTo(HttpsSetup.DEFAULT_ADOPT).isFalse();
        assertThat(setup.waitTimeout())
                .isEqualTo(HttpsSetup.DEFAULT_WAIT_TIMEOUT)
                .isEqualTo(Duration.ofMinutes(15));

        assertThat(setup.domain().alternativeNames()).isEmpty();
        assertThat(setup.domain().registration()).isEmpty();
        HostedZoneSpec zone = setup.domain().hostedZone();
        assertThat(zone.id()).isEmpty();
        assertThat(zone.name()).isEmpty();
        assertThat(zone.create()).isEqualTo(HostedZoneSpec.DEFAULT_CREATE).isFalse();
        assertThat(zone.deleteOnDestroy())
                .isEqualTo(HostedZoneSpec.DEFAULT_DELETE_ON_DESTROY)
                .isFalse();

        CertificateSpec certificate = setup.certificate();
        assertThat(certificate.arn()).isEmpty();
        assertThat(certificate.keyAlgorithm())
                .isEqualTo(CertificateSpec.DEFAULT_KEY_ALGORITHM)
                .isEqualTo(KeyAlgorithm.RSA_2048);
        assertThat(certificate.validationTimeout())
                .isEqualTo(CertificateSpec.DEFAULT_VALIDATION_TIMEOUT)
                .isEqualTo(Duration.ofMinutes(30));

        TargetsSpec targets = setup.targets();
        assertThat(targets.instanceTags()).isEmpty();
        assertThat(targets.port()).isEqualTo(TargetsSpec.DEFAULT_PORT).isEqualTo(8080);
        assertThat(targets.protocol()).isEqualTo(TargetsSpec.DEFAULT_PROTOCOL).isEqualTo(TargetProtocol.HTTP);
        assertThat(targets.deregistrationDelay())
                .isEqualTo(TargetsSpec.DEFAULT_DEREGISTRATION_DELAY)
                .isEqualTo(Duration.ofSeconds(300));
        assertThat(targets.stickiness()).isEmpty();

        HealthCheckSpec healthCheck = targets.healthCheck();
        assertThat(healthCheck.path()).isEqualTo(HealthCheckSpec.DEFAULT_PATH).isEqualTo("/");
        assertThat(healthCheck.port()).isEmpty();
        assertThat(healthCheck.protocol()).isEmpty();
        assertThat(healthCheck.matcher())
                .isEqualTo(HealthCheckSpec.DEFAULT_MATCHER)
                .isEqualTo("200");
        assertThat(healthCheck.interval())
                .isEqualTo(HealthCheckSpec.DEFAULT_INTERVAL)
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(healthCheck.timeout())
                .isEqualTo(HealthCheckSpec.DEFAULT_TIMEOUT)
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(healthCheck.healthyThreshold())
                .isEqualTo(HealthCheckSpec.DEFAULT_HEALTHY_THRESHOLD)
                .isEqualTo(5);
        assertThat(healthCheck.unhealthyThreshold())
                .isEqualTo(HealthCheckSpec.DEFAULT_UNHEALTHY_THRESHOLD)
                .isEqualTo(2);

        LoadBalancerSpec loadBalancer = setup.loadBalancer();
        assertThat(loadBalancer.name()).isEmpty();
        assertThat(loadBalancer.ipAddressType())
                .isEqualTo(LoadBalancerSpec.DEFAULT_IP_ADDRESS_TYPE)
                .isEqualTo(IpAddressType.IPV4);
        assertThat(loadBalancer.subnets()).isEmpty();
        assertThat(loadBalancer.autoSubnets()).isTrue();
        assertThat(loadBalancer.securityGroups()).isEmpty();
        assertThat(loadBalancer.autoSecurityGroups()).isTrue();
        assertThat(loadBalancer.idleTimeout())
                .isEqualTo(LoadBalancerSpec.DEFAULT_IDLE_TIMEOUT)
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(loadBalancer.deletionProtection())
                .isEqualTo(LoadBalancerSpec.DEFAULT_DELETION_PROTECTION)
                .isFalse();

        assertThat(setup.httpsListener().port())
                .isEqualTo(HttpsListenerSpec.DEFAULT_PORT)
                .isEqualTo(443);
        assertThat(setup.httpsListener().sslPolicy())
                .isEqualTo(HttpsListenerSpec.DEFAULT_SSL_POLICY)
                .isEqualTo("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09");
        assertThat(setup.httpListener().port())
                .isEqualTo(HttpListenerSpec.DEFAULT_PORT)
                .isEqualTo(80);
        assertThat(setup.httpListener().action())
                .isEqualTo(HttpListenerSpec.DEFAULT_ACTION)
                .isEqualTo(HttpAction.REDIRECT);
        assertThat(setup.records().enabled())
                .isEqualTo(RecordsSpec.DEFAULT_ENABLED)
                .isTrue();
        assertThat(setup.records().evaluateTargetHealth())
                .isEqualTo(RecordsSpec.DEFAULT_EVALUATE_TARGET_HEALTH)
                .isTrue();
    }

    @Test
    void registrationBuilder_byDefault_registersForOneYearWithRenewalAndPrivacy() {
        RegistrationSpec registration = RegistrationSpec.builder().build();
        ContactSpec contact = ContactSpec.builder().build();

        assertThat(registration.durationInYears())
                .isEqualTo(RegistrationSpec.DEFAULT_DURATION_IN_YEARS)
                .isEqualTo(1);
        assertThat(registration.autoRenew())
                .isEqualTo(RegistrationSpec.DEFAULT_AUTO_RENEW)
                .isTrue();
        assertThat(registration.privacyProtection())
                .isEqualTo(RegistrationSpec.DEFAULT_PRIVACY_PROTECTION)
                .isTrue();
        assertThat(contact.contactType())
                .isEqualTo(ContactSpec.DEFAULT_CONTACT_TYPE)
                .isEqualTo(ContactType.PERSON);
        assertThat(contact.organizationName()).isEmpty();
        assertThat(contact.addressLine2()).isEmpty();
        assertThat(contact.state()).isEmpty();
    }

    @Test
    void setters_withNull_restoreTheDefaults() {
        HttpsSetup setup = everything().toBuilder()
                .certificate((CertificateSpec) null)
                .loadBalancer((LoadBalancerSpec) null)
                .httpsListener((HttpsListenerSpec) null)
                .httpListener((HttpListenerSpec) null)
                .records((RecordsSpec) null)
                .tags(null)
                .waitTimeout(null)
                .build();

        assertThat(setup.certificate()).isEqualTo(CertificateSpec.builder().build());
        assertThat(setup.loadBalancer()).isEqualTo(LoadBalancerSpec.builder().build());
        assertThat(setup.httpsListener()).isEqualTo(HttpsListenerSpec.builder().build());
        assertThat(setup.httpListener()).isEqualTo(HttpListenerSpec.builder().build());
        assertThat(setup.records()).isEqualTo(RecordsSpec.builder().build());
        assertThat(setup.tags()).isEmpty();
        assertThat(setup.waitTimeout()).isEqualTo(HttpsSetup.DEFAULT_WAIT_TIMEOUT);

        HealthCheckSpec healthCheck = HealthCheckSpec.builder()
                .path(null)
                .matcher(null)
                .interval(null)
                .timeout(null)
                .build();
        assertThat(healthCheck).isEqualTo(HealthCheckSpec.builder().build());
        TargetsSpec targets = TargetsSpec.builder()
                .protocol(null)
                .deregistrationDelay(null)
                .healthCheck((HealthCheckSpec) null)
                .build();
        assertThat(targets).isEqualTo(TargetsSpec.builder().build());
    }

    @Test
    void optionalStrings_whenBlank_areAbsent() {
        assertThat(CertificateSpec.builder().arn("  ").build().arn()).isEmpty();
        assertThat(HostedZoneSpec.builder().id("").name(" ").build())
                .isEqualTo(HostedZoneSpec.builder().build());
        assertThat(LoadBalancerSpec.builder().name("").build().name()).isEmpty();
        assertThat(ContactSpec.builder()
                        .organizationName(" ")
                        .addressLine2("")
                        .state(null)
                        .build())
                .isEqualTo(ContactSpec.builder().build());
    }

    @Test
    void collections_areCopiedOnTheWayIn() {
        List<String> names = new ArrayList<>(List.of("www.example.com"));
        Map<String, String> tags = new LinkedHashMap<>(Map.of("team", "web"));
        List<String> ids = new ArrayList<>(List.of("i-0abc1234def567890"));
        List<String> subnets = new ArrayList<>(List.of("subnet-0123456789abcdef0", "subnet-0123456789abcdef1"));
        HttpsSetup setup = example()
                .domain(d -> d.name("example.com").alternativeNames(names))
                .targets(t -> t.instanceIds(ids))
                .loadBalancer(lb -> lb.subnets(subnets))
                .tags(tags)
                .build();

        names.add("shop.example.com");
        tags.put("owner", "ada");
        ids.add("i-0abc1234def567891");
        subnets.clear();

        assertThat(setup.domain().alternativeNames()).containsExactly("www.example.com");
        assertThat(setup.tags()).containsOnlyKeys("team");
        assertThat(setup.targets().instanceIds()).containsExactly("i-0abc1234def567890");
        assertThat(setup.loadBalancer().subnets()).hasSize(2);
        assertThat(setup.loadBalancer().autoSubnets()).isFalse();
    }

    @Test
    void collections_areUnmodifiableOnTheWayOut() {
        HttpsSetup setup = everything();

        assertThatThrownBy(() -> setup.domain().alternativeNames().add("x.example.com"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> setup.tags().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> setup.targets().instanceTags().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> setup.targets().instanceIds().add("i-0abc1234def567890"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> setup.loadBalancer().subnets().remove(0))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> setup.loadBalancer().securityGroups().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> setup.allNames().add("x.example.com"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void pluralSetters_replace_andAddSetters_append() {
        HttpsSetup setup = example()
                .domain(d -> d.alternativeNames("a.example.com")
                        .alternativeNames("b.example.com")
                        .addAlternativeName("c.example.com")
                        .name("example.com"))
                .targets(t -> t.instanceIds("i-0abc1234def567890")
                        .instanceIds("i-0abc1234def567891")
                        .addInstanceId("i-0abc1234def567892"))
                .tags(Map.of("a", "1"))
                .tags(Map.of("b", "2"))
                .addTag("c", "3")
                .build();

        assertThat(setup.domain().alternativeNames()).containsExactly("b.example.com", "c.example.com");
        assertThat(setup.targets().instanceIds()).containsExactly("i-0abc1234def567891", "i-0abc1234def567892");
        assertThat(setup.tags()).containsExactly(Map.entry("b", "2"), Map.entry("c", "3"));
    }

    @Test
    void tags_keepTheirOrder() {
        HttpsSetup setup =
                example().addTag("z", "1").addTag("a", "2").addTag("m", "3").build();

        assertThat(setup.tags().keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void domainNames_areTrimmedLowerCasedAndLoseOneTrailingDot() {
        HttpsSetup setup = example()
                .domain(d -> d.name(" Example.COM. ")
                        .alternativeNames("WWW.Example.com.", "*.Api.Example.Com")
                        .hostedZone(z -> z.name("EXAMPLE.com.")))
                .build();

        assertThat(setup.domain().name()).isEqualTo("example.com");
        assertThat(setup.domain().alternativeNames()).containsExactly("www.example.com", "*.api.example.com");
        assertThat(setup.domain().hostedZone().name()).contains("example.com");
        assertThat(setup.domain())
                .isEqualTo(DomainSpec.builder()
                        .name("example.com")
                        .alternativeNames("www.example.com", "*.api.example.com")
                        .hostedZone(z -> z.name("example.com"))
                        .build());
    }

    @Test
    void hostedZoneId_losesTheHostedZonePrefix() {
        HostedZoneSpec zone =
                HostedZoneSpec.builder().id("/hostedzone/Z0123456789ABCDEFGHIJ").build();

        assertThat(zone.id()).contains("Z0123456789ABCDEFGHIJ");
        assertThat(zone)
                .isEqualTo(HostedZoneSpec.builder().id("Z0123456789ABCDEFGHIJ").build());
    }

    @Test
    void allNames_listsTheDomainNameThenTheAlternativeNames() {
        HttpsSetup setup = example()
                .domain(d -> d.name("Example.com.").alternativeNames("www.example.com.", "*.EXAMPLE.com"))
                .build();

        assertThat(setup.allNames()).containsExactly("example.com", "www.example.com", "*.example.com");
    }

    @Test
    void url_onPort443_hasNoPort() {
        assertThat(example().build().url()).isEqualTo("https://example.com");
    }

    @Test
    void url_onAnotherPort_hasThePort() {
        HttpsSetup setup = example().httpsListener(l -> l.port(8443)).build();

        assertThat(setup.url()).isEqualTo("https://example.com:8443");
    }

    @Test
    void httpListenerAction_setsOnlyTheAction_keepingThePort() {
        HttpsSetup setup = example()
                .httpListener(l -> l.port(8080))
                .httpListener(HttpAction.FORWARD)
                .build();

        assertThat(setup.httpListener())
                .isEqualTo(HttpListenerSpec.builder()
                        .port(8080)
                        .action(HttpAction.FORWARD)
                        .build());
    }

    @Test
    void consumerOverloads_describeThePartOnAFreshBuilder() {
        HttpsSetup setup = example()
                .certificate(c -> c.keyAlgorithm(KeyAlgorithm.EC_SECP384R1))
                .targets(t -> t.port(9000))
                .targets(t -> t.instanceIds("i-0abc1234def567890"))
                .records(r -> r.enabled(false))
                .build();

        assertThat(setup.certificate())
                .isEqualTo(CertificateSpec.builder()
                        .keyAlgorithm(KeyAlgorithm.EC_SECP384R1)
                        .build());
        assertThat(setup.targets().port()).isEqualTo(TargetsSpec.DEFAULT_PORT);
        assertThat(setup.records())
                .isEqualTo(RecordsSpec.builder().enabled(false).build());
    }

    @Test
    void nestedBuilders_acceptBuiltValuesToo() {
        HealthCheckSpec healthCheck = HealthCheckSpec.builder().path("/health").build();
        HostedZoneSpec zone = HostedZoneSpec.builder().create(true).build();
        ContactSpec contact = ContactSpec.builder().firstName("Ada").build();
        RegistrationSpec registration =
                RegistrationSpec.builder().contact(contact).build();

        DomainSpec domain = DomainSpec.builder()
                .name("example.com")
                .hostedZone(zone)
                .registration(registration)
                .build();
        TargetsSpec targets = TargetsSpec.builder().healthCheck(healthCheck).build();

        assertThat(domain.hostedZone()).isSameAs(zone);
        assertThat(domain.registration()).containsSame(registration);
        assertThat(registration.contact()).isSameAs(contact);
        assertThat(targets.healthCheck()).isSameAs(healthCheck);
    }

    @Test
    void nestedBuilders_withBadValues_doNotThrow() {
        DomainSpec domain =
                DomainSpec.builder().name(null).alternativeNames("a..b", null).build();
        TargetsSpec targets = TargetsSpec.builder()
                .port(-1)
                .instanceIds((String) null)
                .deregistrationDelay(Duration.ofSeconds(-1))
                .build();

        assertThat(domain.name()).isNull();
        assertThat(domain.alternativeNames()).containsExactly("a..b", null);
        assertThat(targets.port()).isEqualTo(-1);
    }

    @Test
    void toString_isReadableAndConcise() {
        HttpsSetup setup = example().addTag("team", "web").build();

        assertThat(setup.toString())
                .isEqualTo("HttpsSetup(stack=shop, region=ap-northeast-2, "
                        + "domain=DomainSpec(name=example.com, alternativeNames=[www.example.com], "
                        + "hostedZone=HostedZoneSpec(create=false, deleteOnDestroy=false)), "
                        + "certificate=CertificateSpec(keyAlgorithm=RSA_2048, validationTimeout=30m), "
                        + "targets=TargetsSpec(instanceIds=[i-0abc1234def567890], port=8080, protocol=HTTP, "
                        + "healthCheck=HealthCheckSpec(path=/actuator/health, matcher=200, interval=30s, timeout=5s, "
                        + "healthyThreshold=5, unhealthyThreshold=2), deregistrationDelay=5m), "
                        + "loadBalancer=LoadBalancerSpec(ipAddressType=DUALSTACK, subnets=auto, securityGroups=auto, "
                        + "idleTimeout=1m, deletionProtection=false), "
                        + "httpsListener=HttpsListenerSpec(port=443, sslPolicy=ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09), "
                        + "httpListener=HttpListenerSpec(port=80, action=REDIRECT), "
                        + "records=RecordsSpec(enabled=true, evaluateTargetHealth=true), tags={team=web}, adopt=false, "
                        + "waitTimeout=15m)");
    }

    @Test
    void contactToString_leavesOutAddressAndPhone() {
        ContactSpec contact = everything().domain().registration().orElseThrow().contact();

        assertThat(contact.toString())
                .isEqualTo("ContactSpec(firstName=Ada, lastName=Lovelace, "
                        + "organizationName=Example Ltd, email=ada@example.com, countryCode=US, contactType=COMPANY)");
    }

    @Test
    void keyAlgorithm_awsNames_roundTrip() {
        assertThat(KeyAlgorithm.EC_PRIME256V1.awsName()).isEqualTo("EC_prime256v1");
        assertThat(KeyAlgorithm.EC_SECP384R1.awsName()).isEqualTo("EC_secp384r1");
        assertThat(KeyAlgorithm.EC_SECP521R1.awsName()).isEqualTo("EC_secp521r1");
        assertThat(KeyAlgorithm.RSA_4096.awsName()).isEqualTo("RSA_4096");
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            assertThat(KeyAlgorithm.fromAwsName(algorithm.awsName())).isSameAs(algorithm);
        }
    }

    @Test
    void keyAlgorithm_fromAnUnknownName_listsTheKnownOnes() {
        assertThatThrownBy(() -> KeyAlgorithm.fromAwsName("RSA_1024"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"RSA_1024\" is not an ACM key algorithm: use one of RSA_2048, RSA_3072, RSA_4096, "
                        + "EC_prime256v1, EC_secp384r1, EC_secp521r1");
    }

    @Test
    void ipAddressType_awsNames() {
        assertThat(IpAddressType.IPV4.awsName()).isEqualTo("ipv4");
        assertThat(IpAddressType.DUALSTACK.awsName()).isEqualTo("dualstack");
    }

    @Test
    void constants_matchTheContract() {
        assertThat(HttpsSetup.OWNERSHIP_TAG).isEqualTo("https-setup:stack");
        assertThat(HttpsSetup.MAX_STACK_LENGTH).isEqualTo(20);
    }
}
