package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.httpssetup.core.ApiCalls;
import io.github.httpssetup.core.AttributeChange;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpAction;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.IpAddressType;
import io.github.httpssetup.core.ProgressEvent;
import io.github.httpssetup.core.ReferenceWorld;
import io.github.httpssetup.core.ResourceKind;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import io.github.httpssetup.testing.Ec2Fixture;
import io.github.httpssetup.testing.Ec2World;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Tag;

/** {@link SecurityGroups} against the emulator: the load balancer's group, the rules on the instances' groups, destroy. */
@AwsEmulatorTest
class SecurityGroupsIT {

    private static final String REGION = "eu-west-1";

    private AwsEmulator aws;
    private Ec2Client ec2;
    private Ec2World world;
    private States.Network network;
    /** Runs the groups alone; the events of every run. */
    private Runs runs;

    private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp(AwsEmulator emulator) {
        emulator.reset();
        aws = emulator.withRegion(REGION);
        runs = new Runs(aws, events);
        ec2 = aws.client(Ec2Client.builder());
        world = Ec2Fixture.builder().instances(1).build().seed(ec2);
        network = new States.Network(
                world.vpcId(),
                world.instanceIds(),
                Map.of(world.instanceIds().get(0), world.instanceZone()),
                Set.of(world.appSecurityGroupId()),
                List.copyOf(world.publicSubnetIds().values()));
    }

    @AfterEach
    void tearDown() {
        ec2.close();
    }

    private HttpsSetup.Builder spec() {
        return ReferenceWorld.stack(REGION, world.instanceIds());
    }

    private List<String> converge(HttpsSetup spec, Run.Mode mode) {
        return runs.get(spec, mode, run -> {
                    SecurityGroups groups = new SecurityGroups(run);
                    States.SecurityGroups result = groups.converge(network.targets());
                    groups.revokeStale(result); // what the engine does after the listeners switched
                    return result.ids();
                })
                .value();
    }

    private void destroy(HttpsSetup spec) {
        runs.run(spec, Run.Mode.DESTROY, run -> new SecurityGroups(run).destroy());
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

    private SecurityGroup group(String id) {
        return ec2.describeSecurityGroups(r -> r.groupIds(id)).securityGroups().get(0);
    }

    private List<SecurityGroupRule> ingress(String groupId) {
        return ec2
                .describeSecurityGroupRules(r -> r.filters(
                        Filter.builder().name("group-id").values(groupId).build()))
                .securityGroupRules()
                .stream()
                .filter(r -> !r.isEgress())
                .toList();
    }

    private static Set<String> keys(List<SecurityGroupRule> rules) {
        return rules.stream().map(r -> SecurityGroups.Ingress.of(r).toString()).collect(Collectors.toSet());
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    @Test
    void converge_onAFreshStack_createsTheLoadBalancerGroup_andTheRuleOnTheInstancesGroup() {
        List<String> ids = converge(spec().build(), Run.Mode.APPLY);

        assertThat(ids).hasSize(1);
        SecurityGroup alb = group(ids.get(0));
        assertThat(alb.groupName()).isEqualTo("shop-alb");
        assertThat(alb.vpcId()).isEqualTo(world.vpcId());
        assertThat(alb.description()).isEqualTo("https-setup shop: load balancer");
        assertThat(tags(alb.tags())).containsEntry("https-setup:stack", "shop").containsEntry("team", "web");
        assertThat(keys(ingress(alb.groupId())))
                .containsExactlyInAnyOrder("tcp 443 from 0.0.0.0/0", "tcp 80 from 0.0.0.0/0");
        assertThat(ingress(alb.groupId()))
                .allSatisfy(r -> assertThat(tags(r.tags())).containsEntry("https-setup:stack", "shop"));
        List<SecurityGroupRule> app = ingress(world.appSecurityGroupId());
        assertThat(app).singleElement().satisfies(r -> {
            assertThat(SecurityGroups.Ingress.of(r)).isEqualTo(SecurityGroups.Ingress.tcp(8080, alb.groupId()));
            assertThat(tags(r.tags())).containsEntry("https-setup:stack", "shop");
        });
        assertThat(group(world.appSecurityGroupId()).ipPermissions())
                .singleElement()
                .satisfies(p -> assertThat(p.userIdGroupPairs().get(0).description())
                        .isEqualTo("https-setup shop: from load balancer"));
        assertThat(writes())
                .extracting(Change::kind, Change::action)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ResourceKind.SECURITY_GROUP, ChangeAction.CREATE),
                        org.assertj.core.groups.Tuple.tuple(ResourceKind.SECURITY_GROUP_RULE, ChangeAction.CREATE));
    }

    @Test
    void converge_twice_secondIsUnchanged_withZeroWrites_andTwoReads() {
        HttpsSetup spec = spec().build();
        List<String> first = converge(spec, Run.Mode.APPLY);

        List<String> second = converge(spec, Run.Mode.APPLY);

        assertThat(second).isEqualTo(first);
        assertThat(calls().writes()).isZero();
        assertThat(calls().reads()).isEqualTo(2);
        assertThat(last().changes())
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.action()).isEqualTo(ChangeAction.UNCHANGED));
        assertThat(last().changes())
                .extracting(Change::kind)
                .contains(ResourceKind.SECURITY_GROUP, ResourceKind.SECURITY_GROUP_RULE);
    }

    @Test
    void plan_onAFreshStack_returnsNull_andPlansTheRuleWithASourceKnownAfterApply_withoutWriting() {
        List<String> ids = converge(spec().build(), Run.Mode.PLAN);

        assertThat(ids).isNull();
        assertThat(calls().writes()).isZero();
        assertThat(ec2.describeSecurityGroups(r -> r.filters(Filter.builder()
                                .name("group-name")
                                .values("shop-alb")
                                .build()))
                        .securityGroups())
                .isEmpty();
        assertThat(last().changes())
                .filteredOn(c -> c.kind() == ResourceKind.SECURITY_GROUP_RULE)
                .singleElement()
                .satisfies(c -> assertThat(c.attributes())
                        .contains(new AttributeChange("source", null, AttributeChange.KNOWN_AFTER_APPLY)));
    }

    @Test
    void converge_withADifferentHealthCheckPort_admitsBothPortsFromTheLoadBalancer() {
        String alb = converge(
                        spec().targets(t -> t.instanceIds(world.instanceIds())
                                        .port(8080)
                                        .healthCheck(h -> h.port(9000)))
                                .build(),
                        Run.Mode.APPLY)
                .get(0);

        assertThat(keys(ingress(world.appSecurityGroupId())))
                .containsExactlyInAnyOrder("tcp 8080 from " + alb, "tcp 9000 from " + alb);
    }

    @Test
    void converge_whenTheAppPortChanges_revokesTheOldOwnedRule_andLeavesUntaggedRulesAlone() {
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(world.appSecurityGroupId())
                .ipPermissions(p -> p.ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(i -> i.cidrIp("10.0.0.0/8"))));
        String alb = converge(spec().build(), Run.Mode.APPLY).get(0);

        converge(
                spec().targets(t -> t.instanceIds(world.instanceIds()).port(9090))
                        .build(),
                Run.Mode.APPLY);

        assertThat(keys(ingress(world.appSecurityGroupId())))
                .containsExactlyInAnyOrder("tcp 22 from 10.0.0.0/8", "tcp 9090 from " + alb);
        assertThat(writes())
                .extracting(Change::kind, Change::action)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(ResourceKind.SECURITY_GROUP_RULE, ChangeAction.CREATE),
                        org.assertj.core.groups.Tuple.tuple(ResourceKind.SECURITY_GROUP_RULE, ChangeAction.DELETE));
        assertThat(calls().writes()).isEqualTo(2);
    }

    @Test
    void converge_whenTheLoadBalancerGroupDrifted_restoresItsInboundRules() {
        String alb = converge(spec().build(), Run.Mode.APPLY).get(0);
        String http = ingress(alb).stream()
                .filter(r -> r.fromPort() == 80)
                .findFirst()
                .orElseThrow()
                .securityGroupRuleId();
        ec2.revokeSecurityGroupIngress(r -> r.groupId(alb).securityGroupRuleIds(http));
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(alb)
                .ipPermissions(p -> p.ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(i -> i.cidrIp("0.0.0.0/0"))));

        converge(spec().build(), Run.Mode.APPLY);

        assertThat(keys(ingress(alb))).containsExactlyInAnyOrder("tcp 443 from 0.0.0.0/0", "tcp 80 from 0.0.0.0/0");
        assertThat(writes())
                .extracting(Change::name)
                .containsExactlyInAnyOrder("shop-alb: tcp 80 from 0.0.0.0/0", "shop-alb: tcp 22 from 0.0.0.0/0");
    }

    @Test
    void converge_forDualstackWithoutHttpListener_admitsHttpsOverIpv4AndIpv6Only() {
        String alb = converge(
                        spec().loadBalancer(lb -> lb.ipAddressType(IpAddressType.DUALSTACK))
                                .httpListener(HttpAction.NONE)
                                .build(),
                        Run.Mode.APPLY)
                .get(0);

        assertThat(keys(ingress(alb))).containsExactlyInAnyOrder("tcp 443 from 0.0.0.0/0", "tcp 443 from ::/0");
    }

    @Test
    void converge_whenAForeignGroupHoldsTheName_recordsAConflict_andWritesNothing_untilAdopted() {
        String foreign = ec2.createSecurityGroup(
                        r -> r.groupName("shop-alb").description("someone's").vpcId(world.vpcId()))
                .groupId();

        List<String> ids = converge(spec().build(), Run.Mode.APPLY);

        assertThat(ids).containsExactly(foreign);
        assertThat(last().changes())
                .filteredOn(c -> c.action() == ChangeAction.CONFLICT)
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.kind()).isEqualTo(ResourceKind.SECURITY_GROUP);
                    assertThat(c.id()).isEqualTo(foreign);
                    assertThat(c.reason()).contains("adopt: true");
                });
        assertThat(calls().writes()).isZero();
        assertThat(group(foreign).tags()).isEmpty();
        assertThat(ingress(world.appSecurityGroupId())).isEmpty();

        converge(spec().adopt(true).build(), Run.Mode.APPLY);

        assertThat(tags(group(foreign).tags())).containsEntry("https-setup:stack", "shop");
        assertThat(keys(ingress(foreign))).containsExactlyInAnyOrder("tcp 443 from 0.0.0.0/0", "tcp 80 from 0.0.0.0/0");
        assertThat(keys(ingress(world.appSecurityGroupId()))).containsExactly("tcp 8080 from " + foreign);
    }

    @Test
    void converge_withGivenGroups_usesThemAsTheyAre_andWarnsWhenNoneAdmitsHttps() {
        String given = ec2.createSecurityGroup(
                        r -> r.groupName("recipe-alb").description("recipe").vpcId(world.vpcId()))
                .groupId();

        List<String> ids =
                converge(spec().loadBalancer(lb -> lb.securityGroups(given)).build(), Run.Mode.PLAN);

        assertThat(ids).containsExactly(given);
        assertThat(calls().writes()).isZero();
        assertThat(last().changes())
                .singleElement()
                .satisfies(c -> assertThat(c.action()).isEqualTo(ChangeAction.UNCHANGED));
        assertThat(events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(ProgressEvent.Type.WARNING);
            assertThat(e.message()).contains("admits inbound TCP 443").contains(given);
        });

        events.clear();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(given)
                .ipPermissions(
                        p -> p.ipProtocol("tcp").fromPort(443).toPort(443).ipRanges(i -> i.cidrIp("0.0.0.0/0"))));
        converge(spec().loadBalancer(lb -> lb.securityGroups(given)).build(), Run.Mode.PLAN);
        assertThat(events).noneSatisfy(e -> assertThat(e.type()).isEqualTo(ProgressEvent.Type.WARNING));
    }

    @Test
    void converge_withGivenGroups_thatAreMissingOrInAnotherVpc_fails() {
        String elsewhere = ec2.createSecurityGroup(r -> r.groupName("elsewhere").description("default vpc"))
                .groupId();

        assertThatThrownBy(() -> converge(
                        spec().loadBalancer(lb -> lb.securityGroups("sg-0123456789abcdef0"))
                                .build(),
                        Run.Mode.PLAN))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SECURITY_GROUPS_INVALID))
                .hasMessageContaining("sg-0123456789abcdef0 does not exist in eu-west-1");
        assertThatThrownBy(() -> converge(
                        spec().loadBalancer(lb -> lb.securityGroups(elsewhere)).build(), Run.Mode.PLAN))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SECURITY_GROUPS_INVALID))
                .hasMessageContaining(elsewhere + " is in vpc-")
                .hasMessageContaining("the target instances are in " + world.vpcId());
    }

    @Test
    void destroy_revokesTheStacksRules_deletesItsGroups_andLeavesEverythingElse() {
        String foreign = ec2.createSecurityGroup(
                        r -> r.groupName("someone-else").description("x").vpcId(world.vpcId()))
                .groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(world.appSecurityGroupId())
                .ipPermissions(p -> p.ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(i -> i.cidrIp("10.0.0.0/8"))));
        String alb = converge(spec().build(), Run.Mode.APPLY).get(0);

        destroy(spec().build());

        assertThat(ec2.describeSecurityGroups(r -> r.filters(Filter.builder()
                                .name("vpc-id")
                                .values(world.vpcId())
                                .build()))
                        .securityGroups())
                .extracting(SecurityGroup::groupId)
                .contains(foreign, world.appSecurityGroupId())
                .doesNotContain(alb);
        assertThat(keys(ingress(world.appSecurityGroupId()))).containsExactly("tcp 22 from 10.0.0.0/8");
        assertThat(writes())
                .extracting(Change::kind, Change::action)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(ResourceKind.SECURITY_GROUP_RULE, ChangeAction.DELETE),
                        org.assertj.core.groups.Tuple.tuple(ResourceKind.SECURITY_GROUP, ChangeAction.DELETE));

        destroy(spec().build());

        assertThat(calls().writes()).isZero();
        assertThat(last().changes()).isEmpty();
    }
}
