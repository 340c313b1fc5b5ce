package io.github.httpssetup.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupExecutor;
import io.github.httpssetup.core.InvalidSpecException;
import io.github.httpssetup.core.IpAddressType;
import io.github.httpssetup.core.KeyAlgorithm;
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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad descriptions given to the builder: each is refused by {@code build()} with an {@link InvalidSpecException} whose
 * violation carries the property path, and no AWS call is made (an executor with a counting interceptor, pointed at a
 * port nothing listens on, sees zero calls). The YAML corpus is {@code BadInputCorpusTest} of https-setup-yaml.
 */
class BadInputIT {

    private static final String ID = "i-0123456789abcdef0";
    /** Nothing listens here: a call would fail, and the counter would see it first. */
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

    @AfterAll
    static void flush() {
        ReliabilitySummary.flush();
    }

    static Stream<Arguments> cases() {
        Map<String, Object[]> c = new LinkedHashMap<>();
        // stack
        c.put("stack missing", new Object[] {"stack", (Consumer<HttpsSetup.Builder>) b -> b.stack(null)});
        c.put("stack empty", new Object[] {"stack", (Consumer<HttpsSetup.Builder>) b -> b.stack("")});
        c.put("stack upper case", new Object[] {"stack", (Consumer<HttpsSetup.Builder>) b -> b.stack("Shop")});
        c.put("stack underscore", new Object[] {"stack", (Consumer<HttpsSetup.Builder>) b -> b.stack("my_shop")});
        c.put("stack too long", new Object[] {"stack", (Consumer<HttpsSetup.Builder>) b -> b.stack("a".repeat(21))});
        c.put("stack internal", new Object[] {"stack", (Consumer<HttpsSetup.Builder>) b -> b.stack("internal-shop")});
        c.put("stack unicode", new Object[] {"stack", (Consumer<HttpsSetup.Builder>) b -> b.stack("shöp")});
        // region
        c.put("region missing", new Object[] {"region", (Consumer<HttpsSetup.Builder>) b -> b.region(null)});
        c.put("region not a code", new Object[] {"region", (Consumer<HttpsSetup.Builder>) b -> b.region("Seoul")});
        c.put("region with space", new Object[] {"region", (Consumer<HttpsSetup.Builder>) b -> b.region("us east 1")});
        // domain
        c.put("domain missing", new Object[] {"domain", (Consumer<HttpsSetup.Builder>) b -> b.domain((io.github.httpssetup.core.DomainSpec) null)});
        c.put("domain name missing", new Object[] {"domain.name", (Consumer<HttpsSetup.Builder>) b -> b.domain(d -> d.name(null))});
        c.put("domain name wildcard", new Object[] {"domain.name", (Consumer<HttpsSetup.Builder>) b -> b.domain(d -> d.name("*.example.com"))});
        c.put("domain name with scheme", new Object[] {"domain.name", (Consumer<HttpsSetup.Builder>) b -> b.domain(d -> d.name("https://example.com"))});
        c.put("domain name with space", new Object[] {"domain.name", (Consumer<HttpsSetup.Builder>) b -> b.domain(d -> d.name("exa mple.com"))});
        c.put("domain label too long", new Object[] {"domain.name", (Consumer<HttpsSetup.Builder>) b -> b.domain(d -> d.name("a".repeat(64) + ".com"))});
        c.put("domain name too long", new Object[] {"domain.name", (Consumer<HttpsSetup.Builder>) b -> b.domain(d -> d.name(("abcdefghi.".repeat(26)) + "com"))});
        c.put("domain label leading hyphen", new Object[] {"domain.name", (Consumer<HttpsSetup.Builder>) b -> b.domain(d -> d.name("-shop.example.com"))});
        c.put("domain empty label", new Object[] {"domain.name", (Consumer<HttpsSetup.Builder>) b -> b.domain(d -> d.name("shop..example.com"))});
        c.put("alternative name wildcard inside", new Object[] {"domain.alternativeNames[0]", (Consumer<HttpsSetup.Builder>) b -> b.domain(d -> d.name("example.com").alternativeNames("www.*.example.com"))});
        c.put("alternative name duplicate", new Object[] {"domain.alternativeNames[1]", (Consumer<HttpsSetup.Builder>) b -> b.domain(d -> d.name("example.com").alternativeNames("www.example.com", "www.example.com"))});
        c.put("alternative names too many", new Object[] {"domain.alternativeNames", (Consumer<HttpsSetup.Builder>) b -> b.domain(d -> d.name("example.com").alternativeNames(names(120)))});
        c.put("hosted zone id bad", new Object[] {"domain.hostedZone.id", (Consumer<HttpsSetup.Builder>) b -> b.domain(d -> d.name("example.com").hostedZone(z -> z.id("not a zone")))});
        c.put("hosted zone id with create", new Object[] {"domain.hostedZone.create", (Consumer<HttpsSetup.Builder>) b -> b.domain(d -> d.name("example.com").hostedZone(z -> z.id("Z0123456789ABCDEFGHIJ").create(true)))});
        c.put("hosted zone name outside", new Object[] {"domain.name", (Consumer<HttpsSetup.Builder>) b -> b.domain(d -> d.name("example.com").hostedZone(z -> z.name("other.org")))});
        c.put("registration years 0", new Object[] {"domain.registration.durationInYears", (Consumer<HttpsSetup.Builder>) b -> b.domain(d -> d.name("example.com").registration(r -> r.durationInYears(0).contact(BadInputIT::contact)))});
        c.put("registration years 11", new Object[] {"domain.registration.durationInYears", (Consumer<HttpsSetup.Builder>) b -> b.domain(d -> d.name("example.com").registration(r -> r.durationInYears(11).contact(BadInputIT::contact)))});
        c.put("registration bad email", new Object[] {"domain.registration.contact.email", (Consumer<HttpsSetup.Builder>) b -> b.domain(d -> d.name("example.com").registration(r -> r.contact(k -> contact(k).email("jane at example.com"))))});
        c.put("registration bad phone", new Object[] {"domain.registration.contact.phoneNumber", (Consumer<HttpsSetup.Builder>) b -> b.domain(d -> d.name("example.com").registration(r -> r.contact(k -> contact(k).phoneNumber("555-0100"))))});
        c.put("registration bad country", new Object[] {"domain.registration.contact.countryCode", (Consumer<HttpsSetup.Builder>) b -> b.domain(d -> d.name("example.com").registration(r -> r.contact(k -> contact(k).countryCode("usa"))))});
        c.put("registration of a sub-domain", new Object[] {"domain.registration", (Consumer<HttpsSetup.Builder>) b -> b.domain(d -> d.name("app.example.co.uk").registration(r -> r.contact(BadInputIT::contact)))});
        // certificate
        c.put("certificate arn not an arn", new Object[] {"certificate.arn", (Consumer<HttpsSetup.Builder>) b -> b.certificate(k -> k.arn("my-certificate"))});
        c.put("certificate arn other region", new Object[] {"certificate.arn", (Consumer<HttpsSetup.Builder>) b -> b.certificate(k -> k.arn("arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"))});
        c.put("certificate timeout negative", new Object[] {"certificate.validationTimeout", (Consumer<HttpsSetup.Builder>) b -> b.certificate(k -> k.validationTimeout(Duration.ofSeconds(-1)))});
        // targets
        c.put("targets missing", new Object[] {"targets", (Consumer<HttpsSetup.Builder>) b -> b.targets((io.github.httpssetup.core.TargetsSpec) null)});
        c.put("targets empty", new Object[] {"targets", (Consumer<HttpsSetup.Builder>) b -> b.targets(t -> t.port(8080))});
        c.put("instance id malformed", new Object[] {"targets.instanceIds[0]", (Consumer<HttpsSetup.Builder>) b -> b.targets(t -> t.instanceIds("i-xyz"))});
        c.put("instance id upper case", new Object[] {"targets.instanceIds[0]", (Consumer<HttpsSetup.Builder>) b -> b.targets(t -> t.instanceIds("I-0123456789ABCDEF0"))});
        c.put("instance id empty", new Object[] {"targets.instanceIds[0]", (Consumer<HttpsSetup.Builder>) b -> b.targets(t -> t.instanceIds(""))});
        c.put("instance id duplicate", new Object[] {"targets.instanceIds[1]", (Consumer<HttpsSetup.Builder>) b -> b.targets(t -> t.instanceIds(ID, ID))});
        c.put("instance ids and tags", new Object[] {"targets.instanceTags", (Consumer<HttpsSetup.Builder>) b -> b.targets(t -> t.instanceIds(ID).instanceTags(Map.of("app", "shop")))});
        c.put("port 0", new Object[] {"targets.port", (Consumer<HttpsSetup.Builder>) b -> b.targets(t -> t.instanceIds(ID).port(0))});
        c.put("port 80800", new Object[] {"targets.port", (Consumer<HttpsSetup.Builder>) b -> b.targets(t -> t.instanceIds(ID).port(80800))});
        c.put("port negative", new Object[] {"targets.port", (Consumer<HttpsSetup.Builder>) b -> b.targets(t -> t.instanceIds(ID).port(-1))});
        c.put("health path relative", new Object[] {"targets.healthCheck.path", (Consumer<HttpsSetup.Builder>) b -> b.targets(t -> t.instanceIds(ID).healthCheck(h -> h.path("health")))});
        c.put("health path too long", new Object[] {"targets.healthCheck.path", (Consumer<HttpsSetup.Builder>) b -> b.targets(t -> t.instanceIds(ID).healthCheck(h -> h.path("/" + "a".repeat(1100))))});
        c.put("health matcher bad", new Object[] {"targets.healthCheck.matcher", (Consumer<HttpsSetup.Builder>) b -> b.targets(t -> t.instanceIds(ID).healthCheck(h -> h.matcher("ok")))});
        c.put("health port 70000", new Object[] {"targets.healthCheck.port", (Consumer<HttpsSetup.Builder>) b -> b.targets(t -> t.instanceIds(ID).healthCheck(h -> h.port(70000)))});
        c.put("health interval 1s", new Object[] {"targets.healthCheck.interval", (Consumer<HttpsSetup.Builder>) b -> b.targets(t -> t.instanceIds(ID).healthCheck(h -> h.interval(Duration.ofSeconds(1)).timeout(Duration.ofSeconds(2))))});
        c.put("health timeout >= interval", new Object[] {"targets.healthCheck.timeout", (Consumer<HttpsSetup.Builder>) b -> b.targets(t -> t.instanceIds(ID).healthCheck(h -> h.interval(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(10))))});
        c.put("health threshold 1", new Object[] {"targets.healthCheck.healthyThreshold", (Consumer<HttpsSetup.Builder>) b -> b.targets(t -> t.instanceIds(ID).healthCheck(h -> h.healthyThreshold(1)))});
        c.put("unhealthy threshold 11", new Object[] {"targets.healthCheck.unhealthyThreshold", (Consumer<HttpsSetup.Builder>) b -> b.targets(t -> t.instanceIds(ID).healthCheck(h -> h.unhealthyThreshold(11)))});
        c.put("deregistration delay 2h", new Object[] {"targets.deregistrationDelay", (Consumer<HttpsSetup.Builder>) b -> b.targets(t -> t.instanceIds(ID).deregistrationDelay(Duration.ofHours(2)))});
        c.put("deregistration delay fractional", new Object[] {"targets.deregistrationDelay", (Consumer<HttpsSetup.Builder>) b -> b.targets(t -> t.instanceIds(ID).deregistrationDelay(Duration.ofMillis(1500)))});
        // load balancer
        c.put("lb name underscore", new Object[] {"loadBalancer.name", (Consumer<HttpsSetup.Builder>) b -> b.loadBalancer(l -> l.name("shop_https"))});
        c.put("lb name too long", new Object[] {"loadBalancer.name", (Consumer<HttpsSetup.Builder>) b -> b.loadBalancer(l -> l.name("a".repeat(33)))});
        c.put("lb name internal-", new Object[] {"loadBalancer.name", (Consumer<HttpsSetup.Builder>) b -> b.loadBalancer(l -> l.name("internal-shop"))});
        c.put("lb one subnet", new Object[] {"loadBalancer.subnets", (Consumer<HttpsSetup.Builder>) b -> b.loadBalancer(l -> l.subnets("subnet-0123456789abcdef0"))});
        c.put("lb subnet malformed", new Object[] {"loadBalancer.subnets[1]", (Consumer<HttpsSetup.Builder>) b -> b.loadBalancer(l -> l.subnets("subnet-0123456789abcdef0", "sub-1"))});
        c.put("lb security group malformed", new Object[] {"loadBalancer.securityGroups[0]", (Consumer<HttpsSetup.Builder>) b -> b.loadBalancer(l -> l.securityGroups("default"))});
        c.put("lb idle timeout 0", new Object[] {"loadBalancer.idleTimeout", (Consumer<HttpsSetup.Builder>) b -> b.loadBalancer(l -> l.idleTimeout(Duration.ZERO).ipAddressType(IpAddressType.IPV4))});
        c.put("lb idle timeout 5000s", new Object[] {"loadBalancer.idleTimeout", (Consumer<HttpsSetup.Builder>) b -> b.loadBalancer(l -> l.idleTimeout(Duration.ofSeconds(5000)))});
        // listeners
        c.put("https port 0", new Object[] {"listeners.https.port", (Consumer<HttpsSetup.Builder>) b -> b.httpsListener(h -> h.port(0))});
        c.put("ssl policy empty", new Object[] {"listeners.https.sslPolicy", (Consumer<HttpsSetup.Builder>) b -> b.httpsListener(h -> h.sslPolicy(""))});
        c.put("ssl policy with spaces", new Object[] {"listeners.https.sslPolicy", (Consumer<HttpsSetup.Builder>) b -> b.httpsListener(h -> h.sslPolicy("TLS 1.3 please"))});
        c.put("http port 65536", new Object[] {"listeners.http.port", (Consumer<HttpsSetup.Builder>) b -> b.httpListener(h -> h.port(65536))});
        c.put("http port = https port", new Object[] {"listeners.http.port", (Consumer<HttpsSetup.Builder>) b -> b.httpListener(h -> h.port(443))});
        // tags and timeouts
        c.put("tag reserved aws:", new Object[] {"tags.aws:owner", (Consumer<HttpsSetup.Builder>) b -> b.addTag("aws:owner", "me")});
        c.put("tag ownership key", new Object[] {"tags." + HttpsSetup.OWNERSHIP_TAG, (Consumer<HttpsSetup.Builder>) b -> b.addTag(HttpsSetup.OWNERSHIP_TAG, "other")});
        c.put("tag key too long", new Object[] {"tags." + "k".repeat(129), (Consumer<HttpsSetup.Builder>) b -> b.addTag("k".repeat(129), "v")});
        c.put("tag value too long", new Object[] {"tags.team", (Consumer<HttpsSetup.Builder>) b -> b.addTag("team", "v".repeat(257))});
        c.put("tag key bad characters", new Object[] {"tags.te{am}", (Consumer<HttpsSetup.Builder>) b -> b.addTag("te{am}", "web")});
        c.put("too many tags", new Object[] {"tags", (Consumer<HttpsSetup.Builder>) b -> b.tags(tags(41))});
        c.put("wait timeout zero", new Object[] {"waitTimeout", (Consumer<HttpsSetup.Builder>) b -> b.waitTimeout(Duration.ZERO)});
        c.put("wait timeout negative", new Object[] {"waitTimeout", (Consumer<HttpsSetup.Builder>) b -> b.waitTimeout(Duration.ofMinutes(-5))});
        List<Arguments> args = new ArrayList<>();
        c.forEach((name, v) -> args.add(Arguments.of(name, v[0], v[1])));
        return args.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void badDescription_isRefusedWithItsPropertyPath_andNoAwsCall(String name, String path, Consumer<HttpsSetup.Builder> change) {
        ReliabilitySummary.increment("bad_inputs");
        ApiCallCounter calls = new ApiCallCounter();
        HttpsSetupExecutor executor = HttpsSetupExecutor.builder().endpointOverride(NOWHERE).credentials("testing", "testing", null)
                .addExecutionInterceptor(calls).listener(e -> { }).build();
        HttpsSetup.Builder builder = World.spec(List.of(ID)).certificate(k -> k.keyAlgorithm(KeyAlgorithm.RSA_2048));
        change.accept(builder);

        Throwable thrown = null;
        try {
            executor.apply(builder.build());
        } catch (Throwable t) {
            thrown = t;
        }

        assertThat(thrown).as(name).isInstanceOf(InvalidSpecException.class);
        InvalidSpecException invalid = (InvalidSpecException) thrown;
        assertThat(invalid.violations()).as(name).extracting(v -> v.path()).contains(path);
        assertThat(invalid.getMessage()).as(name).contains(path + ": ");
        assertThat(invalid.violations()).as(name).allSatisfy(v -> assertThat(v.message()).hasSizeGreaterThan(10));
        assertThat(calls.snapshot().byOperation()).as(name + ": AWS calls").isEmpty();
        ReliabilitySummary.increment("bad_inputs_rejected_without_aws_calls");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Throwable thrown = null;
        try {
            HttpsSetup.builder().stack("Bad_Stack").region("moon").domain(d -> d.name("*.x"))
                    .targets(t -> t.instanceIds("i-1").port(0)).build();
        } catch (Throwable t) {
            thrown = t;
        }
        assertThat(thrown).isInstanceOf(InvalidSpecException.class);
        assertThat(((InvalidSpecException) thrown).violations()).extracting(v -> v.path())
                .contains("stack", "region", "domain.name", "targets.instanceIds[0]", "targets.port");
    }

    private static io.github.httpssetup.core.ContactSpec.Builder contact(io.github.httpssetup.core.ContactSpec.Builder k) {
        return k.firstName("Jane").lastName("Doe").email("jane@example.com").phoneNumber("+1.2065550100").addressLine1("1 Main St")
                .city("Seattle").countryCode("US").zipCode("98101");
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
