package io.github.httpssetup.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.HttpsSetupExecutor;
import io.github.httpssetup.core.InvalidSpecException;
import io.github.httpssetup.core.IpAddressType;
import io.github.httpssetup.core.KeyAlgorithm;
import io.github.httpssetup.core.ReferenceWorld;
import io.github.httpssetup.core.Violation;
import io.github.httpssetup.core.internal.ApiCallCounter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Bad descriptions given to the builder: each is refused by {@code build()} with an {@link InvalidSpecException} whose
 * violation carries the property path, and no AWS call is made: an executor with a counting interceptor, pointed at a
 * port nothing listens on, sees zero calls (and does see the calls of a valid description, so the count can fail).
 * No emulator is needed. The YAML corpus is {@code BadInputCorpusTest} of https-setup-yaml.
 */
class BadInputTest {

    private static final String ID = "i-0123456789abcdef0";
    /** Nothing listens here: a call would fail, and the counter would see it first. */
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

    /** One bad description: its name, the property path its violation names, and the change to the reference stack. */
    record Case(String name, String path, Consumer<HttpsSetup.Builder> change) {
        @Override
        public String toString() {
            return name + " -> " + path;
        }
    }

    @AfterAll
    static void flush() {
        ReliabilitySummary.flush();
    }

    static Stream<Case> cases() {
        return Stream.of(
                // stack
                new Case("stack missing", "stack", b -> b.stack(null)),
                new Case("stack empty", "stack", b -> b.stack("")),
                new Case("stack upper case", "stack", b -> b.stack("Shop")),
                new Case("stack underscore", "stack", b -> b.stack("my_shop")),
                new Case("stack too long", "stack", b -> b.stack("a".repeat(21))),
                new Case("stack internal", "stack", b -> b.stack("internal-shop")),
                new Case("stack unicode", "stack", b -> b.stack("shöp")),
                // region
                new Case("region missing", "region", b -> b.region(null)),
                new Case("region not a code", "region", b -> b.region("Seoul")),
                new Case("region with space", "region", b -> b.region("us east 1")),
                // domain
                new Case("domain missing", "domain", b -> b.domain((io.github.httpssetup.core.DomainSpec) null)),
                new Case("domain name missing", "domain.name", b -> b.domain(d -> d.name(null))),
                new Case("domain name wildcard", "domain.name", b -> b.domain(d -> d.name("*.example.com"))),
                new Case("domain name with scheme", "domain.name", b -> b.domain(d -> d.name("https://example.com"))),
                new Case("domain name with space", "domain.name", b -> b.domain(d -> d.name("exa mple.com"))),
                new Case("domain label too long", "domain.name", b -> b.domain(d -> d.name("a".repeat(64) + ".com"))),
                new Case(
                        "domain name too long",
                        "domain.name",
                        b -> b.domain(d -> d.name(("abcdefghi.".repeat(26)) + "com"))),
                new Case("domain label leading hyphen", "domain.name", b -> b.domain(d -> d.name("-shop.example.com"))),
                new Case("domain empty label", "domain.name", b -> b.domain(d -> d.name("shop..example.com"))),
                new Case(
                        "alternative name wildcard inside",
                        "domain.alternativeNames[0]",
                        b -> b.domain(d -> d.name("example.com").alternativeNames("www.*.example.com"))),
                new Case(
                        "alternative name duplicate",
                        "domain.alternativeNames[1]",
                        b -> b.domain(
                                d -> d.name("example.com").alternativeNames("www.example.com", "www.example.com"))),
                new Case(
                        "alternative names too many",
                        "domain.alternativeNames",
                        b -> b.domain(d -> d.name("example.com").alternativeNames(names(120)))),
                new Case(
                        "hosted zone id bad",
                        "domain.hostedZone.id",
                        b -> b.domain(d -> d.name("example.com").hostedZone(z -> z.id("not a zone")))),
                new Case(
                        "hosted zone id with create",
                        "domain.hostedZone.create",
                        b -> b.domain(d -> d.name("example.com")
                                .hostedZone(z -> z.id("Z0123456789ABCDEFGHIJ").create(true)))),
                new Case(
                        "hosted zone name outside",
                        "domain.name",
                        b -> b.domain(d -> d.name("example.com").hostedZone(z -> z.name("other.org")))),
                new Case(
                        "registration years 0",
                        "domain.registration.durationInYears",
                        b -> b.domain(d -> d.name("example.com")
                                .registration(r -> r.durationInYears(0).contact(BadInputTest::contact)))),
                new Case(
                        "registration years 11",
                        "domain.registration.durationInYears",
                        b -> b.domain(d -> d.name("example.com")
                                .registration(r -> r.durationInYears(11).contact(BadInputTest::contact)))),
                new Case(
                        "registration bad email",
                        "domain.registration.contact.email",
                        b -> b.domain(d -> d.name("example.com")
                                .registration(r -> r.contact(k -> contact(k).email("jane at example.com"))))),
                new Case(
                        "registration bad phone",
                        "domain.registration.contact.phoneNumber",
                        b -> b.domain(d -> d.name("example.com")
                                .registration(r -> r.contact(k -> contact(k).phoneNumber("555-0100"))))),
                new Case(
                        "registration bad country",
                        "domain.registration.contact.countryCode",
                        b -> b.domain(d -> d.name("example.com")
                                .registration(r -> r.contact(k -> contact(k).countryCode("usa"))))),
                new Case(
                        "registration of a sub-domain",
                        "domain.registration",
                        b -> b.domain(
                                d -> d.name("app.example.co.uk").registration(r -> r.contact(BadInputTest::contact)))),
                // certificate
                new Case(
                        "certificate arn not an arn",
                        "certificate.arn",
                        b -> b.certificate(k -> k.arn("my-certificate"))),
                new Case(
                        "certificate arn other region",
                        "certificate.arn",
                        b -> b.certificate(
                                k -> k.arn(
                                        "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"))),
                new Case(
                        "certificate timeout negative",
                        "certificate.validationTimeout",
                        b -> b.certificate(k -> k.validationTimeout(Duration.ofSeconds(-1)))),
                // targets
                new Case("targets missing", "targets", b -> b.targets((io.github.httpssetup.core.TargetsSpec) null)),
                new Case("targets empty", "targets", b -> b.targets(t -> t.port(8080))),
                new Case(
                        "instance id malformed", "targets.instanceIds[0]", b -> b.targets(t -> t.instanceIds("i-xyz"))),
                new Case(
                        "instance id upper case",
                        "targets.instanceIds[0]",
                        b -> b.targets(t -> t.instanceIds("I-0123456789ABCDEF0"))),
                new Case(
                        "auto scaling group with instance ids",
                        "targets.autoScalingGroup",
                        b -> b.targets(t -> t.instanceIds(ID).autoScalingGroup("shop-asg"))),
                new Case(
                        "auto scaling group with instance tags",
                        "targets.autoScalingGroup",
                        b -> b.targets(t -> t.addInstanceTag("app", "shop").autoScalingGroup("shop-asg"))),
                new Case(
                        "auto scaling group name with a colon",
                        "targets.autoScalingGroup",
                        b -> b.targets(t -> t.autoScalingGroup("shop:asg"))),
                new Case(
                        "auto scaling group given as an ARN",
                        "targets.autoScalingGroup",
                        b -> b.targets(
                                t -> t.autoScalingGroup(
                                        "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:id:autoScalingGroupName/a"))),
                new Case("instance id empty", "targets.instanceIds[0]", b -> b.targets(t -> t.instanceIds(""))),
                new Case("instance id duplicate", "targets.instanceIds[1]", b -> b.targets(t -> t.instanceIds(ID, ID))),
                new Case(
                        "instance ids and tags",
                        "targets.instanceTags",
                        b -> b.targets(t -> t.instanceIds(ID).instanceTags(Map.of("app", "shop")))),
                new Case(
                        "port 0",
                        "targets.port",
                        b -> b.targets(t -> t.instanceIds(ID).port(0))),
                new Case(
                        "port 80800",
                        "targets.port",
                        b -> b.targets(t -> t.instanceIds(ID).port(80800))),
                new Case(
                        "port negative",
                        "targets.port",
                        b -> b.targets(t -> t.instanceIds(ID).port(-1))),
                new Case(
                        "health path relative",
                        "targets.healthCheck.path",
                        b -> b.targets(t -> t.instanceIds(ID).healthCheck(h -> h.path("health")))),
                new Case(
                        "health path too long",
                        "targets.healthCheck.path",
                        b -> b.targets(t -> t.instanceIds(ID).healthCheck(h -> h.path("/" + "a".repeat(1100))))),
                new Case(
                        "health matcher bad",
                        "targets.healthCheck.matcher",
                        b -> b.targets(t -> t.instanceIds(ID).healthCheck(h -> h.matcher("ok")))),
                new Case(
                        "health port 70000",
                        "targets.healthCheck.port",
                        b -> b.targets(t -> t.instanceIds(ID).healthCheck(h -> h.port(70000)))),
                new Case(
                        "health interval 1s",
                        "targets.healthCheck.interval",
                        b -> b.targets(t -> t.instanceIds(ID)
                                .healthCheck(
                                        h -> h.interval(Duration.ofSeconds(1)).timeout(Duration.ofSeconds(2))))),
                new Case(
                        "health timeout >= interval",
                        "targets.healthCheck.timeout",
                        b -> b.targets(t -> t.instanceIds(ID)
                                .healthCheck(
                                        h -> h.interval(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(10))))),
                new Case(
                        "health threshold 1",
                        "targets.healthCheck.healthyThreshold",
                        b -> b.targets(t -> t.instanceIds(ID).healthCheck(h -> h.healthyThreshold(1)))),
                new Case(
                        "unhealthy threshold 11",
                        "targets.healthCheck.unhealthyThreshold",
                        b -> b.targets(t -> t.instanceIds(ID).healthCheck(h -> h.unhealthyThreshold(11)))),
                new Case(
                        "deregistration delay 2h",
                        "targets.deregistrationDelay",
                        b -> b.targets(t -> t.instanceIds(ID).deregistrationDelay(Duration.ofHours(2)))),
                new Case(
                        "deregistration delay fractional",
                        "targets.deregistrationDelay",
                        b -> b.targets(t -> t.instanceIds(ID).deregistrationDelay(Duration.ofMillis(1500)))),
                // load balancer
                new Case("lb name underscore", "loadBalancer.name", b -> b.loadBalancer(l -> l.name("shop_https"))),
                new Case("lb name too long", "loadBalancer.name", b -> b.loadBalancer(l -> l.name("a".repeat(33)))),
                new Case("lb name internal-", "loadBalancer.name", b -> b.loadBalancer(l -> l.name("internal-shop"))),
                new Case(
                        "lb one subnet",
                        "loadBalancer.subnets",
                        b -> b.loadBalancer(l -> l.subnets("subnet-0123456789abcdef0"))),
                new Case(
                        "lb subnet malformed",
                        "loadBalancer.subnets[1]",
                        b -> b.loadBalancer(l -> l.subnets("subnet-0123456789abcdef0", "sub-1"))),
                new Case(
                        "lb security group malformed",
                        "loadBalancer.securityGroups[0]",
                        b -> b.loadBalancer(l -> l.securityGroups("default"))),
                new Case(
                        "lb idle timeout 0",
                        "loadBalancer.idleTimeout",
                        b -> b.loadBalancer(l -> l.idleTimeout(Duration.ZERO).ipAddressType(IpAddressType.IPV4))),
                new Case(
                        "lb idle timeout 5000s",
                        "loadBalancer.idleTimeout",
                        b -> b.loadBalancer(l -> l.idleTimeout(Duration.ofSeconds(5000)))),
                // listeners
                new Case("https port 0", "listeners.https.port", b -> b.httpsListener(h -> h.port(0))),
                new Case("ssl policy empty", "listeners.https.sslPolicy", b -> b.httpsListener(h -> h.sslPolicy(""))),
                new Case(
                        "ssl policy with spaces",
                        "listeners.https.sslPolicy",
                        b -> b.httpsListener(h -> h.sslPolicy("TLS 1.3 please"))),
                new Case("http port 65536", "listeners.http.port", b -> b.httpListener(h -> h.port(65536))),
                new Case("http port = https port", "listeners.http.port", b -> b.httpListener(h -> h.port(443))),
                // tags and timeouts
                new Case("tag reserved aws:", "tags.aws:owner", b -> b.addTag("aws:owner", "me")),
                new Case(
                        "tag ownership key",
                        "tags." + HttpsSetup.OWNERSHIP_TAG,
                        b -> b.addTag(HttpsSetup.OWNERSHIP_TAG, "other")),
                new Case("tag key too long", "tags." + "k".repeat(129), b -> b.addTag("k".repeat(129), "v")),
                new Case("tag value too long", "tags.team", b -> b.addTag("team", "v".repeat(257))),
                new Case("tag key bad characters", "tags.te{am}", b -> b.addTag("te{am}", "web")),
                new Case("too many tags", "tags", b -> b.tags(tags(41))),
                new Case("wait timeout zero", "waitTimeout", b -> b.waitTimeout(Duration.ZERO)),
                new Case("wait timeout negative", "waitTimeout", b -> b.waitTimeout(Duration.ofMinutes(-5))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badDescription_isRefusedWithItsPropertyPath_andNoAwsCall(Case c) {
        ReliabilitySummary.increment("bad_inputs");
        ApiCallCounter calls = new ApiCallCounter();
        HttpsSetupExecutor executor = executorOnNowhere(calls);
        HttpsSetup.Builder builder =
                ReferenceWorld.stack(List.of(ID)).certificate(k -> k.keyAlgorithm(KeyAlgorithm.RSA_2048));
        c.change().accept(builder);

        assertThatThrownBy(() -> executor.apply(builder.build()))
                .as(c.name())
                .isInstanceOfSatisfying(InvalidSpecException.class, invalid -> {
                    assertThat(invalid.violations())
                            .as(c.name())
                            .extracting(Violation::path)
                            .contains(c.path());
                    assertThat(invalid.getMessage()).as(c.name()).contains(c.path() + ": ");
                    assertThat(invalid.violations())
                            .as(c.name())
                            .allSatisfy(v -> assertThat(v.message()).hasSizeGreaterThan(10));
                });
        assertThat(calls.snapshot().byOperation()).as(c.name() + ": AWS calls").isEmpty();
        ReliabilitySummary.increment("bad_inputs_rejected_without_aws_calls");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> HttpsSetup.builder()
                        .stack("Bad_Stack")
                        .region("moon")
                        .domain(d -> d.name("*.x"))
                        .targets(t -> t.instanceIds("i-1").port(0))
                        .build())
                .isInstanceOfSatisfying(
                        InvalidSpecException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::path)
                                .contains("stack", "region", "domain.name", "targets.instanceIds[0]", "targets.port"));
    }

    @Test
    void build_whenInvalid_reportsEveryViolation_beforeAnyAwsCall() {
        ApiCallCounter calls = new ApiCallCounter();
        HttpsSetupExecutor executor = executorOnNowhere(calls);

        assertThatThrownBy(() -> executor.apply(HttpsSetup.builder()
                        .stack("Shop_1")
                        .region("ap-northeast-2")
                        .domain(d -> d.name("-bad.example.com"))
                        .targets(t -> t.instanceIds("i-nothex").port(80800))
                        .build()))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::path)
                                .contains("stack", "domain.name", "targets.instanceIds[0]", "targets.port"));
        assertThat(calls.snapshot().total()).isZero();
    }

    @Test
    void plan_inAnUnsupportedPartition_isRefusedBeforeAnyCall() {
        ApiCallCounter calls = new ApiCallCounter();
        HttpsSetup spec = ReferenceWorld.stack(List.of(ID))
                .domain(d -> d.name("example.com"))
                .region("us-iso-east-1")
                .build();

        assertThatThrownBy(() -> executorOnNowhere(calls).plan(spec))
                .isInstanceOfSatisfying(HttpsSetupException.class, e -> {
                    assertThat(e.code()).isEqualTo(io.github.httpssetup.core.ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).contains("aws-iso partition");
                });
        assertThat(calls.snapshot().total()).isZero();
    }

    @Test
    void counterOnTheRefusingEndpoint_seesTheCallsOfAValidDescription() {
        ApiCallCounter calls = new ApiCallCounter();
        ExecutionInterceptor stopOnceCounted = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                throw new IllegalStateException("counted; not sent, so the SDK does not retry a refused connection");
            }
        };

        assertThatThrownBy(() -> executorOnNowhere(calls, stopOnceCounted)
                        .plan(ReferenceWorld.stack(List.of(ID)).build()))
                .isInstanceOf(RuntimeException.class);
        assertThat(calls.snapshot().total())
                .as("calls the counter saw on a port nothing listens on")
                .isPositive();
    }

    /** An executor on a port nothing listens on; {@code calls} counts each call before it would be sent. */
    private static HttpsSetupExecutor executorOnNowhere(ApiCallCounter calls, ExecutionInterceptor... after) {
        HttpsSetupExecutor.Builder builder = HttpsSetupExecutor.builder()
                .endpointOverride(NOWHERE)
                .credentials("testing", "testing", null)
                .addExecutionInterceptor(calls)
                .listener(e -> {});
        for (ExecutionInterceptor interceptor : after) {
            builder.addExecutionInterceptor(interceptor);
        }
        return builder.build();
    }

    private static io.github.httpssetup.core.ContactSpec.Builder contact(
            io.github.httpssetup.core.ContactSpec.Builder k) {
        return k.firstName("Jane")
                .lastName("Doe")
                .email("jane@example.com")
                .phoneNumber("+1.2065550100")
                .addressLine1("1 Main St")
                .city("Seattle")
                .countryCode("US")
                .zipCode("98101");
    }

    private static List<String> names(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("n" + i + ".example.com");
        }
        return Collections.unmodifiableList(names);
    }

    private static Map<String, String> tags(int n) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            tags.put("k" + i, "v");
        }
        return tags;
    }
}
