package io.github.httpssetup.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import io.github.httpssetup.testing.Ec2Fixture;
import io.github.httpssetup.testing.Ec2World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.route53.Route53Client;

/** The goals run by a real mvn on a fixture project, against the emulator. */
@AwsEmulatorTest
class MavenGoalsIT {

    private static final String REGION = "eu-west-1";

    private AwsEmulator aws;
    private Ec2World world;

    @BeforeEach
    void setUp(AwsEmulator emulator) {
        emulator.reset();
        aws = emulator.withRegion(REGION);
        try (Ec2Client ec2 = aws.client(Ec2Client.builder());
                Route53Client route53 = aws.client(Route53Client.builder())) {
            world = Ec2Fixture.builder().instances(1).build().seed(ec2);
            route53.createHostedZone(r -> r.name("example.com").callerReference("maven-it"));
        }
    }

    private String yaml() {
        return "stack: shop\n"
                + "region: " + REGION + "\n"
                + "domain:\n"
                + "  name: example.com\n"
                + "  alternativeNames: [www.example.com]\n"
                + "targets:\n"
                + "  instanceIds: [" + world.instanceIds().get(0) + "]\n"
                + "  port: 8080\n"
                + "  healthCheck: { path: /health }\n";
    }

    @Test
    void validate_onABadFile_failsWithTheLocation_andNoAwsCall() {
        MavenBuild build = MavenBuild.of("app", aws);
        build.write("https-setup.yaml", yaml().replace("port: 8080", "port: 80800"));

        MavenBuild.Result result = build.run("https-setup:validate");

        assertThat(result.succeeded()).as(result.log()).isFalse();
        assertThat(result.log()).contains("https-setup.yaml:8:9: targets.port: 80800 is not a port (1-65535)");
        assertThat(result.log()).doesNotContain("at io.github.httpssetup");
    }

    @Test
    void plan_apply_applyAgain_driftCheck_destroy_theWholeLifecycle() {
        MavenBuild build = MavenBuild.of("app", aws);
        build.write("https-setup.yaml", yaml());

        MavenBuild.Result validate = build.run("https-setup:validate");
        assertThat(validate.succeeded()).as(validate.log()).isTrue();
        assertThat(validate.log()).contains("https-setup.yaml is valid: stack shop in eu-west-1, https://example.com");

        MavenBuild.Result plan = build.run("https-setup:plan");
        assertThat(plan.succeeded()).as(plan.log()).isTrue();
        assertThat(plan.log())
                .contains(
                        "+   certificate example.com, www.example.com",
                        "+   load balancer shop-https",
                        "+   HTTPS listener");

        MavenBuild.Result export = build.run("https-setup:export");
        assertThat(export.succeeded()).as(export.log()).isTrue();
        assertThat(export.log())
                .contains("CloudFormation template of stack shop written to", "aws cloudformation deploy");
        assertThat(build.project().resolve("target/https-setup/cloudformation.json"))
                .content()
                .contains(
                        "\"AWS::ElasticLoadBalancingV2::LoadBalancer\"",
                        "\"CertificateArn\"",
                        world.instanceIds().get(0));

        MavenBuild.Result apply = build.run("https-setup:apply", "-Dhttps-setup.output=json");
        assertThat(apply.succeeded()).as(apply.log()).isTrue();
        assertThat(apply.log())
                .contains(
                        "URL: https://example.com",
                        "Load balancer: shop-https-",
                        "Certificate: arn:aws:acm:",
                        "Name servers (set them at your registrar):",
                        "waiting for ACM to issue");
        java.nio.file.Path report = build.project().resolve("target/https-setup/apply.json");
        assertThat(apply.log()).contains("JSON report: " + report);
        assertThat(report)
                .content()
                .contains("\"version\" : 1", "\"command\" : \"apply\"", "\"url\" : \"https://example.com\"");

        MavenBuild.Result again = build.run("https-setup:apply");
        assertThat(again.succeeded()).as(again.log()).isTrue();
        assertThat(again.log()).contains("No changes: AWS already matches the description.", " 0 writes)");

        try (ElasticLoadBalancingV2Client elb = aws.client(ElasticLoadBalancingV2Client.builder())) {
            String lb = elb.describeLoadBalancers(r -> r.names("shop-https"))
                    .loadBalancers()
                    .get(0)
                    .loadBalancerArn();
            Listener http = elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners().stream()
                    .filter(l -> l.port() == 80)
                    .findFirst()
                    .orElseThrow();
            elb.deleteListener(r -> r.listenerArn(http.listenerArn()));
        }
        MavenBuild.Result drift = build.run("https-setup:plan", "-Dhttps-setup.failOnChanges=true");
        assertThat(drift.succeeded()).as(drift.log()).isFalse();
        assertThat(drift.log()).contains("+   HTTP listener", "AWS differs from https-setup.yaml");

        MavenBuild.Result refused = build.run("https-setup:destroy");
        assertThat(refused.succeeded()).as(refused.log()).isFalse();
        assertThat(refused.log())
                .contains("Nothing was changed. To confirm, run again with -Dhttps-setup.confirm=shop");
        try (ElasticLoadBalancingV2Client elb = aws.client(ElasticLoadBalancingV2Client.builder())) {
            assertThat(elb.describeLoadBalancers().loadBalancers()).hasSize(1);
        }

        MavenBuild.Result destroy = build.run("https-setup:destroy", "-Dhttps-setup.confirm=shop");
        assertThat(destroy.succeeded()).as(destroy.log()).isTrue();
        assertThat(destroy.log()).contains("-   load balancer shop-https", "Kept: hosted zone example.com");
        try (ElasticLoadBalancingV2Client elb = aws.client(ElasticLoadBalancingV2Client.builder())) {
            assertThat(elb.describeLoadBalancers().loadBalancers()).isEmpty();
        }
    }

    @Test
    void fullCoordinates_workInAProjectThatDoesNotDeclareThePlugin_andHelpDocumentsEveryGoal() {
        MavenBuild build = MavenBuild.of("plain", aws);
        build.write("https-setup.yaml", yaml());

        MavenBuild.Result policy = build.run(
                "io.github.httpssetup:https-setup-maven-plugin:" + MavenBuild.pluginVersion() + ":iam-policy");
        MavenBuild.Result help = build.run(
                "io.github.httpssetup:https-setup-maven-plugin:" + MavenBuild.pluginVersion() + ":help",
                "-Ddetail=true");

        assertThat(policy.succeeded()).as(policy.log()).isTrue();
        assertThat(policy.log())
                .contains("\"elasticloadbalancing:CreateLoadBalancer\"", "\"acm:RequestCertificate\"")
                .doesNotContain("route53domains");
        assertThat(help.succeeded()).as(help.log()).isTrue();
        assertThat(help.log())
                .contains(
                        "https-setup:validate",
                        "https-setup:plan",
                        "https-setup:apply",
                        "https-setup:destroy",
                        "https-setup:iam-policy",
                        "https-setup:export",
                        "exportFile",
                        "failOnChanges",
                        "confirm",
                        "configFile",
                        "environment",
                        "waitTimeout");
    }
}
