package io.github.httpssetup.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.ApplyResult;
import io.github.httpssetup.core.DestroyResult;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupExecutor;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import io.github.httpssetup.testing.Ec2Fixture;
import io.github.httpssetup.testing.Ec2World;
import io.github.httpssetup.yaml.HttpsSetupYaml;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.route53.Route53Client;

/** The examples applied for real against the emulator, as a user would run them. */
@AwsEmulatorTest
class ExamplesIT {

    private static final String REGION = "ap-northeast-2";

    private AwsEmulator aws;
    private Ec2World world;
    private HttpsSetupExecutor executor;

    @BeforeEach
    void setUp(AwsEmulator emulator) {
        emulator.reset();
        aws = emulator.withRegion(REGION);
        try (Ec2Client ec2 = aws.client(Ec2Client.builder());
                Route53Client route53 = aws.client(Route53Client.builder())) {
            world = Ec2Fixture.builder()
                    .instances(1)
                    .instanceTags(Map.of("app", "shop"))
                    .build()
                    .seed(ec2);
            route53.createHostedZone(r -> r.name("example.com").callerReference("examples-it"));
        }
        executor = HttpsSetupExecutor.builder()
                .endpointOverride(aws.endpoint())
                .credentialsProvider(aws.credentialsProvider())
                .build();
    }

    @Test
    void sampleApp_appliesThenDestroysCleanly() throws Exception {
        HttpsSetup setup = HttpsSetupYaml.load(
                "https-setup.yaml", Files.readString(Paths.get("sample-app/https-setup.yaml")), null, name -> null);

        ApplyResult applied = executor.apply(setup);
        ApplyResult again = executor.apply(setup);
        DestroyResult destroyed = executor.destroy(setup);

        assertThat(applied.url()).isEqualTo("https://example.com");
        assertThat(applied.outputs().loadBalancerDnsName()).isNotBlank();
        assertThat(again.apiCalls().writes()).isZero();
        assertThat(destroyed.deleted()).isNotEmpty();
        try (ElasticLoadBalancingV2Client elb = aws.client(ElasticLoadBalancingV2Client.builder())) {
            assertThat(elb.describeLoadBalancers().loadBalancers()).isEmpty();
        }
    }

    @Test
    void programmaticExample_plansAndApplies() {
        HttpsSetup setup =
                ProgrammaticExample.describe(REGION, world.instanceIds().get(0));

        ApplyResult result = ProgrammaticExample.run(executor, setup);

        assertThat(result.url()).isEqualTo("https://example.com");
        assertThat(result.outputs().targetGroupArn()).isNotBlank();
        executor.destroy(setup);
    }
}
