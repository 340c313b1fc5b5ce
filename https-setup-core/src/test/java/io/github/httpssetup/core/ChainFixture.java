package io.github.httpssetup.core;

import io.github.httpssetup.core.internal.ApiCallCounter;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.Ec2Fixture;
import io.github.httpssetup.testing.Ec2World;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53domains.Route53DomainsClient;

/**
 * The world of the whole-chain integration tests: an emulator reset, a VPC with running instances, a
 * public hosted zone for example.com, SDK clients to read AWS back, and an executor whose calls are
 * counted.
 */
final class ChainFixture implements AutoCloseable {

    static final String REGION = "ap-northeast-2";
    static final String DOMAIN = "example.com";

    final AwsEmulator aws;
    final Ec2Client ec2;
    final ElasticLoadBalancingV2Client elb;
    final AcmClient acm;
    final Route53Client route53;
    final Route53DomainsClient domains;
    final List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    /** Every call any executor of this fixture made. */
    final ApiCallCounter allCalls = new ApiCallCounter();
    Ec2World world;
    String zoneId;

    ChainFixture(AwsEmulator emulator) {
        emulator.reset();
        this.aws = emulator.withRegion(REGION);
        this.ec2 = aws.client(Ec2Client.builder());
        this.elb = aws.client(ElasticLoadBalancingV2Client.builder());
        this.acm = aws.client(AcmClient.builder());
        this.route53 = aws.client(Route53Client.builder());
        this.domains = aws.withRegion("us-east-1").client(Route53DomainsClient.builder());
    }

    /** Seeds the VPC with {@code instances} running instances tagged app=shop, and the public zone. */
    ChainFixture seed(int instances, int publicZones, boolean ipv6) {
        world = Ec2Fixture.builder().instances(instances).publicZones(publicZones).ipv6(ipv6)
                .instanceTags(Map.of("app", "shop")).build().seed(ec2);
        return this;
    }

    ChainFixture withZone() {
        zoneId = route53.createHostedZone(r -> r.name(DOMAIN).callerReference("test-" + System.nanoTime()))
                .hostedZone().id().replace("/hostedzone/", "");
        return this;
    }

    /** The reference description: apex + www, the fixture's instances, HTTP redirect. */
    HttpsSetup.Builder spec() {
        return HttpsSetup.builder()
                .stack("shop")
                .region(REGION)
                .domain(d -> d.name(DOMAIN).alternativeNames("www." + DOMAIN))
                .targets(t -> t.instanceIds(world.instanceIds()).port(8080).healthCheck(h -> h.path("/health")))
                .addTag("team", "web");
    }

    HttpsSetupExecutor executor() {
        return executor(new ApiCallCounter(), 4);
    }

    HttpsSetupExecutor executor(ApiCallCounter counter, int parallelism) {
        return HttpsSetupExecutor.builder()
                .endpointOverride(aws.endpoint())
                .credentialsProvider(aws.credentialsProvider())
                .addExecutionInterceptor(counter)
                .addExecutionInterceptor(allCalls)
                .parallelism(parallelism)
                .listener(events::add)
                .build();
    }

    /** Every AWS action the executors called is in the IAM policy printed for this description. */
    void assertPolicyAllowsEveryCall(HttpsSetup spec) {
        IamPolicy policy = IamPolicy.of(spec);
        List<String> missing = allCalls.snapshot().byOperation().keySet().stream()
                .map(key -> IamPolicy.iamPrefix(key.substring(0, key.indexOf(':'))) + key.substring(key.indexOf(':')))
                .filter(action -> !policy.allows(action))
                .toList();
        org.assertj.core.api.Assertions.assertThat(missing).as("actions called but missing from the IAM policy").isEmpty();
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
