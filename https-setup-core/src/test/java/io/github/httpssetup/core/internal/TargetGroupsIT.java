package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.httpssetup.core.ApiCalls;
import io.github.httpssetup.core.AttributeChange;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.ReferenceWorld;
import io.github.httpssetup.core.ResourceKind;
import io.github.httpssetup.core.TargetProtocol;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import io.github.httpssetup.testing.Ec2Fixture;
import io.github.httpssetup.testing.Ec2World;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** {@link TargetGroups} against the emulator: create, converge in place, targets, replacement, conflicts, destroy. */
@AwsEmulatorTest
class TargetGroupsIT {

    private static final String REGION = "eu-west-1";

    private AwsEmulator aws;
    private Ec2Client ec2;
    private ElasticLoadBalancingV2Client elb;
    private Ec2World world;
    private Runs runs;

    @BeforeEach
    void setUp(AwsEmulator emulator) {
        emulator.reset();
        aws = emulator.withRegion(REGION);
        runs = new Runs(aws);
        ec2 = aws.client(Ec2Client.builder());
        elb = aws.client(ElasticLoadBalancingV2Client.builder());
        world = Ec2Fixture.builder().instances(2).build().seed(ec2);
    }

    @AfterEach
    void tearDown() {
        ec2.close();
        elb.close();
    }

    private HttpsSetup.Builder spec(List<String> instanceIds) {
        return ReferenceWorld.stack(REGION, instanceIds)
                .targets(t -> t.instanceIds(instanceIds).port(8080));
    }

    private HttpsSetup.Builder spec() {
        return spec(world.instanceIds());
    }

    private States.Network network(HttpsSetup spec) {
        List<String> ids = spec.targets().instanceIds().stream().sorted().toList();
        return new States.Network(
                world.vpcId(),
                ids,
                ids.stream().collect(Collectors.toMap(id -> id, id -> world.instanceZone())),
                Set.of(world.appSecurityGroupId()),
                List.copyOf(world.publicSubnetIds().values()));
    }

    private States.TargetGroup converge(HttpsSetup spec, Run.Mode mode) {
        return runs.get(
                        spec,
                        mode,
                        run -> new TargetGroups(run).converge(network(spec).targets()))
                .value();
    }

    private void run(HttpsSetup spec, Run.Mode mode, java.util.function.Consumer<TargetGroups> action) {
        runs.run(spec, mode, run -> action.accept(new TargetGroups(run)));
    }

    /** What the latest run recorded. */
    private Run last() {
        return runs.last().run();
    }

    /** The calls of the latest run. */
    private ApiCalls calls() {
        return runs.last().calls();
    }

    private List<Change> writes() {
        return runs.last().writtenChanges();
    }

    private TargetGroup read(String arn) {
        return elb.describeTargetGroups(r -> r.targetGroupArns(arn))
                .targetGroups()
                .get(0);
    }

    private Map<String, String> attributes(String arn) {
        return elb.describeTargetGroupAttributes(r -> r.targetGroupArn(arn)).attributes().stream()
                .collect(Collectors.toMap(a -> a.key(), a -> a.value()));
    }

    private Map<String, String> tags(String arn) {
        return elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().get(0).tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }

    private List<String> registered(String arn) {
        return elb.describeTargetHealth(r -> r.targetGroupArn(arn)).targetHealthDescriptions().stream()
                // A group no listener uses reports its registered targets unused (Target.NotInUse), as AWS does.
                .filter(d -> d.targetHealth().stateAsString().matches("healthy|initial|unhealthy")
                        || "Target.NotInUse".equals(d.targetHealth().reasonAsString()))
                .map(d -> d.target().id() + ":" + d.target().port())
                .sorted()
                .toList();
    }

    private String name(int port) {
        return TargetGroups.name("shop", TargetProtocol.HTTP, port, world.vpcId());
    }

    @Test
    void converge_onAFreshStack_createsTheGroupWithEveryAttribute_andRegistersTheInstances() {
        HttpsSetup spec = spec().targets(t -> t.instanceIds(world.instanceIds())
                        .port(8080)
                        .healthCheck(h -> h.path("/actuator/health")
                                .matcher("200-299")
                                .interval(Duration.ofSeconds(15))
                                .timeout(Duration.ofSeconds(4))
                                .healthyThreshold(3)
                                .unhealthyThreshold(4))
                        .deregistrationDelay(Duration.ofSeconds(30))
                        .stickiness(Duration.ofHours(1)))
                .build();

        States.TargetGroup state = converge(spec, Run.Mode.APPLY);

        TargetGroup tg = read(state.arn());
        assertThat(tg.targetGroupName()).isEqualTo(name(8080)).startsWith("shop-tg-");
        assertThat(tg.protocol()).isEqualTo(ProtocolEnum.HTTP);
        assertThat(tg.port()).isEqualTo(8080);
        assertThat(tg.vpcId()).isEqualTo(world.vpcId());
        assertThat(tg.targetType()).isEqualTo(TargetTypeEnum.INSTANCE);
        assertThat(tg.healthCheckProtocol()).isEqualTo(ProtocolEnum.HTTP);
        assertThat(tg.healthCheckPort()).isEqualTo("traffic-port");
        assertThat(tg.healthCheckPath()).isEqualTo("/actuator/health");
        assertThat(tg.matcher().httpCode()).isEqualTo("200-299");
        assertThat(tg.healthCheckIntervalSeconds()).isEqualTo(15);
        assertThat(tg.healthCheckTimeoutSeconds()).isEqualTo(4);
        assertThat(tg.healthyThresholdCount()).isEqualTo(3);
        assertThat(tg.unhealthyThresholdCount()).isEqualTo(4);
        assertThat(attributes(state.arn()))
                .containsEntry("deregistration_delay.timeout_seconds", "30")
                .containsEntry("stickiness.enabled", "true")
                .containsEntry("stickiness.type", "lb_cookie")
                .containsEntry("stickiness.lb_cookie.duration_seconds", "3600");
        assertThat(tags(state.arn())).containsEntry("https-setup:stack", "shop").containsEntry("team", "web");
        assertThat(registered(state.arn()))
                .containsExactlyElementsOf(world.instanceIds().stream()
                        .sorted()
                        .map(id -> id + ":8080")
                        .toList());
        assertThat(state.replacedArns()).isEmpty();
        assertThat(last().outputs().targetGroupArn).isEqualTo(state.arn());
        assertThat(writes())
                .extracting(Change::kind, Change::action)
                .containsExactly(
                        tuple(ResourceKind.TARGET_GROUP, ChangeAction.CREATE),
                        tuple(ResourceKind.TARGETS, ChangeAction.CREATE));
        assertThat(calls().byOperation())
                .containsEntry("ElasticLoadBalancingV2:CreateTargetGroup", 1)
                .containsEntry("ElasticLoadBalancingV2:ModifyTargetGroupAttributes", 1)
                .containsEntry("ElasticLoadBalancingV2:RegisterTargets", 1);
    }

    @Test
    void converge_onAFreshStackWithDefaults_needsNoAttributeCall() {
        converge(spec().build(), Run.Mode.APPLY);

        assertThat(calls().writes()).isEqualTo(2);
        assertThat(calls().byOperation()).doesNotContainKey("ElasticLoadBalancingV2:ModifyTargetGroupAttributes");
    }

    @Test
    void converge_twice_secondMakesZeroWrites_andReportsTheGroupAndTargetsUnchanged() {
        HttpsSetup spec = spec().targets(t -> t.instanceIds(world.instanceIds())
                        .port(8080)
                        .stickiness(Duration.ofMinutes(5))
                        .healthCheck(h -> h.port(9000).path("/health")))
                .build();
        String arn = converge(spec, Run.Mode.APPLY).arn();

        States.TargetGroup second = converge(spec, Run.Mode.APPLY);

        assertThat(second.arn()).isEqualTo(arn);
        assertThat(calls().writes()).isZero();
        assertThat(calls().reads()).isEqualTo(4); // groups, tags, attributes, target health
        assertThat(last().changes())
                .extracting(Change::kind, Change::action)
                .containsExactlyInAnyOrder(
                        tuple(ResourceKind.TARGET_GROUP, ChangeAction.UNCHANGED),
                        tuple(ResourceKind.TARGETS, ChangeAction.UNCHANGED));
        assertThat(last().outputs().targetGroupArn).isEqualTo(arn);
    }

    @Test
    void plan_onAFreshStack_makesNoWrite_andPlansTheGroupAndItsTargets() {
        States.TargetGroup state = converge(spec().build(), Run.Mode.PLAN);

        assertThat(state.arn()).isNull();
        assertThat(calls().writes()).isZero();
        assertThat(elb.describeTargetGroups().targetGroups()).isEmpty();
        assertThat(last().changes())
                .extracting(Change::kind, Change::action)
                .containsExactly(
                        tuple(ResourceKind.TARGET_GROUP, ChangeAction.CREATE),
                        tuple(ResourceKind.TARGETS, ChangeAction.CREATE));
        assertThat(last().changes().get(0).attributes())
                .contains(
                        new AttributeChange("port", null, "8080"),
                        new AttributeChange("healthCheck.port", null, "traffic-port"),
                        new AttributeChange("arn", null, AttributeChange.KNOWN_AFTER_APPLY));
    }

    @Test
    void converge_whenTheHealthCheckPathChanges_isOneUpdateWithOneWrite() {
        String arn = converge(spec().build(), Run.Mode.APPLY).arn();

        converge(
                spec().targets(t -> t.instanceIds(world.instanceIds())
                                .port(8080)
                                .healthCheck(h -> h.path("/actuator/health")))
                        .build(),
                Run.Mode.APPLY);

        assertThat(writes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ResourceKind.TARGET_GROUP);
            assertThat(c.action()).isEqualTo(ChangeAction.UPDATE);
            assertThat(c.attributes())
                    .containsExactly(new AttributeChange("healthCheck.path", "/", "/actuator/health"));
        });
        assertThat(calls().writes()).isEqualTo(1);
        assertThat(calls().byOperation()).containsEntry("ElasticLoadBalancingV2:ModifyTargetGroup", 1);
        assertThat(read(arn).healthCheckPath()).isEqualTo("/actuator/health");
    }

    @Test
    void converge_whenAttributesDrifted_setsOnlyTheDifferingKeys() {
        String arn = converge(spec().build(), Run.Mode.APPLY).arn();
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(arn)
                .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("10")));

        converge(spec().build(), Run.Mode.APPLY);

        assertThat(writes())
                .singleElement()
                .satisfies(c -> assertThat(c.attributes())
                        .containsExactly(new AttributeChange("deregistration_delay.timeout_seconds", "10", "300")));
        assertThat(calls().writes()).isEqualTo(1);
        assertThat(attributes(arn)).containsEntry("deregistration_delay.timeout_seconds", "300");
    }

    @Test
    void converge_whenInstancesAreAddedOrRemoved_registersAndDeregistersThem() {
        List<String> ids = world.instanceIds();
        String arn = converge(spec(List.of(ids.get(0))).build(), Run.Mode.APPLY).arn();

        converge(spec(ids).build(), Run.Mode.APPLY);
        List<String> afterAdd = registered(arn);
        List<Change> added = writes();
        converge(spec(List.of(ids.get(1))).build(), Run.Mode.APPLY);

        assertThat(afterAdd).containsExactlyInAnyOrder(ids.get(0) + ":8080", ids.get(1) + ":8080");
        assertThat(added).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ResourceKind.TARGETS);
            assertThat(c.action()).isEqualTo(ChangeAction.CREATE);
            assertThat(c.reason()).isEqualTo("instance added");
        });
        assertThat(registered(arn)).containsExactly(ids.get(1) + ":8080");
        assertThat(writes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ResourceKind.TARGETS);
            assertThat(c.action()).isEqualTo(ChangeAction.DELETE);
            assertThat(c.reason()).isEqualTo("instance removed");
            assertThat(c.attributes()).containsExactly(new AttributeChange("target", ids.get(0) + ":8080", null));
        });
        assertThat(calls().writes()).isEqualTo(1);
    }

    @Test
    void converge_whenThePortChanges_createsANewGroup_andTheOldOneIsDeletedAfterwards() {
        String oldArn = converge(spec().build(), Run.Mode.APPLY).arn();
        HttpsSetup changed = spec().targets(
                        t -> t.instanceIds(world.instanceIds()).port(9090))
                .build();

        States.TargetGroup planned = converge(changed, Run.Mode.PLAN);
        States.TargetGroup state = converge(changed, Run.Mode.APPLY);

        assertThat(planned.replacedArns()).containsExactly(oldArn);
        assertThat(state.arn()).isNotEqualTo(oldArn);
        assertThat(read(state.arn()).targetGroupName()).isEqualTo(name(9090));
        assertThat(read(state.arn()).port()).isEqualTo(9090);
        assertThat(registered(state.arn()))
                .allSatisfy(t -> assertThat(t).endsWith(":9090"))
                .hasSize(2);
        assertThat(state.replacedArns()).containsExactly(oldArn);
        assertThat(writes()).first().satisfies(c -> {
            assertThat(c.action()).isEqualTo(ChangeAction.REPLACE);
            assertThat(c.attributes()).contains(new AttributeChange("port", "8080", "9090"));
        });
        assertThat(read(oldArn).port()).as("kept until the listeners switch").isEqualTo(8080);

        run(changed, Run.Mode.APPLY, tg -> tg.deleteReplaced(state));

        assertThatThrownBy(() -> read(oldArn)).isInstanceOf(TargetGroupNotFoundException.class);
        assertThat(writes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(ChangeAction.DELETE);
            assertThat(c.id()).isEqualTo(oldArn);
            assertThat(c.name()).isEqualTo(name(8080));
        });
        assertThat(converge(changed, Run.Mode.APPLY).replacedArns()).isEmpty();
        assertThat(calls().writes()).isZero();
    }

    @Test
    void converge_whenAForeignGroupHoldsTheName_isAConflict_andWritesNothing_untilAdopted() {
        String foreign = elb.createTargetGroup(r -> r.name(name(8080))
                        .protocol(ProtocolEnum.HTTP)
                        .port(8080)
                        .vpcId(world.vpcId()))
                .targetGroups()
                .get(0)
                .targetGroupArn();

        States.TargetGroup state = converge(spec().build(), Run.Mode.APPLY);

        assertThat(last().changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(ChangeAction.CONFLICT);
            assertThat(c.kind()).isEqualTo(ResourceKind.TARGET_GROUP);
            assertThat(c.id()).isEqualTo(foreign);
            assertThat(c.reason()).contains("adopt: true");
        });
        assertThat(state.replacedArns()).isEmpty();
        assertThat(calls().writes()).isZero();
        assertThat(tags(foreign)).doesNotContainKey("https-setup:stack");
        assertThat(registered(foreign)).isEmpty();

        States.TargetGroup adopted = converge(spec().adopt(true).build(), Run.Mode.APPLY);

        assertThat(adopted.arn()).isEqualTo(foreign);
        assertThat(tags(foreign)).containsEntry("https-setup:stack", "shop");
        assertThat(registered(foreign)).hasSize(2);
    }

    @Test
    void destroy_deletesTheStacksGroupsOnly() {
        String foreignWithPrefix = elb.createTargetGroup(r -> r.name("shop-tg-ffffff")
                        .protocol(ProtocolEnum.HTTP)
                        .port(80)
                        .vpcId(world.vpcId()))
                .targetGroups()
                .get(0)
                .targetGroupArn();
        String other = elb.createTargetGroup(r -> r.name("blog")
                        .protocol(ProtocolEnum.HTTP)
                        .port(80)
                        .vpcId(world.vpcId())
                        .tags(t -> t.key("https-setup:stack").value("blog")))
                .targetGroups()
                .get(0)
                .targetGroupArn();
        String owned = converge(spec().build(), Run.Mode.APPLY).arn();

        run(spec().build(), Run.Mode.DESTROY, TargetGroups::destroy);

        assertThat(elb.describeTargetGroups().targetGroups())
                .extracting(g -> g.targetGroupArn())
                .containsExactlyInAnyOrder(foreignWithPrefix, other)
                .doesNotContain(owned);
        assertThat(writes()).singleElement().satisfies(c -> assertThat(c.id()).isEqualTo(owned));

        run(spec().build(), Run.Mode.DESTROY, TargetGroups::destroy);

        assertThat(calls().writes()).isZero();
    }
}
