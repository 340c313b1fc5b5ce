package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.httpssetup.core.internal.ApiCallCounter;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** The first half of the chain: hosted zone, domain registration, certificate. */
@AwsEmulatorTest
class DomainAndCertificateIT {

    private ReferenceWorld fx;

    @BeforeEach
    void setUp(AwsEmulator aws) {
        fx = new ReferenceWorld(aws).seed(1, 3, false);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void apply_whenZoneExists_requestsCertificateWritesValidationRecordsAndWaitsUntilIssued() {
        fx.withZone();

        ApplyResult result = fx.executor().apply(fx.spec().build());

        CertificateDetail certificate = onlyOwnedCertificate();
        assertThat(certificate.status()).isEqualTo(CertificateStatus.ISSUED);
        assertThat(certificate.domainName()).isEqualTo("example.com");
        assertThat(new TreeSet<>(certificate.subjectAlternativeNames()))
                .containsExactly("example.com", "www.example.com");
        assertThat(tags(certificate.certificateArn()))
                .containsEntry("https-setup:stack", "shop")
                .containsEntry("team", "web");
        List<ResourceRecordSet> records = records();
        certificate
                .domainValidationOptions()
                .forEach(v -> assertThat(records).anySatisfy(r -> {
                    assertThat(r.type()).isEqualTo(RRType.CNAME);
                    assertThat(r.name())
                            .isEqualToIgnoringCase(v.resourceRecord().name());
                    assertThat(r.resourceRecords().get(0).value())
                            .isEqualTo(v.resourceRecord().value());
                }));
        Outputs outputs = result.outputs();
        assertThat(outputs.url()).isEqualTo("https://example.com");
        assertThat(outputs.hostedZoneId()).isEqualTo(fx.zoneId);
        assertThat(outputs.nameServers()).hasSize(4);
        assertThat(outputs.certificateArn()).isEqualTo(certificate.certificateArn());
        assertThat(result.changes()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(ResourceKind.CERTIFICATE);
            assertThat(c.action()).isEqualTo(ChangeAction.CREATE);
        });
        assertThat(fx.events).anySatisfy(e -> assertThat(e.type()).isEqualTo(ProgressEvent.Type.WAITING));
    }

    @Test
    void apply_twice_secondMakesZeroWrites_andPlanShowsEveryResourceUnchanged() {
        fx.withZone();
        HttpsSetup spec = fx.spec().build();
        fx.executor().apply(spec);

        ApplyResult second = fx.executor().apply(spec);
        ApiCallCounter planCalls = new ApiCallCounter();
        Plan plan = fx.executor(planCalls).plan(spec);

        assertThat(second.apiCalls().writes()).isZero();
        assertThat(second.changed()).isFalse();
        assertThat(planCalls.snapshot().writes()).isZero();
        assertThat(plan.hasChanges()).isFalse();
        assertThat(plan.changes())
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.action()).isEqualTo(ChangeAction.UNCHANGED));
        assertThat(plan.changes())
                .extracting(Change::kind)
                .contains(ResourceKind.HOSTED_ZONE, ResourceKind.CERTIFICATE, ResourceKind.VALIDATION_RECORD);
        assertThat(plan.render()).contains("No changes.");
    }

    @Test
    void plan_onAFreshStack_makesNoWriteAndListsTheCreates() {
        fx.withZone();
        ApiCallCounter calls = new ApiCallCounter();

        Plan plan = fx.executor(calls).plan(fx.spec().build());

        assertThat(calls.snapshot().writes()).isZero();
        assertThat(calls.snapshot().reads()).isPositive();
        assertThat(plan.changes()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(ResourceKind.CERTIFICATE);
            assertThat(c.action()).isEqualTo(ChangeAction.CREATE);
        });
        assertThat(ownedCertificates()).isEmpty();
        assertThat(plan.summary()).startsWith("Plan: ").doesNotContain(" 0 to create");
    }

    @Test
    void apply_whenZoneMissingAndCreateAsked_createsItOnce_andReusesItAfterwards() {
        HttpsSetup spec = fx.spec()
                .domain(d -> d.name("example.com")
                        .alternativeNames("www.example.com")
                        .hostedZone(z -> z.create(true)))
                .build();

        fx.executor().apply(spec);
        fx.executor().apply(spec);

        List<HostedZone> zones = fx.route53.listHostedZones().hostedZones().stream()
                .filter(z -> z.name().equals("example.com."))
                .toList();
        assertThat(zones).hasSize(1);
        Map<String, String> zoneTags = fx
                .route53
                .listTagsForResource(r -> r.resourceType("hostedzone")
                        .resourceId(zones.get(0).id().replace("/hostedzone/", "")))
                .resourceTagSet()
                .tags()
                .stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
        assertThat(zoneTags).containsEntry("https-setup:stack", "shop");
        fx.assertPolicyAllowsEveryCall(spec);
    }

    @Test
    void apply_whenZoneMissingAndNotAsked_failsWithHowToFix_andWritesNothing() {
        ApiCallCounter calls = new ApiCallCounter();

        assertThatThrownBy(() -> fx.executor(calls).apply(fx.spec().build()))
                .isInstanceOf(HttpsSetupException.class)
                .hasMessageContaining("No public Route 53 hosted zone for example.com")
                .hasMessageContaining("domain.hostedZone.create: true")
                .satisfies(
                        e -> assertThat(((HttpsSetupException) e).code()).isEqualTo(ErrorCode.HOSTED_ZONE_NOT_FOUND));
        assertThat(calls.snapshot().writes()).isZero();
    }

    @Test
    void apply_whenTwoZonesShareTheName_asksForTheId() {
        fx.withZone();
        fx.withZone();

        assertThatThrownBy(() -> fx.executor().apply(fx.spec().build()))
                .isInstanceOf(HttpsSetupException.class)
                .hasMessageContaining("2 public hosted zones are named example.com")
                .hasMessageContaining("domain.hostedZone.id");
    }

    @Test
    void apply_whenAlternativeNamesChange_plansAReplace_thenSwapsTheListenerAndDeletesTheOldCertificate() {
        fx.withZone();
        fx.executor().apply(fx.spec().build());
        String oldArn = onlyOwnedCertificate().certificateArn();
        HttpsSetup changed = fx.spec()
                .domain(d -> d.name("example.com").alternativeNames("www.example.com", "api.example.com"))
                .build();

        Plan plan = fx.executor().plan(changed);
        ApplyResult result = fx.executor().apply(changed);

        assertThat(plan.changes()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(ResourceKind.CERTIFICATE);
            assertThat(c.action()).isEqualTo(ChangeAction.REPLACE);
            assertThat(c.attributes()).anySatisfy(a -> {
                assertThat(a.attribute()).isEqualTo("names");
                assertThat(a.before()).isEqualTo("example.com, www.example.com");
                assertThat(a.after()).isEqualTo("example.com, www.example.com, api.example.com");
            });
        });
        CertificateDetail current = onlyOwnedCertificate();
        assertThat(current.certificateArn())
                .isNotEqualTo(oldArn)
                .isEqualTo(result.outputs().certificateArn());
        assertThat(new TreeSet<>(current.subjectAlternativeNames()))
                .containsExactly("api.example.com", "example.com", "www.example.com");
        Listener https =
                fx
                        .elb
                        .describeListeners(
                                r -> r.loadBalancerArn(result.outputs().loadBalancerArn()))
                        .listeners()
                        .stream()
                        .filter(l -> l.protocol() == ProtocolEnum.HTTPS)
                        .findFirst()
                        .orElseThrow();
        assertThat(https.certificates().get(0).certificateArn()).isEqualTo(current.certificateArn());
        assertThat(fx.executor().apply(changed).apiCalls().writes()).isZero();
    }

    @Test
    void apply_withRegistration_registersTheDomain_reusesItsZone_andAlignsTheNameServers() {
        HttpsSetup spec = fx.spec()
                .domain(d -> d.name("shop-demo.com")
                        .alternativeNames("www.shop-demo.com")
                        .registration(r -> r.durationInYears(2)
                                .contact(c -> c.firstName("Jane")
                                        .lastName("Doe")
                                        .email("jane@shop-demo.com")
                                        .phoneNumber("+1.2065550100")
                                        .addressLine1("1 Main St")
                                        .city("Seattle")
                                        .state("WA")
                                        .countryCode("US")
                                        .zipCode("98101"))))
                .build();

        Plan plan = fx.executor().plan(spec);
        ApplyResult result = fx.executor().apply(spec);
        ApplyResult again = fx.executor().apply(spec);

        assertThat(plan.changes()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(ResourceKind.DOMAIN_REGISTRATION);
            assertThat(c.action()).isEqualTo(ChangeAction.CREATE);
        });
        assertThat(fx.domains.listDomains().domains())
                .extracting(d -> d.domainName())
                .containsExactly("shop-demo.com");
        List<HostedZone> zones = fx.route53.listHostedZones().hostedZones().stream()
                .filter(z -> z.name().replaceAll("\\.$", "").equals("shop-demo.com"))
                .toList();
        assertThat(zones).hasSize(1);
        Set<String> zoneServers =
                fx.route53.getHostedZone(r -> r.id(zones.get(0).id())).delegationSet().nameServers().stream()
                        .map(n -> n.replaceAll("\\.$", ""))
                        .collect(Collectors.toCollection(TreeSet::new));
        Set<String> domainServers =
                fx.domains.getDomainDetail(r -> r.domainName("shop-demo.com")).nameservers().stream()
                        .map(n -> n.name().replaceAll("\\.$", ""))
                        .collect(Collectors.toCollection(TreeSet::new));
        assertThat(domainServers).isEqualTo(zoneServers);
        assertThat(result.outputs().domainRegisteredInAccount()).isTrue();
        assertThat(result.outputs().hostedZoneId()).isEqualTo(zones.get(0).id().replace("/hostedzone/", ""));
        assertThat(again.apiCalls().writes()).isZero();
        fx.assertPolicyAllowsEveryCall(spec);
    }

    @Test
    void apply_whenAcmRefusesTheNumberOfNames_namesTheQuotaAndHowToRaiseIt_andTheNextApplyWithFewerNamesConverges() {
        fx.withZone();
        List<String> eleven = java.util.stream.IntStream.rangeClosed(1, 11)
                .mapToObj(i -> "n" + i + ".example.com")
                .toList();
        HttpsSetup tooMany = fx.spec()
                .domain(d -> d.name("example.com").alternativeNames(eleven))
                .build();

        fx.executor().plan(tooMany);
        assertThat(fx.events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(ProgressEvent.Type.WARNING);
            assertThat(e.message()).contains("covers 12 names").contains("Domain names per ACM certificate");
        });
        assertThatThrownBy(() -> fx.executor().apply(tooMany)).isInstanceOfSatisfying(HttpsSetupException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
            assertThat(e.getMessage())
                    .contains(
                            "12 names",
                            "Domain names per ACM certificate",
                            "Service Quotas",
                            "domain.alternativeNames");
        });
        assertThat(ownedCertificates()).isEmpty();

        fx.executor().apply(fx.spec().build());
        assertThat(onlyOwnedCertificate().status()).isEqualTo(CertificateStatus.ISSUED);
    }

    private List<CertificateDetail> ownedCertificates() {
        return fx.acm.listCertificates().certificateSummaryList().stream()
                .map(CertificateSummary::certificateArn)
                .filter(arn -> "shop".equals(tags(arn).get("https-setup:stack")))
                .map(arn ->
                        fx.acm.describeCertificate(r -> r.certificateArn(arn)).certificate())
                .toList();
    }

    private CertificateDetail onlyOwnedCertificate() {
        List<CertificateDetail> owned = ownedCertificates();
        assertThat(owned).hasSize(1);
        return owned.get(0);
    }

    private Map<String, String> tags(String arn) {
        return fx.acm.listTagsForCertificate(r -> r.certificateArn(arn)).tags().stream()
                .collect(Collectors.toMap(Tag::key, t -> t.value() == null ? "" : t.value()));
    }

    private List<ResourceRecordSet> records() {
        return fx.route53.listResourceRecordSets(r -> r.hostedZoneId(fx.zoneId)).resourceRecordSets();
    }
}
