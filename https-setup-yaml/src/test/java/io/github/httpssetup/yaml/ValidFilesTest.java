package io.github.httpssetup.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.ContactType;
import io.github.httpssetup.core.FrameOptions;
import io.github.httpssetup.core.HttpAction;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.IpAddressType;
import io.github.httpssetup.core.KeyAlgorithm;
import io.github.httpssetup.core.TargetProtocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The files in {@code valid/} load to the descriptions a builder makes, with and without their environments. */
class ValidFilesTest {

    static Path valid(String name) {
        try {
            return Path.of(ValidFilesTest.class.getResource("/valid/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpsSetup load(String name, String environment) {
        return HttpsSetupYaml.load(valid(name), environment);
    }

    @Test
    void minimal_loadsWithEveryDefault() {
        HttpsSetup expected = HttpsSetup.builder()
                .stack("shop")
                .region("ap-northeast-2")
                .domain(d -> d.name("example.com"))
                .targets(t -> t.instanceIds("i-0123456789abcdef0"))
                .build();

        assertThat(HttpsSetupYaml.load(valid("minimal.yaml"))).isEqualTo(expected);
    }

    @Test
    void full_setsEveryKey() {
        assertThat(load("full.yaml", null)).isEqualTo(full());
    }

    /** What full.yaml describes, key by key. */
    static HttpsSetup full() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("team", "web");
        tags.put("cost-center", "4711");
        return HttpsSetup.builder()
                .stack("shop")
                .region("ap-northeast-2")
                .domain(d -> d.name("example.com")
                        .alternativeNames("www.example.com", "*.api.example.com")
                        .hostedZone(z -> z.name("example.com").create(true).deleteOnDestroy(true))
                        .registration(r -> r.durationInYears(2)
                                .autoRenew(false)
                                .privacyProtection(false)
                                .contact(c -> c.contactType(ContactType.COMPANY)
                                        .firstName("Jane")
                                        .lastName("Doe")
                                        .organizationName("Example Corp")
                                        .email("jane@example.com")
                                        .phoneNumber("+1.2065550100")
                                        .addressLine1("1 Main Street")
                                        .addressLine2("Suite 100")
                                        .city("Seattle")
                                        .state("WA")
                                        .countryCode("US")
                                        .zipCode("98101"))))
                .certificate(c -> c.arn("arn:aws:acm:ap-northeast-2:123456789012:certificate/"
                                + "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d")
                        .keyAlgorithm(KeyAlgorithm.EC_PRIME256V1)
                        .validationTimeout(Duration.ofMinutes(45)))
                .targets(t -> t.instanceIds("i-0123456789abcdef0", "i-0fedcba9876543210")
                        .port(9090)
                        .protocol(TargetProtocol.HTTPS)
                        .healthCheck(h -> h.path("/actuator/health")
                                .port(9091)
                                .protocol(TargetProtocol.HTTP)
                                .matcher("200-299")
                                .interval(Duration.ofSeconds(15))
                                .timeout(Duration.ofSeconds(3))
                                .healthyThreshold(3)
                                .unhealthyThreshold(4))
                        .deregistrationDelay(Duration.ofSeconds(30))
                        .stickiness(Duration.ofHours(1))
                        .waitUntilHealthy(false))
                .loadBalancer(lb -> lb.name("shop-https")
                        .ipAddressType(IpAddressType.DUALSTACK)
                        .subnets("subnet-0123456789abcdef0", "subnet-0fedcba9876543210")
                        .securityGroups("sg-0123456789abcdef0")
                        .idleTimeout(Duration.ofMinutes(2))
                        .deletionProtection(true)
                        .webAcl(
                                "arn:aws:wafv2:ap-northeast-2:123456789012:regional/webacl/shop/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")
                        .accessLogs(
                                l -> l.bucket("shop-alb-logs").prefix("prod").create(true)))
                .httpsListener(l -> l.port(8443)
                        .sslPolicy("ELBSecurityPolicy-TLS13-1-3-2021-06")
                        .securityHeaders(h -> h.strictTransportSecurity(s -> s.maxAge(Duration.ofDays(730))
                                        .includeSubDomains(true)
                                        .preload(true))
                                .contentTypeOptions(true)
                                .frameOptions(FrameOptions.DENY)
                                .contentSecurityPolicy("default-src 'self'; frame-ancestors 'none'")
                                .removeServerHeader(true)))
                .httpListener(l -> l.port(8080).action(HttpAction.FORWARD))
                .records(r -> r.enabled(true).evaluateTargetHealth(false))
                .tags(tags)
                .adopt(true)
                .waitTimeout(Duration.ofMinutes(20))
                .build();
    }

    @Test
    void full_survivesTheRoundTrip() {
        HttpsSetup full = load("full.yaml", null);

        String written = HttpsSetupYaml.write(full);

        assertThat(HttpsSetupYaml.load("written.yaml", written, null, name -> null))
                .isEqualTo(full);
    }

    /** The base of multi-environment.yaml, with AWS_REGION unset. */
    private static HttpsSetup.Builder multiEnvironmentBase() {
        Map<String, String> instanceTags = new LinkedHashMap<>();
        instanceTags.put("app", "shop");
        instanceTags.put("env", "staging");
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("team", "web");
        tags.put("env", "staging");
        return HttpsSetup.builder()
                .stack("shop")
                .region("ap-northeast-2")
                .domain(d -> d.name("staging.example.com")
                        .alternativeNames("www.staging.example.com", "api.staging.example.com")
                        .hostedZone(z -> z.id("Z0123456789ABCDEFGHIJ")))
                .targets(t -> t.instanceTags(instanceTags)
                        .port(8080)
                        .healthCheck(h -> h.path("/actuator/health").interval(Duration.ofSeconds(15))))
                .loadBalancer(lb -> lb.ipAddressType(IpAddressType.DUALSTACK))
                .tags(tags);
    }

    private static HttpsSetup loadMultiEnvironment(String environment) {
        return HttpsSetupYaml.load("multi-environment.yaml", read("multi-environment.yaml"), environment, name -> null);
    }

    private static String read(String name) {
        try {
            return Files.readString(valid(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void multiEnvironment_withoutEnvironment_isTheBase() {
        assertThat(loadMultiEnvironment(null)).isEqualTo(multiEnvironmentBase().build());
    }

    @Test
    void multiEnvironment_anEmptyEnvironment_isTheBase() {
        assertThat(loadMultiEnvironment("staging"))
                .isEqualTo(multiEnvironmentBase().build());
    }

    @Test
    void multiEnvironment_prod_mergesMappingsKeyByKey_replacesListsWhole_andNullRemoves() {
        Map<String, String> instanceTags = new LinkedHashMap<>();
        instanceTags.put("app", "shop");
        instanceTags.put("env", "prod");
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("team", "web");
        tags.put("env", "prod");
        tags.put("owner", "ops");
        HttpsSetup expected = multiEnvironmentBase()
                .region("eu-west-1")
                .domain(d -> d.name("example.com")
                        .alternativeNames("www.example.com")
                        .hostedZone(z -> z.id("Z9876543210ZYXWVUTSRQ")))
                .targets(t -> t.instanceTags(instanceTags)
                        .port(8080)
                        .healthCheck(h -> h.path("/actuator/health").interval(Duration.ofSeconds(10)))
                        .stickiness(Duration.ofHours(1)))
                .loadBalancer(lb -> lb.deletionProtection(true).allowFrom("203.0.113.0/24", "pl-0123456789abcdef0"))
                .tags(tags)
                .build();

        assertThat(loadMultiEnvironment("prod")).isEqualTo(expected);
    }

    @Test
    void multiEnvironment_dev_replacesInstanceTagsWithInstanceIds_andKeepsTheBaseElsewhere() {
        HttpsSetup expected = multiEnvironmentBase()
                .stack("shop-dev")
                .targets(t -> t.instanceIds("i-0123456789abcdef0")
                        .port(8080)
                        .healthCheck(h -> h.path("/actuator/health").interval(Duration.ofSeconds(15))))
                .httpsListener(l -> l.securityHeaders(io.github.httpssetup.core.SecurityHeadersSpec.recommended()))
                .httpListener(l -> l.action(HttpAction.FORWARD))
                .build();

        assertThat(loadMultiEnvironment("dev")).isEqualTo(expected);
    }

    @Test
    void multiEnvironment_scaled_replacesInstanceTagsWithAnAutoScalingGroup() {
        HttpsSetup expected = multiEnvironmentBase()
                .targets(t -> t.autoScalingGroup("shop-asg")
                        .port(8080)
                        .healthCheck(h -> h.path("/actuator/health").interval(Duration.ofSeconds(15))))
                .build();

        assertThat(loadMultiEnvironment("scaled")).isEqualTo(expected);
    }

    @Test
    void multiEnvironment_variablesComeFromTheLookup() {
        HttpsSetup setup = HttpsSetupYaml.load(
                "multi-environment.yaml", read("multi-environment.yaml"), null, Map.of("AWS_REGION", "us-west-2")::get);

        assertThat(setup.region()).isEqualTo("us-west-2");
    }

    @Test
    void multiEnvironment_eachEnvironmentSurvivesTheRoundTrip() {
        for (String environment : HttpsSetupYaml.environments(valid("multi-environment.yaml"))) {
            HttpsSetup setup = loadMultiEnvironment(environment);

            assertThat(HttpsSetupYaml.load("written.yaml", HttpsSetupYaml.write(setup), null, name -> null))
                    .as(environment)
                    .isEqualTo(setup);
        }
    }

    @Test
    void environments_listsTheNamesInFileOrder() {
        assertThat(HttpsSetupYaml.environments(valid("multi-environment.yaml")))
                .containsExactly("staging", "prod", "dev", "scaled");
        assertThat(HttpsSetupYaml.environments(valid("minimal.yaml"))).isEmpty();
    }

    /** The base of multi-site.yaml. */
    private static HttpsSetup.Builder multiSiteBase() {
        return HttpsSetup.builder()
                .stack("web")
                .region("ap-northeast-2")
                .site(
                        "shop",
                        s -> s.domain(d -> d.name("example.com").alternativeNames("www.example.com"))
                                .targets(t -> t.instanceTags(Map.of("app", "shop"))
                                        .port(8080)
                                        .healthCheck(h -> h.path("/health"))))
                .site(
                        "blog",
                        s -> s.domain(d -> d.name("blog.example.org")
                                        .hostedZone(z -> z.roleArn("arn:aws:iam::222233334444:role/dns")))
                                .targets(t ->
                                        t.instanceIds("i-0123456789abcdef0").port(3000))
                                .addRoute(r -> r.paths("/api/*", "/feed.xml")
                                        .targets(t -> t.instanceTags(Map.of("app", "api"))
                                                .port(9000))))
                .defaultSite("shop")
                .loadBalancer(lb -> lb.ipAddressType(IpAddressType.DUALSTACK))
                .httpListener(l -> l.action(HttpAction.REDIRECT));
    }

    private static HttpsSetup loadMultiSite(String environment) {
        return HttpsSetupYaml.load("multi-site.yaml", read("multi-site.yaml"), environment, name -> null);
    }

    @Test
    void multiSite_loadsEachSiteWithItsZoneRoleAndRoutes_inFileOrder() {
        HttpsSetup setup = loadMultiSite(null);

        assertThat(setup).isEqualTo(multiSiteBase().build());
        assertThat(setup.sites()).containsOnlyKeys("shop", "blog");
        assertThat(setup.sites().keySet()).containsExactly("shop", "blog");
        assertThat(setup.domain()).isNull();
        assertThat(setup.targets()).isNull();
    }

    @Test
    void multiSite_staging_addsASite_mergesAnotherKeyByKey_andNullRemovesRoutesAndTheDefaultSite() {
        HttpsSetup expected = multiSiteBase()
                .site(
                        "blog",
                        s -> s.domain(d -> d.name("blog.example.org")
                                        .hostedZone(z -> z.roleArn("arn:aws:iam::222233334444:role/dns")))
                                .targets(t ->
                                        t.instanceIds("i-0fedcba9876543210").port(3000)))
                .site(
                        "docs",
                        s -> s.domain(d -> d.name("docs.example.com"))
                                .targets(t -> t.instanceTags(Map.of("app", "docs"))))
                .defaultSite(null)
                .build();

        HttpsSetup staging = loadMultiSite("staging");

        assertThat(staging).isEqualTo(expected);
        assertThat(staging.sites().keySet()).containsExactly("shop", "blog", "docs");
    }

    @Test
    void multiSite_eachEnvironmentSurvivesTheRoundTrip() {
        for (String environment : java.util.Arrays.asList(null, "staging")) {
            HttpsSetup setup = loadMultiSite(environment);

            assertThat(HttpsSetupYaml.load("written.yaml", HttpsSetupYaml.write(setup), null, name -> null))
                    .as(String.valueOf(environment))
                    .isEqualTo(setup);
        }
    }

    @Test
    void validate_onValidFiles_findsNothing() {
        assertThat(HttpsSetupYaml.validate(valid("multi-site.yaml"), null)).isEmpty();
        assertThat(HttpsSetupYaml.validate(valid("multi-site.yaml"), "staging")).isEmpty();
        assertThat(HttpsSetupYaml.validate(valid("full.yaml"), null)).isEmpty();
        assertThat(HttpsSetupYaml.validate(valid("multi-environment.yaml"), "prod"))
                .isEmpty();
    }
}
