package io.github.httpssetup.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;

/**
 * The strict profile's ELBv2 and EC2 behaviours, read directly with the SDK: S6 target health by use, S7
 * load balancer provisioning, S12 security groups held by load balancers, and the DescribeTags and group-name
 * limits. Delays are the profile's defaults (2 s each).
 */
@AwsEmulatorTest
class StrictElbProfileIT {

    private Ec2Client ec2;
    private ElasticLoadBalancingV2Client elb;
    private Ec2World world;

    @BeforeEach
    void setUp(AwsEmulator emulator) {
        emulator.reset();
        AwsEmulator aws = emulator.withRegion("ap-northeast-2");
        ec2 = aws.client(Ec2Client.builder());
        elb = aws.client(ElasticLoadBalancingV2Client.builder());
        world = Ec2Fixture.builder().instances(1).publicZones(2).build().seed(ec2);
    }

    @AfterEach
    void tearDown() {
        ec2.close();
        elb.close();
    }

    private String loadBalancer(String groupId) {
        return elb.createLoadBalancer(r ->
                        r.name("lb").subnets(world.publicSubnetIds().values()).securityGroups(groupId))
                .loadBalancers()
                .get(0)
                .loadBalancerArn();
    }

    private String targetGroup(String name, int port) {
        String arn = elb.createTargetGroup(
                        r -> r.name(name).protocol(ProtocolEnum.HTTP).port(port).vpcId(world.vpcId()))
                .targetGroups()
                .get(0)
                .targetGroupArn();
        elb.registerTargets(r -> r.targetGroupArn(arn)
                .targets(TargetDescription.builder()
                        .id(world.instanceIds().get(0))
                        .port(port)
                        .build()));
        return arn;
    }

    private TargetHealth health(String arn) {
        return elb.describeTargetHealth(r -> r.targetGroupArn(arn))
                .targetHealthDescriptions()
                .get(0)
                .targetHealth();
    }

    private String group(String name) {
        return ec2.createSecurityGroup(
                        r -> r.groupName(name).description("test").vpcId(world.vpcId()))
                .groupId();
    }

    private static String code(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    @Test
    void s6_targetsOfAnUnusedGroupAreUnused_inAUsedGroupInitialThenHealthy_evenAtWeightZero() throws Exception {
        String lb = loadBalancer(group("alb"));
        String used = targetGroup("used", 8080);
        String joining = targetGroup("joining", 9090);

        assertThat(health(used).stateAsString()).isEqualTo("unused");
        assertThat(health(used).reasonAsString()).isEqualTo("Target.NotInUse");

        elb.createListener(r -> r.loadBalancerArn(lb)
                .protocol(ProtocolEnum.HTTP)
                .port(80)
                .defaultActions(Action.builder()
                        .type(ActionTypeEnum.FORWARD)
                        .forwardConfig(c -> c.targetGroups(
                                TargetGroupTuple.builder()
                                        .targetGroupArn(used)
                                        .weight(1)
                                        .build(),
                                TargetGroupTuple.builder()
                                        .targetGroupArn(joining)
                                        .weight(0)
                                        .build()))
                        .build()));

        assertThat(health(used).stateAsString()).isEqualTo("initial");
        assertThat(health(used).reasonAsString()).isEqualTo("Elb.RegistrationInProgress");
        assertThat(health(joining).stateAsString())
                .as("weight 0 still uses the group")
                .isEqualTo("initial");
        sleep(Duration.ofMillis(2300));
        assertThat(health(used).stateAsString()).isEqualTo("healthy");
        assertThat(health(joining).stateAsString()).isEqualTo("healthy");
    }

    @Test
    void s7_aNewLoadBalancerIsProvisioningForAWhile_thenActive() throws Exception {
        String lb = loadBalancer(group("alb"));

        assertThat(elb.describeLoadBalancers(r -> r.loadBalancerArns(lb))
                        .loadBalancers()
                        .get(0)
                        .state()
                        .code())
                .isEqualTo(LoadBalancerStateEnum.PROVISIONING);
        sleep(Duration.ofMillis(2300));
        assertThat(elb.describeLoadBalancers(r -> r.loadBalancerArns(lb))
                        .loadBalancers()
                        .get(0)
                        .state()
                        .code())
                .isEqualTo(LoadBalancerStateEnum.ACTIVE);
    }

    @Test
    void s12_aGroupIsHeldWhileALoadBalancerUsesIt_andForAWhileAfterItWasDeleted() throws Exception {
        String groupId = group("alb");
        String lb = loadBalancer(groupId);

        assertThatThrownBy(() -> ec2.deleteSecurityGroup(r -> r.groupId(groupId)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
        elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb));
        assertThatThrownBy(() -> ec2.deleteSecurityGroup(r -> r.groupId(groupId)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
        sleep(Duration.ofMillis(2300));
        ec2.deleteSecurityGroup(r -> r.groupId(groupId));
        assertThat(ec2.describeSecurityGroups(
                                r -> r.filters(f -> f.name("group-id").values(groupId)))
                        .securityGroups())
                .isEmpty();
    }

    @Test
    void groupNamesInTheFormatOfAGroupId_andDescribeTagsOfMoreThan20Arns_areRefused() {
        assertThatThrownBy(() -> group("sg-shop-alb"))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        List<String> arns = java.util.stream.IntStream.range(0, 21)
                .mapToObj(i -> "arn:aws:elasticloadbalancing:" + "ap-northeast-2:123456789012:targetgroup/tg-" + i
                        + "/0123456789abcdef")
                .toList();
        assertThatThrownBy(() -> elb.describeTags(r -> r.resourceArns(arns)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
    }

    @Test
    void s7c_sslPoliciesAreAwsCurrentList_andAnUnknownNameIsRefusedEverywhere() {
        List<String> alb = elb.describeSSLPolicies(r -> r.loadBalancerType("application")).sslPolicies().stream()
                .map(p -> p.name())
                .toList();
        assertThat(alb)
                .contains(
                        "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
                        "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
                        "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
                        "ELBSecurityPolicy-2016-08")
                .doesNotContain("ELBSecurityPolicy-2015-05")
                .doesNotHaveDuplicates();
        assertThat(elb.describeSSLPolicies(r -> r.names("ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09"))
                        .sslPolicies())
                .singleElement()
                .satisfies(p -> assertThat(p.sslProtocols()).contains("TLSv1.3", "TLSv1.2"));
        assertThatThrownBy(() -> elb.describeSSLPolicies(r -> r.names("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-9")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("SSLPolicyNotFound"));

        String lb = loadBalancer(group("alb"));
        String tg = targetGroup("tg", 8080);
        Action forward =
                Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg).build();
        assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(lb)
                        .protocol(ProtocolEnum.HTTPS)
                        .port(443)
                        .sslPolicy("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-9")
                        .defaultActions(forward)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("SSLPolicyNotFound"));
        String listener = elb.createListener(r -> r.loadBalancerArn(lb)
                        .protocol(ProtocolEnum.HTTPS)
                        .port(443)
                        .sslPolicy("ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09")
                        .defaultActions(forward))
                .listeners()
                .get(0)
                .listenerArn();
        assertThat(elb.describeListeners(r -> r.listenerArns(listener))
                        .listeners()
                        .get(0)
                        .sslPolicy())
                .isEqualTo("ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09");
    }

    @Test
    void s7e_aRuleHoldsAtMostFiveConditionValues_andALoadBalancerAtMost100Rules() {
        String lb = loadBalancer(group("alb"));
        String tg = targetGroup("tg", 8080);
        Action forward =
                Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg).build();
        String listener = elb.createListener(r -> r.loadBalancerArn(lb)
                        .protocol(ProtocolEnum.HTTP)
                        .port(80)
                        .defaultActions(forward))
                .listeners()
                .get(0)
                .listenerArn();

        assertThatThrownBy(() -> elb.createRule(r -> r.listenerArn(listener)
                        .priority(1)
                        .actions(forward)
                        .conditions(
                                c -> c.field("host-header")
                                        .hostHeaderConfig(h -> h.values("a.example.com", "b.example.com")),
                                c -> c.field("path-pattern").pathPatternConfig(p -> p.values("/a", "/b", "/c", "/d")))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
        for (int i = 1; i <= 100; i++) {
            int priority = i;
            elb.createRule(r -> r.listenerArn(listener)
                    .priority(priority)
                    .actions(forward)
                    .conditions(c ->
                            c.field("host-header").hostHeaderConfig(h -> h.values("s" + priority + ".example.com"))));
        }
        assertThatThrownBy(() -> elb.createRule(r -> r.listenerArn(listener)
                        .priority(101)
                        .actions(forward)
                        .conditions(c -> c.field("host-header").hostHeaderConfig(h -> h.values("x.example.com")))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("TooManyRules"));
        assertThat(elb.describeRules(r -> r.listenerArn(listener).pageSize(400)).rules())
                .as("100 and the default one")
                .hasSize(101);
    }
}
