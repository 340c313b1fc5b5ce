package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.internal.ApiCallCounter;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.Ec2Fixture;
import io.github.httpssetup.testing.Ec2World;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53domains.Route53DomainsClient;

/**
 * The world every engine integration test starts from, and the stack it describes, written once: an emulator reset,
 * a VPC with running instances tagged app=shop ({@link #seed}), the public hosted zone of example.com
 * ({@link #withZone}), SDK clients that read AWS back directly, and executors whose calls and events are recorded.
 *
 * <pre>{@code
 * try (ReferenceWorld w = new ReferenceWorld(emulator).seed()) {
 *     ApplyResult applied = w.executor().apply(w.spec().build());
 * }
 * }</pre>
 */
public final class ReferenceWorld implements AutoCloseable {

    public static final String REGION = "ap-northeast-2";
    public static final String DOMAIN = "example.com";
    public static final String STACK = "shop";

    public final AwsEmulator aws;
    public final Ec2Client ec2;
    public final ElasticLoadBalancingV2Client elb;
    public final AcmClient acm;
    public final Route53Client route53;
    public final Route53DomainsClient domains;
    /** Every event any executor of this world reported. */
    public final List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    /** Every call any executor of this world made. */
    public final ApiCallCounter allCalls = new ApiCallCounter();
    /** The VPC, its subnets and the instances; set by {@link #seed}. */
    public Ec2World network;
    /** The id of the zone of example.com, without {@code /hostedzone/}; set by {@link #withZone}. */
    public String zoneId;

    /** Resets the emulator and opens clients in {@link #REGION}. */
    public ReferenceWorld(AwsEmulator emulator) {
        emulator.reset();
        this.aws = emulator.withRegion(REGION);
        this.ec2 = aws.client(Ec2Client.builder());
        this.elb = aws.client(ElasticLoadBalancingV2Client.builder());
        this.acm = aws.client(AcmClient.builder());
        this.route53 = aws.client(Route53Client.builder());
        this.domains = aws.withRegion("us-east-1").client(Route53DomainsClient.builder());
    }

    /** The reference world: two running instances, public subnets in three zones, and the zone of example.com. */
    public ReferenceWorld seed() {
        return seed(2, 3, false).withZone();
    }

    /** A VPC with {@code instances} running instances tagged app=shop and public subnets in {@code publicZones} zones. */
    public ReferenceWorld seed(int instances, int publicZones, boolean ipv6) {
        network = Ec2Fixture.builder()
                .instances(instances)
                .publicZones(publicZones)
                .ipv6(ipv6)
                .instanceTags(Map.of("app", "shop"))
                .build()
                .seed(ec2);
        return this;
    }

    /** A public hosted zone for example.com (another one each time it is called). */
    public ReferenceWorld withZone() {
        zoneId = route53.createHostedZone(r -> r.name(DOMAIN).callerReference("test-" + System.nanoTime()))
                .hostedZone()
                .id()
                .replace("/hostedzone/", "");
        return this;
    }

    /** The reference stack on this world's instances. */
    public HttpsSetup.Builder spec() {
        return stack(network.instanceIds());
    }

    /** The reference stack in {@link #REGION}. */
    public static HttpsSetup.Builder stack(List<String> instanceIds) {
        return stack(REGION, instanceIds);
    }

    /**
     * The reference stack: shop, example.com and www.example.com, the instances on port 8080 with health checks on
     * /health, the tag team=web, everything else (HTTP redirect, auto subnets and security groups) by default.
     */
    public static HttpsSetup.Builder stack(String region, List<String> instanceIds) {
        return HttpsSetup.builder()
                .stack(STACK)
                .region(region)
                .domain(d -> d.name(DOMAIN).alternativeNames("www." + DOMAIN))
                .targets(t -> t.instanceIds(instanceIds).port(8080).healthCheck(h -> h.path("/health")))
                .addTag("team", "web");
    }

    /**
     * A tenth of every wait, at least 20 ms: the emulator's states settle after a fixed time of wall clock (the
     * strict profile's delays), so polling more often ends each wait sooner without changing what is waited for.
     */
    public static Sleeper fastSleeper() {
        return duration -> Thread.sleep(Math.max(20, duration.toMillis() / 10));
    }

    /** An executor on the emulator, four steps at a time, calling also through {@code interceptors}. */
    public HttpsSetupExecutor executor(ExecutionInterceptor... interceptors) {
        return executor(aws.endpoint(), 4, interceptors);
    }

    /** An executor on {@code endpoint} (the emulator or a proxy in front of it). */
    public HttpsSetupExecutor executor(URI endpoint, int parallelism, ExecutionInterceptor... interceptors) {
        HttpsSetupExecutor.Builder builder = HttpsSetupExecutor.builder()
                .endpointOverride(endpoint)
                .credentialsProvider(aws.credentialsProvider())
                .parallelism(parallelism)
                .sleeper(fastSleeper())
                .addExecutionInterceptor(allCalls)
                .listener(events::add);
        for (ExecutionInterceptor interceptor : interceptors) {
            builder.addExecutionInterceptor(interceptor);
        }
        return builder.build();
    }

    /** Every AWS action the executors of this world called is in the IAM policy printed for {@code spec}. */
    public void assertPolicyAllowsEveryCall(HttpsSetup spec) {
        assertPolicyAllows(spec, allCalls);
    }

    /** Every AWS action {@code calls} counted is in the IAM policy printed for {@code spec}. */
    public static void assertPolicyAllows(HttpsSetup spec, ApiCallCounter calls) {
        IamPolicy policy = IamPolicy.of(spec);
        List<String> missing = calls.snapshot().byOperation().keySet().stream()
                .map(key -> IamPolicy.iamPrefix(key.substring(0, key.indexOf(':'))) + key.substring(key.indexOf(':')))
                .filter(action -> !policy.allows(action))
                .toList();
        assertThat(missing).as("actions called but missing from the IAM policy").isEmpty();
    }

    @Override
    public void close() {
        ec2.close();
        elb.close();
        acm.close();
        route53.close();
        domains.close();
    }
}
