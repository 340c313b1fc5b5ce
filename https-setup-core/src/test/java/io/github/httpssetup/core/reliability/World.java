package io.github.httpssetup.core.reliability;

import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupExecutor;
import io.github.httpssetup.core.ProgressEvent;
import io.github.httpssetup.core.Sleeper;
import io.github.httpssetup.core.internal.ApiCallCounter;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.Ec2Fixture;
import io.github.httpssetup.testing.Ec2World;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The reliability tests' world, in the manner of the whole-chain tests' fixture: a reset emulator, a VPC with running
 * instances tagged app=shop, the public hosted zone of example.com, SDK clients that read AWS back directly (never
 * through the fault proxy), and executors.
 */
final class World implements AutoCloseable {

    static final String REGION = "ap-northeast-2";
    static final String DOMAIN = "example.com";
    static final String STACK = "shop";

    final AwsEmulator aws;
    final Ec2Client ec2;
    final ElasticLoadBalancingV2Client elb;
    final AcmClient acm;
    final Route53Client route53;
    final List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    Ec2World network;
    String zoneId;

    World(AwsEmulator emulator) {
        emulator.reset();
        this.aws = emulator.withRegion(REGION);
        this.ec2 = aws.client(Ec2Client.builder());
        this.elb = aws.client(ElasticLoadBalancingV2Client.builder());
        this.acm = aws.client(AcmClient.builder());
        this.route53 = aws.client(Route53Client.builder());
    }

    /** Two running instances in a VPC with public subnets in three zones, and the zone of example.com. */
    World seed() {
        network = Ec2Fixture.builder().instances(2).publicZones(3).ipv6(false)
                .instanceTags(Map.of("app", "shop")).build().seed(ec2);
        zoneId = route53.createHostedZone(r -> r.name(DOMAIN).callerReference("reliability-" + System.nanoTime()))
                .hostedZone().id().replace("/hostedzone/", "");
        return this;
    }

    /** The reference description: apex + www, the instances, HTTP redirect. */
    HttpsSetup.Builder spec() {
        return spec(network.instanceIds());
    }

    static HttpsSetup.Builder spec(List<String> instanceIds) {
        return HttpsSetup.builder()
                .stack(STACK)
                .region(REGION)
                .domain(d -> d.name(DOMAIN).alternativeNames("www." + DOMAIN))
                .targets(t -> t.instanceIds(instanceIds).port(8080).healthCheck(h -> h.path("/health")))
                .addTag("team", "web");
    }

    /** A tenth of every wait, at least 20 ms: moto's states settle at once or after a second of wall time. */
    static Sleeper fastSleeper() {
        return duration -> Thread.sleep(Math.max(20, duration.toMillis() / 10));
    }

    HttpsSetupExecutor executor(ExecutionInterceptor... interceptors) {
        return executor(aws.endpoint(), 4, interceptors);
    }

    HttpsSetupExecutor executor(URI endpoint, int parallelism, ExecutionInterceptor... interceptors) {
        HttpsSetupExecutor.Builder builder = HttpsSetupExecutor.builder()
                .endpointOverride(endpoint)
                .credentialsProvider(aws.credentialsProvider())
                .parallelism(parallelism)
                .sleeper(fastSleeper())
                .listener(events::add);
        for (ExecutionInterceptor interceptor : interceptors) {
            builder.addExecutionInterceptor(interceptor);
        }
        return builder.build();
    }

    ResourceCensus census() {
        return ResourceCensus.take(this);
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }

    static ApiCallCounter counter() {
        return new ApiCallCounter();
    }

    @Override
    public void close() {
        ec2.close();
        elb.close();
        acm.close();
        route53.close();
    }
}
