package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.httpssetup.core.export.CloudFormationTemplate;
import io.github.httpssetup.core.internal.ApiCallCounter;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.LoadBalancerTargetGroupState;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * {@code targets.autoScalingGroup} against the emulator: the target group is attached to the group (which registers
 * its instances), left alone when converged, moved to another group, detached when the option is removed and on
 * destroy; the groups themselves are never changed otherwise. Bad groups are refused by the plan, before any write.
 */
@AwsEmulatorTest
class AutoScalingTargetsIT {

    private static final String MARKER = "https-setup:auto-scaling-group";

    private ReferenceWorld fx;
    private AutoScalingClient autoScaling;
    private String imageId;

    @BeforeEach
    void setUp(AwsEmulator aws) {
        fx = new ReferenceWorld(aws).seed(1, 2, false).withZone();
        autoScaling = fx.aws.client(AutoScalingClient.builder());
        imageId = fx.ec2
                .describeInstances(r -> r.instanceIds(fx.network.instanceIds()))
                .reservations()
                .get(0)
                .instances()
                .get(0)
                .imageId();
        fx.ec2.createLaunchTemplate(r -> r.launchTemplateName("shop-app")
                .launchTemplateData(d ->
                        d.imageId(imageId).instanceType("t3.micro").securityGroupIds(fx.network.appSecurityGroupId())));
    }

    @AfterEach
    void tearDown() {
        autoScaling.close();
        fx.close();
    }

    @Test
    void autoScalingGroup_isAttached_keptOnANoOp_moved_removed_movedToANewTargetGroup_andDetachedOnDestroy() {
        group("shop-asg", 1, instanceSubnet());
        group("shop-asg-2", 1, instanceSubnet());
        HttpsSetup withGroup = withGroup("shop-asg");

        // create: plan shows the attachment and warns about the group's EC2 health checks
        Plan plan = fx.executor().plan(withGroup);
        assertThat(plan.changes())
                .filteredOn(c -> c.kind() == ResourceKind.TARGETS)
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.action()).isEqualTo(ChangeAction.CREATE);
                    assertThat(c.attributes())
                            .singleElement()
                            .satisfies(a -> assertThat(a.after()).isEqualTo("shop-asg"));
                });
        assertThat(fx.events)
                .filteredOn(e -> e.type() == ProgressEvent.Type.WARNING)
                .extracting(ProgressEvent::message)
                .anySatisfy(m -> assertThat(m).contains("shop-asg has health check type EC2"));
        ApplyResult created = fx.executor().apply(withGroup);
        String tg = created.outputs().targetGroupArn();
        assertThat(attached("shop-asg")).containsExactly(tg);
        assertThat(tgTags(tg)).containsEntry(MARKER, "shop-asg");
        assertThat(registered(tg)).containsExactlyElementsOf(instances("shop-asg"));
        assertThat(ruleSources(fx.network.appSecurityGroupId()))
                .as("the load balancer may reach the group's instances")
                .isNotEmpty();

        // no-op: one read of the group, one of the targets' health (readiness: the group registers them), no write
        ApiCallCounter noOp = new ApiCallCounter();
        assertThat(fx.executor(noOp).apply(withGroup).changes()).isEmpty();
        assertThat(noOp.snapshot().writes())
                .as("%s", noOp.snapshot().byOperation())
                .isZero();
        assertThat(noOp.snapshot().byOperation())
                .containsEntry("AutoScaling:DescribeAutoScalingGroups", 1)
                .containsEntry("ElasticLoadBalancingV2:DescribeTargetHealth", 1);

        // change: attached to the second group, then detached from the first
        ApplyResult moved = fx.executor().apply(withGroup("shop-asg-2"));
        assertThat(moved.changes())
                .filteredOn(c -> c.kind() == ResourceKind.TARGETS)
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.action()).isEqualTo(ChangeAction.UPDATE);
                    assertThat(c.attributes()).singleElement().satisfies(a -> {
                        assertThat(a.before()).isEqualTo("shop-asg");
                        assertThat(a.after()).isEqualTo("shop-asg-2");
                    });
                });
        assertThat(attached("shop-asg")).isEmpty();
        assertThat(attached("shop-asg-2")).containsExactly(tg);
        assertThat(tgTags(tg)).containsEntry(MARKER, "shop-asg-2");
        assertThat(registered(tg)).containsExactlyElementsOf(instances("shop-asg-2"));

        // removal: back to instance ids, detached, the mark gone, the instance registered; then a no-op without
        // any Auto Scaling call
        HttpsSetup withInstances = fx.spec().build();
        ApplyResult removed = fx.executor().apply(withInstances);
        assertThat(removed.changes())
                .filteredOn(c -> c.kind() == ResourceKind.TARGETS)
                .extracting(Change::action)
                .containsExactlyInAnyOrder(ChangeAction.DELETE, ChangeAction.CREATE);
        assertThat(attached("shop-asg-2")).isEmpty();
        assertThat(tgTags(tg)).doesNotContainKey(MARKER);
        assertThat(registered(tg)).containsExactlyElementsOf(fx.network.instanceIds());
        ApiCallCounter off = new ApiCallCounter();
        assertThat(fx.executor(off).apply(withInstances).changes()).isEmpty();
        assertThat(off.snapshot().byService())
                .as("an option that is off makes no Auto Scaling call")
                .doesNotContainKey("AutoScaling");

        // from instance ids to the group: the instance the stack registered leaves, the group's instances stay
        ApplyResult switched = fx.executor().apply(withGroup);
        assertThat(switched.changes())
                .filteredOn(c -> c.kind() == ResourceKind.TARGETS)
                .extracting(Change::action)
                .containsExactlyInAnyOrder(ChangeAction.CREATE, ChangeAction.DELETE);
        assertThat(registered(tg)).containsExactlyElementsOf(instances("shop-asg"));

        // a new port is a new target group: attached to the group, the old one detached before it is deleted
        HttpsSetup onNewPort = fx.spec()
                .targets(t -> t.autoScalingGroup("shop-asg").port(9090).healthCheck(h -> h.path("/health")))
                .build();
        ApplyResult replaced = fx.executor().apply(onNewPort);
        String newTg = replaced.outputs().targetGroupArn();
        assertThat(newTg).isNotEqualTo(tg);
        assertThat(attached("shop-asg")).containsExactly(newTg);
        assertThat(tgTags(newTg)).containsEntry(MARKER, "shop-asg");
        assertThat(registered(newTg)).containsExactlyElementsOf(instances("shop-asg"));
        assertThat(fx.elb.describeTargetGroups().targetGroups())
                .extracting(g -> g.targetGroupArn())
                .containsExactly(newTg);

        // destroy detaches before the target group is deleted, and keeps both groups
        DestroyResult gone = fx.executor().destroy(onNewPort);
        assertThat(gone.deleted())
                .filteredOn(c -> c.kind() == ResourceKind.TARGETS)
                .singleElement()
                .satisfies(c -> assertThat(c.attributes())
                        .singleElement()
                        .satisfies(a -> assertThat(a.before()).isEqualTo("shop-asg")));
        assertThat(attached("shop-asg")).isEmpty();
        assertThat(autoScaling.describeAutoScalingGroups().autoScalingGroups())
                .extracting(g -> g.autoScalingGroupName())
                .containsExactlyInAnyOrder("shop-asg", "shop-asg-2");
        fx.assertPolicyAllowsEveryCall(withGroup);
    }

    @Test
    void autoScalingGroup_thatDoesNotExist_isRefusedByThePlanOfTheApply_beforeAnyWrite() {
        ApiCallCounter calls = new ApiCallCounter();

        Throwable thrown = catchThrowable(() -> fx.executor(calls).apply(withGroup("shop-gone")));

        assertThat(thrown).isInstanceOf(HttpsSetupException.class);
        assertThat(((HttpsSetupException) thrown).code()).isEqualTo(ErrorCode.TARGETS_INVALID);
        assertThat(thrown)
                .hasMessageContaining("targets.autoScalingGroup: Auto Scaling group shop-gone does not exist in "
                        + ReferenceWorld.REGION);
        assertThat(calls.snapshot().writes())
                .as("%s", calls.snapshot().byOperation())
                .isZero();
    }

    @Test
    void autoScalingGroup_deletedBetweenPlanAndAttach_failsAtOnceWithTheRefusalOfAws() {
        group("shop-asg", 0, instanceSubnet());
        ApiCallCounter calls = new ApiCallCounter();
        ExecutionInterceptor deleteTheGroupFirst = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if ("AttachLoadBalancerTargetGroups"
                        .equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                    autoScaling.deleteAutoScalingGroup(
                            r -> r.autoScalingGroupName("shop-asg").forceDelete(true));
                }
            }
        };

        Throwable thrown =
                catchThrowable(() -> fx.executor(calls, deleteTheGroupFirst).apply(withGroup("shop-asg")));

        assertThat(thrown)
                .isInstanceOf(HttpsSetupException.class)
                .hasMessageContaining("ValidationError")
                .hasMessageContaining("shop-asg");
        assertThat(calls.snapshot().byOperation())
                .as("a refusal, not a server fault retried")
                .containsEntry("AutoScaling:AttachLoadBalancerTargetGroups", 1);
    }

    @Test
    void autoScalingGroup_withSubnetsInTwoVpcs_isRefusedBeforeAnyWrite() {
        String otherVpc =
                fx.ec2.createVpc(r -> r.cidrBlock("10.9.0.0/16")).vpc().vpcId();
        String otherSubnet = fx.ec2
                .createSubnet(
                        r -> r.vpcId(otherVpc).cidrBlock("10.9.1.0/24").availabilityZone(fx.network.instanceZone()))
                .subnet()
                .subnetId();
        group("shop-split", 0, instanceSubnet() + "," + otherSubnet);
        ApiCallCounter calls = new ApiCallCounter();

        Throwable thrown = catchThrowable(() -> fx.executor(calls).apply(withGroup("shop-split")));

        assertThat(thrown).isInstanceOf(HttpsSetupException.class);
        assertThat(((HttpsSetupException) thrown).code()).isEqualTo(ErrorCode.TARGETS_INVALID);
        assertThat(thrown).hasMessageContaining("are in several VPCs").hasMessageContaining(otherVpc);
        assertThat(calls.snapshot().writes()).isZero();
    }

    @Test
    void autoScalingGroup_withoutInstances_isPlannedInItsSubnetsVpc_withTheRuleOnItsLaunchTemplatesGroup() {
        group("shop-empty", 0, instanceSubnet());

        Plan plan = fx.executor().plan(withGroup("shop-empty"));

        assertThat(plan.changes())
                .filteredOn(c -> c.kind() == ResourceKind.TARGET_GROUP)
                .singleElement()
                .satisfies(c -> assertThat(c.attributes())
                        .filteredOn(a -> a.attribute().equals("vpc"))
                        .singleElement()
                        .satisfies(a -> assertThat(a.after()).isEqualTo(fx.network.vpcId())));
        assertThat(plan.changes())
                .filteredOn(c -> c.kind() == ResourceKind.SECURITY_GROUP_RULE)
                .extracting(Change::name)
                .anySatisfy(name -> assertThat(name).startsWith(fx.network.appSecurityGroupId() + ": tcp 8080"));
        assertThat(fx.events)
                .filteredOn(e -> e.type() == ProgressEvent.Type.WARNING)
                .extracting(ProgressEvent::message)
                .noneSatisfy(m -> assertThat(m).contains("security groups its instances will have are not known"));
    }

    @Test
    void autoScalingGroup_withoutInstancesNorTemplateGroups_saysWhatItCannotKnow() {
        fx.ec2.createLaunchTemplate(r -> r.launchTemplateName("bare")
                .launchTemplateData(d -> d.imageId(imageId).instanceType("t3.micro")));
        autoScaling.createAutoScalingGroup(r -> r.autoScalingGroupName("shop-bare")
                .launchTemplate(t -> t.launchTemplateName("bare"))
                .minSize(0)
                .maxSize(1)
                .desiredCapacity(0)
                .vpcZoneIdentifier(instanceSubnet()));

        Plan plan = fx.executor().plan(withGroup("shop-bare"));

        assertThat(plan.changes()).noneMatch(c -> c.kind() == ResourceKind.SECURITY_GROUP_RULE);
        assertThat(fx.events)
                .filteredOn(e -> e.type() == ProgressEvent.Type.WARNING)
                .extracting(ProgressEvent::message)
                .anySatisfy(m -> assertThat(m)
                        .contains("shop-bare has no running instance")
                        .contains("security groups its instances will have are not known"));
    }

    @Test
    void export_leavesTheAttachmentToTheGroupsOwnTemplate_withAWarning() {
        group("shop-asg", 1, instanceSubnet());
        ApiCallCounter calls = new ApiCallCounter();

        CloudFormationTemplate template = fx.executor(calls).export(withGroup("shop-asg"));

        @SuppressWarnings("unchecked")
        Map<String, Object> properties =
                (Map<String, Object>) template.resource("TargetGroup").get("Properties");
        assertThat(properties).doesNotContainKey("Targets").containsEntry("VpcId", fx.network.vpcId());
        assertThat(template.warnings())
                .anySatisfy(w -> assertThat(w)
                        .startsWith("targets.autoScalingGroup: shop-asg is not exported")
                        .contains("TargetGroupARNs"));
        assertThat(template.logicalIds()).noneMatch(id -> id.contains("AutoScaling"));
        assertThat(calls.snapshot().writes()).isZero();
    }

    private HttpsSetup withGroup(String group) {
        return fx.spec()
                .targets(t -> t.autoScalingGroup(group).port(8080).healthCheck(h -> h.path("/health")))
                .build();
    }

    private String instanceSubnet() {
        return fx.network.publicSubnetIds().get(fx.network.instanceZone());
    }

    private void group(String name, int size, String subnets) {
        autoScaling.createAutoScalingGroup(r -> r.autoScalingGroupName(name)
                .launchTemplate(t -> t.launchTemplateName("shop-app").version("$Latest"))
                .minSize(size)
                .maxSize(Math.max(size, 1))
                .desiredCapacity(size)
                .vpcZoneIdentifier(subnets));
    }

    private List<String> instances(String group) {
        return autoScaling
                .describeAutoScalingGroups(r -> r.autoScalingGroupNames(group))
                .autoScalingGroups()
                .get(0)
                .instances()
                .stream()
                .map(i -> i.instanceId())
                .sorted()
                .toList();
    }

    private List<String> attached(String group) {
        return autoScaling
                .describeLoadBalancerTargetGroups(r -> r.autoScalingGroupName(group))
                .loadBalancerTargetGroups()
                .stream()
                .map(LoadBalancerTargetGroupState::loadBalancerTargetGroupARN)
                .toList();
    }

    private List<String> registered(String targetGroupArn) {
        return fx.elb.describeTargetHealth(r -> r.targetGroupArn(targetGroupArn)).targetHealthDescriptions().stream()
                .map(TargetHealthDescription::target)
                .map(t -> t.id())
                .sorted()
                .toList();
    }

    private Map<String, String> tgTags(String arn) {
        return fx.elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().get(0).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }

    private List<String> ruleSources(String groupId) {
        return fx
                .ec2
                .describeSecurityGroupRules(
                        r -> r.filters(f -> f.name("group-id").values(groupId)))
                .securityGroupRules()
                .stream()
                .filter(rule -> !rule.isEgress() && rule.referencedGroupInfo() != null)
                .map(rule -> rule.referencedGroupInfo().groupId())
                .toList();
    }
}
