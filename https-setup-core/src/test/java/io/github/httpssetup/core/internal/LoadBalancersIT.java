package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.httpssetup.core.AttributeChange;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.IpAddressType;
import io.github.httpssetup.core.ReferenceWorld;
import io.github.httpssetup.core.ResourceKind;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import io.github.httpssetup.testing.Ec2Fixture;
import io.github.httpssetup.testing.Ec2World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;

/** The load balancer alone, against the emulator: created, fixed in place, adopted, refused, deleted. */
@AwsEmulatorTest
class LoadBalancersIT {

    private static final String REGION = "eu-west-1";

    private AwsEmulator aws;
    private Runs runs;
    private Ec2Client ec2;
    private ElasticLoadBalancingV2Client elb;
    private Ec2World world;
    private String groupId;
    private String otherGroupId;

    @BeforeEach
    void setUp(AwsEmulator emulator) {
        emulator.reset();
        aws = emulator.withRegion(REGION);
        runs = new Runs(aws);
        ec2 = aws.client(Ec2Client.builder());
        elb = aws.client(ElasticLoadBalancingV2Client.builder());
        world = Ec2Fixture.builder().build().seed(ec2);
        groupId = group("alb");
        otherGroupId = group("other");
    }

    @AfterEach
    void tearDown() {
        ec2.close();
        elb.close();
    }

    @Test
    void converge_whenMissing_createsAnInternetFacingApplicationLoadBalancer_withEveryPropertyReadBack() {
        HttpsSetup spec = spec().loadBalancer(
                        lb -> lb.ipAddressType(IpAddressType.DUALSTACK).idleTimeout(Duration.ofSeconds(120)))
                .build();

        Outcome<States.LoadBalancer> created =
                run(spec, Run.Mode.APPLY, lb -> lb.converge(network(), List.of(groupId)));

        var lb = elb.describeLoadBalancers(r -> r.names("shop-https"))
                .loadBalancers()
                .get(0);
        assertThat(created.value())
                .isEqualTo(new States.LoadBalancer(lb.loadBalancerArn(), lb.dnsName(), lb.canonicalHostedZoneId()));
        assertThat(lb.type()).isEqualTo(LoadBalancerTypeEnum.APPLICATION);
        assertThat(lb.scheme()).isEqualTo(LoadBalancerSchemeEnum.INTERNET_FACING);
        assertThat(lb.ipAddressTypeAsString()).isEqualTo("dualstack");
        assertThat(lb.availabilityZones())
                .extracting(z -> z.subnetId())
                .containsExactlyInAnyOrderElementsOf(world.publicSubnetIds().values());
        assertThat(lb.securityGroups()).containsExactly(groupId);
        assertThat(attributes(lb.loadBalancerArn()))
                .containsEntry("idle_timeout.timeout_seconds", "120")
                .containsEntry("deletion_protection.enabled", "false");
        assertThat(tags(lb.loadBalancerArn()))
                .containsEntry("https-setup:stack", "shop")
                .containsEntry("team", "web");
        assertThat(created.outputs().loadBalancerArn).isEqualTo(lb.loadBalancerArn());
        assertThat(created.outputs().loadBalancerDnsName).isEqualTo(lb.dnsName());
        assertThat(created.changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(ChangeAction.CREATE);
            assertThat(c.kind()).isEqualTo(ResourceKind.LOAD_BALANCER);
            assertThat(c.name()).isEqualTo("shop-https");
        });
        assertThat(created.writesByOperation()).containsOnlyKeys("CreateLoadBalancer", "ModifyLoadBalancerAttributes");
    }

    @Test
    void converge_withDefaultAttributes_writesNoAttributes() {
        Outcome<States.LoadBalancer> created =
                run(spec().build(), Run.Mode.APPLY, lb -> lb.converge(network(), List.of(groupId)));

        assertThat(created.writesByOperation()).containsOnlyKeys("CreateLoadBalancer");
        assertThat(elb.describeLoadBalancers(r -> r.names("shop-https"))
                        .loadBalancers()
                        .get(0)
                        .ipAddressTypeAsString())
                .isEqualTo("ipv4");
    }

    @Test
    void converge_twice_theSecondMakesZeroWrites_andReportsUnchanged() {
        HttpsSetup spec = spec().loadBalancer(lb -> lb.idleTimeout(Duration.ofSeconds(300)))
                .build();
        States.LoadBalancer first = run(spec, Run.Mode.APPLY, lb -> lb.converge(network(), List.of(groupId)))
                .value();

        Outcome<States.LoadBalancer> second = run(spec, Run.Mode.APPLY, lb -> lb.converge(network(), List.of(groupId)));

        assertThat(second.value()).isEqualTo(first);
        assertThat(second.writes()).isZero();
        assertThat(second.changes())
                .singleElement()
                .satisfies(c -> assertThat(c.action()).isEqualTo(ChangeAction.UNCHANGED));
        assertThat(second.outputs().loadBalancerArn).isEqualTo(first.arn());
    }

    @Test
    void plan_whenMissing_recordsACreateWithValuesKnownAfterApply_andWritesNothing() {
        Outcome<States.LoadBalancer> plan = run(spec().build(), Run.Mode.PLAN, lb -> lb.converge(network(), null));

        assertThat(plan.value().arn()).isNull();
        assertThat(plan.writes()).isZero();
        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(ChangeAction.CREATE);
            assertThat(c.attributes())
                    .contains(
                            new AttributeChange("securityGroups", null, AttributeChange.KNOWN_AFTER_APPLY),
                            new AttributeChange("arn", null, AttributeChange.KNOWN_AFTER_APPLY));
        });
        assertThat(elb.describeLoadBalancers().loadBalancers()).isEmpty();
    }

    @Test
    void converge_whenSubnetsGroupsIpTypeIdleTimeoutAndTagsDrift_plansOneUpdate_andApplyFixesEach() {
        HttpsSetup spec = spec().build();
        String arn = run(spec, Run.Mode.APPLY, lb -> lb.converge(network(), List.of(groupId)))
                .value()
                .arn();
        List<String> subnets = new ArrayList<>(world.publicSubnetIds().values());
        elb.setSubnets(r -> r.loadBalancerArn(arn).subnets(subnets.subList(0, 2)));
        elb.setSecurityGroups(r -> r.loadBalancerArn(arn).securityGroups(otherGroupId));
        elb.setIpAddressType(r -> r.loadBalancerArn(arn).ipAddressType("dualstack"));
        elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(arn)
                .attributes(a -> a.key("idle_timeout.timeout_seconds").value("30")));
        elb.removeTags(r -> r.resourceArns(arn).tagKeys("team"));

        Outcome<States.LoadBalancer> plan = run(spec, Run.Mode.PLAN, lb -> lb.converge(network(), List.of(groupId)));
        Outcome<States.LoadBalancer> apply = run(spec, Run.Mode.APPLY, lb -> lb.converge(network(), List.of(groupId)));

        assertThat(plan.writes()).isZero();
        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(ChangeAction.UPDATE);
            assertThat(c.attributes())
                    .extracting(AttributeChange::attribute)
                    .containsExactly(
                            "tags.team", "subnets", "securityGroups", "ipAddressType", "idle_timeout.timeout_seconds");
            assertThat(c.attributes())
                    .contains(
                            new AttributeChange("ipAddressType", "dualstack", "ipv4"),
                            new AttributeChange("idle_timeout.timeout_seconds", "30", "60"));
        });
        assertThat(apply.writesByOperation())
                .containsOnlyKeys(
                        "AddTags",
                        "SetSubnets",
                        "SetSecurityGroups",
                        "SetIpAddressType",
                        "ModifyLoadBalancerAttributes");
        var lb = elb.describeLoadBalancers(r -> r.loadBalancerArns(arn))
                .loadBalancers()
                .get(0);
        assertThat(lb.availabilityZones()).extracting(z -> z.subnetId()).containsExactlyInAnyOrderElementsOf(subnets);
        assertThat(lb.securityGroups()).containsExactly(groupId);
        assertThat(lb.ipAddressTypeAsString()).isEqualTo("ipv4");
        assertThat(attributes(arn)).containsEntry("idle_timeout.timeout_seconds", "60");
        assertThat(tags(arn)).containsEntry("team", "web");
        assertThat(run(spec, Run.Mode.APPLY, l -> l.converge(network(), List.of(groupId)))
                        .writes())
                .isZero();
    }

    @Test
    void plan_whenTheSecurityGroupIsNotCreatedYet_plansAnUpdateWithTheGroupKnownAfterApply() {
        HttpsSetup spec = spec().build();
        run(spec, Run.Mode.APPLY, lb -> lb.converge(network(), List.of(groupId)));

        Outcome<States.LoadBalancer> plan = run(spec, Run.Mode.PLAN, lb -> lb.converge(network(), null));

        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(ChangeAction.UPDATE);
            assertThat(c.attributes())
                    .containsExactly(new AttributeChange("securityGroups", groupId, AttributeChange.KNOWN_AFTER_APPLY));
        });
        assertThat(plan.writes()).isZero();
    }

    @Test
    void converge_whenAForeignLoadBalancerHasTheName_isAConflict_andWritesNothing() {
        String foreign = foreignLoadBalancer(LoadBalancerSchemeEnum.INTERNET_FACING);

        Outcome<States.LoadBalancer> apply =
                run(spec().build(), Run.Mode.APPLY, lb -> lb.converge(network(), List.of(groupId)));

        assertThat(apply.changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(ChangeAction.CONFLICT);
            assertThat(c.id()).isEqualTo(foreign);
            assertThat(c.reason()).isEqualTo("exists but is not owned by stack shop");
        });
        assertThat(apply.value().arn()).isEqualTo(foreign);
        assertThat(apply.writes()).isZero();
        assertThat(tags(foreign)).doesNotContainKey("https-setup:stack");
        assertThat(elb.describeLoadBalancers().loadBalancers()).hasSize(1);
    }

    @Test
    void converge_withAdopt_tagsTheForeignLoadBalancer_andConvergesIt() {
        String foreign = foreignLoadBalancer(LoadBalancerSchemeEnum.INTERNET_FACING);
        HttpsSetup spec = spec().adopt(true).build();

        Outcome<States.LoadBalancer> apply = run(spec, Run.Mode.APPLY, lb -> lb.converge(network(), List.of(groupId)));

        assertThat(apply.value().arn()).isEqualTo(foreign);
        assertThat(apply.changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(ChangeAction.UPDATE);
            assertThat(c.reason()).contains("adopt");
            assertThat(c.attributes()).contains(new AttributeChange("tags.https-setup:stack", null, "shop"));
        });
        assertThat(tags(foreign)).containsEntry("https-setup:stack", "shop").containsEntry("team", "web");
        assertThat(elb.describeLoadBalancers(r -> r.loadBalancerArns(foreign))
                        .loadBalancers()
                        .get(0)
                        .securityGroups())
                .containsExactly(groupId);
        assertThat(run(spec().build(), Run.Mode.APPLY, lb -> lb.converge(network(), List.of(groupId)))
                        .writes())
                .isZero();
    }

    @Test
    void converge_whenTheOwnedLoadBalancerIsInternal_failsSayingWhatToDo() {
        String internal = elb.createLoadBalancer(r -> r.name("shop-https")
                        .subnets(world.publicSubnetIds().values())
                        .scheme(LoadBalancerSchemeEnum.INTERNAL)
                        .type(LoadBalancerTypeEnum.APPLICATION)
                        .tags(t -> t.key("https-setup:stack").value("shop")))
                .loadBalancers()
                .get(0)
                .loadBalancerArn();

        assertThatThrownBy(() -> run(spec().build(), Run.Mode.PLAN, lb -> lb.converge(network(), List.of(groupId))))
                .isInstanceOf(HttpsSetupException.class)
                .hasMessageContaining(internal)
                .hasMessageContaining("internal")
                .hasMessageContaining("loadBalancer.name");
    }

    @Test
    void destroy_deletesTheOwnedLoadBalancer_andWaitsUntilItIsGone() {
        String arn = run(spec().build(), Run.Mode.APPLY, lb -> lb.converge(network(), List.of(groupId)))
                .value()
                .arn();

        Outcome<Void> destroyed = run(spec().build(), Run.Mode.DESTROY, lb -> {
            lb.destroy();
            return null;
        });
        Outcome<Void> again = run(spec().build(), Run.Mode.DESTROY, lb -> {
            lb.destroy();
            return null;
        });

        assertThatThrownBy(() -> elb.describeLoadBalancers(r -> r.loadBalancerArns(arn)))
                .isInstanceOf(LoadBalancerNotFoundException.class);
        assertThat(destroyed.changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(ChangeAction.DELETE);
            assertThat(c.id()).isEqualTo(arn);
        });
        assertThat(again.changes()).isEmpty();
        assertThat(again.writes()).isZero();
    }

    @Test
    void destroy_leavesAForeignLoadBalancerAlone() {
        String foreign = foreignLoadBalancer(LoadBalancerSchemeEnum.INTERNET_FACING);

        Outcome<Void> destroyed = run(spec().build(), Run.Mode.DESTROY, lb -> {
            lb.destroy();
            return null;
        });

        assertThat(destroyed.writes()).isZero();
        assertThat(elb.describeLoadBalancers(r -> r.loadBalancerArns(foreign)).loadBalancers())
                .hasSize(1);
    }

    @Test
    void destroy_whenDeletionProtectionIsOn_refuses_sayingHowToTurnItOff_andKeepsIt() {
        HttpsSetup protectedSpec =
                spec().loadBalancer(lb -> lb.deletionProtection(true)).build();
        String arn = run(protectedSpec, Run.Mode.APPLY, lb -> lb.converge(network(), List.of(groupId)))
                .value()
                .arn();

        assertThatThrownBy(() -> run(protectedSpec, Run.Mode.DESTROY, lb -> {
                    lb.destroy();
                    return null;
                }))
                .isInstanceOf(HttpsSetupException.class)
                .hasMessageContaining("loadBalancer.deletionProtection: false")
                .satisfies(e -> assertThat(((HttpsSetupException) e).code()).isEqualTo(ErrorCode.DELETION_PROTECTED));

        assertThat(elb.describeLoadBalancers(r -> r.loadBalancerArns(arn)).loadBalancers())
                .hasSize(1);
        assertThatThrownBy(() -> run(protectedSpec, Run.Mode.DESTROY, lb -> {
                    lb.checkDestroyable();
                    return null;
                }))
                .isInstanceOf(HttpsSetupException.class)
                .hasMessageContaining(arn);
    }

    @Test
    void checkDestroyable_passesWhenUnprotected_missing_orForeign() {
        HttpsSetup spec = spec().build();
        Outcome<Void> missing = run(spec, Run.Mode.DESTROY, lb -> {
            lb.checkDestroyable();
            return null;
        });
        String foreign = foreignLoadBalancer(LoadBalancerSchemeEnum.INTERNET_FACING);
        elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(foreign)
                .attributes(a -> a.key("deletion_protection.enabled").value("true")));

        Outcome<Void> foreignProtected = run(spec, Run.Mode.DESTROY, lb -> {
            lb.checkDestroyable();
            return null;
        });

        assertThat(missing.writes()).isZero();
        assertThat(foreignProtected.writes()).isZero();
    }

    // ---- helpers ----

    /** What one run of the resource gave: its result, its changes, its outputs and the writes it made (operation → count). */
    private <T> Outcome<T> run(HttpsSetup spec, Run.Mode mode, Function<LoadBalancers, T> step) {
        return runs.get(spec, mode, run -> step.apply(new LoadBalancers(run)));
    }

    private HttpsSetup.Builder spec() {
        return ReferenceWorld.stack(REGION, world.instanceIds());
    }

    private States.Network network() {
        return new States.Network(
                world.vpcId(),
                world.instanceIds(),
                Map.of(),
                Set.of(world.appSecurityGroupId()),
                List.copyOf(world.publicSubnetIds().values()));
    }

    private String group(String name) {
        return ec2.createSecurityGroup(r -> r.groupName(name).description(name).vpcId(world.vpcId()))
                .groupId();
    }

    private String foreignLoadBalancer(LoadBalancerSchemeEnum scheme) {
        return elb.createLoadBalancer(r -> r.name("shop-https")
                        .subnets(world.publicSubnetIds().values())
                        .scheme(scheme)
                        .type(LoadBalancerTypeEnum.APPLICATION)
                        .tags(t -> t.key("owner").value("someone-else")))
                .loadBalancers()
                .get(0)
                .loadBalancerArn();
    }

    private Map<String, String> attributes(String arn) {
        return elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn)).attributes().stream()
                .collect(Collectors.toMap(a -> a.key(), a -> a.value()));
    }

    private Map<String, String> tags(String arn) {
        return elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().get(0).tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }
}
