package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.httpssetup.core.ApiCalls;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.IpAddressType;
import io.github.httpssetup.core.ReferenceWorld;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import io.github.httpssetup.testing.Ec2Fixture;
import io.github.httpssetup.testing.Ec2World;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** {@link Network} against the emulator: instances, VPC and the load balancer's subnets, read in a handful of calls. */
@AwsEmulatorTest
class NetworkIT {

    private static final String REGION = "eu-west-1";

    private AwsEmulator aws;
    private Ec2Client ec2;
    private Runs runs;

    @BeforeEach
    void setUp(AwsEmulator emulator) {
        emulator.reset();
        aws = emulator.withRegion(REGION);
        runs = new Runs(aws);
        ec2 = aws.client(Ec2Client.builder());
    }

    @AfterEach
    void tearDown() {
        ec2.close();
    }

    private Ec2World seed(Consumer<Ec2Fixture.Builder> fixture) {
        Ec2Fixture.Builder builder = Ec2Fixture.builder();
        fixture.accept(builder);
        return builder.build().seed(ec2);
    }

    private static HttpsSetup.Builder spec(List<String> instanceIds) {
        return ReferenceWorld.stack(REGION, instanceIds);
    }

    private States.Network resolve(HttpsSetup spec) {
        return runs.get(spec, Run.Mode.APPLY, run -> new Network(run).resolve()).value();
    }

    /** The calls of the latest run. */
    private ApiCalls calls() {
        return runs.last().calls();
    }

    @Test
    void resolve_withThreePublicZones_picksOnePublicSubnetPerZone_inThreeReads() {
        Ec2World world = seed(f -> f.instances(2).publicZones(3).instanceZoneIndex(1));

        States.Network network = resolve(spec(world.instanceIds()).build());

        assertThat(network.vpcId()).isEqualTo(world.vpcId());
        assertThat(network.subnetIds())
                .containsExactlyElementsOf(world.publicSubnetIds().values())
                .doesNotContain(world.privateSubnetId());
        assertThat(network.instanceIds()).isSorted().containsExactlyInAnyOrderElementsOf(world.instanceIds());
        assertThat(network.instanceZones())
                .containsOnlyKeys(world.instanceIds())
                .allSatisfy((id, zone) -> assertThat(zone).isEqualTo(world.instanceZone()));
        assertThat(network.instanceSecurityGroupIds()).containsExactly(world.appSecurityGroupId());
        assertThat(calls().writes()).isZero();
        assertThat(calls().byOperation())
                .containsOnly(
                        Map.entry("Ec2:DescribeInstances", 1),
                        Map.entry("Ec2:DescribeSubnets", 1),
                        Map.entry("Ec2:DescribeRouteTables", 1)); // zones named like availability zones: no zone read
    }

    @Test
    void resolve_byInstanceTags_findsTheTaggedInstances_andIgnoresTerminatedOnes() {
        Ec2World world = seed(f -> f.instances(2).instanceTags(Map.of("app", "shop")));
        ec2.terminateInstances(r -> r.instanceIds(world.instanceIds().get(0)));

        States.Network network = resolve(spec(List.of())
                .targets(t -> t.instanceTags(Map.of("app", "shop")))
                .build());

        assertThat(network.instanceIds()).containsExactly(world.instanceIds().get(1));
    }

    @Test
    void resolve_byInstanceTags_whenNoInstanceCarriesThem_fails() {
        seed(f -> f.instances(1).instanceTags(Map.of("app", "shop")));

        assertThatThrownBy(() -> resolve(spec(List.of())
                        .targets(t -> t.instanceTags(Map.of("app", "blog")))
                        .build()))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TARGETS_INVALID))
                .hasMessageContaining("no instance in eu-west-1 carries app=blog");
    }

    @Test
    void resolve_whenOnlyOneZoneHasAPublicSubnet_failsWithSubnetsInvalid_andWritesNothing() {
        Ec2World world = seed(f -> f.instances(1).publicZones(1));

        assertThatThrownBy(() -> resolve(spec(world.instanceIds()).build()))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SUBNETS_INVALID))
                .hasMessageContaining(world.instanceZone() + " (targets "
                        + world.instanceIds().get(0) + "): public "
                        + world.publicSubnetIds().get(world.instanceZone()) + "; private " + world.privateSubnetId())
                .hasMessageContaining("Create a public subnet");
        assertThat(calls().writes()).isZero();
    }

    @Test
    void resolve_whenTheInstancesZoneHasOnlyAPrivateSubnet_failsNamingThatZone() {
        // public subnets in zones 0 and 1, instances (in the private subnet) in zone 2
        Ec2World world = seed(f -> f.instances(0).publicZones(2).instanceZoneIndex(2));
        String instance = ec2.runInstances(
                        r -> r.imageId("ami-12c6146b").minCount(1).maxCount(1).subnetId(world.privateSubnetId()))
                .instances()
                .get(0)
                .instanceId();

        assertThatThrownBy(() -> resolve(spec(List.of(instance)).build()))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SUBNETS_INVALID))
                .hasMessageContaining("every zone of the targets (" + world.instanceZone() + ")")
                .hasMessageContaining(
                        "Create a public subnet (a route 0.0.0.0/0 to an internet gateway) in " + world.instanceZone())
                .hasMessageContaining(world.publicRouteTableId());
    }

    @Test
    void resolve_whenAnInstanceIsStopped_failsWithTargetsInvalid_beforeReadingSubnets() {
        Ec2World world = seed(f -> f.instances(2));
        Ec2Fixture.stop(ec2, List.of(world.instanceIds().get(1)));

        assertThatThrownBy(() -> resolve(spec(world.instanceIds()).build()))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TARGETS_INVALID))
                .hasMessageContaining(world.instanceIds().get(1) + " is stopped")
                .hasMessageNotContaining(world.instanceIds().get(0) + " is")
                .hasMessageContaining("Start them, or remove them from targets.instanceIds");
        assertThat(calls().byOperation()).containsOnlyKeys("Ec2:DescribeInstances");
    }

    @Test
    void resolve_whenAnInstanceIdDoesNotExist_failsListingIt() {
        Ec2World world = seed(f -> f.instances(1));
        List<String> ids = new ArrayList<>(world.instanceIds());
        ids.add("i-0123456789abcdef0");

        assertThatThrownBy(() -> resolve(spec(ids).build()))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TARGETS_INVALID))
                .hasMessageContaining("targets.instanceIds: i-0123456789abcdef0 does not exist in eu-west-1");
    }

    @Test
    void resolve_whenInstancesAreInTwoVpcs_failsListingEachInstancesVpc() {
        Ec2World first = seed(f -> f.instances(1));
        Ec2World second = seed(f -> f.instances(1).name("other"));
        List<String> ids =
                List.of(first.instanceIds().get(0), second.instanceIds().get(0));

        assertThatThrownBy(() -> resolve(spec(ids).build()))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TARGETS_INVALID))
                .hasMessageContaining(first.instanceIds().get(0) + " -> " + first.vpcId())
                .hasMessageContaining(second.instanceIds().get(0) + " -> " + second.vpcId());
    }

    @Test
    void resolve_withGivenSubnets_usesThem_whenPublicInDistinctZonesAndCoveringTheInstances() {
        Ec2World world = seed(f -> f.instances(1).publicZones(3));
        List<String> two = world.publicSubnetIds().values().stream().limit(2).toList();

        States.Network network = resolve(
                spec(world.instanceIds()).loadBalancer(lb -> lb.subnets(two)).build());

        assertThat(network.subnetIds()).containsExactlyElementsOf(two);
    }

    @Test
    void resolve_withGivenSubnets_reportsAPrivateOneAndOneOfAnotherVpc() {
        Ec2World world = seed(f -> f.instances(1).publicZones(3));
        Ec2World other = seed(f -> f.instances(0).name("other"));
        List<String> given = List.of(
                world.publicSubnetIds().get(world.instanceZone()),
                world.privateSubnetId(),
                other.publicSubnetIds().values().iterator().next());

        assertThatThrownBy(() -> resolve(spec(world.instanceIds())
                        .loadBalancer(lb -> lb.subnets(given))
                        .build()))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SUBNETS_INVALID))
                .hasMessageContaining(world.privateSubnetId() + " (" + world.instanceZone() + ") is private")
                .hasMessageContaining(given.get(2) + " is in " + other.vpcId())
                .hasMessageContaining("loadBalancer.subnets");
        assertThat(calls().writes()).isZero();
    }

    @Test
    void resolve_forDualstack_needsSubnetsWithIpv6() {
        Ec2World withIpv6 = seed(f -> f.instances(1).ipv6(true));

        States.Network network = resolve(spec(withIpv6.instanceIds())
                .loadBalancer(lb -> lb.ipAddressType(IpAddressType.DUALSTACK))
                .build());

        assertThat(network.subnetIds())
                .containsExactlyElementsOf(withIpv6.publicSubnetIds().values());
    }

    @Test
    void resolve_forDualstack_whenTheSubnetsHaveNoIpv6_failsWithSubnetsInvalid() {
        Ec2World world = seed(f -> f.instances(1));

        assertThatThrownBy(() -> resolve(spec(world.instanceIds())
                        .loadBalancer(lb -> lb.ipAddressType(IpAddressType.DUALSTACK))
                        .build()))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SUBNETS_INVALID))
                .hasMessageContaining("no IPv6 CIDR block");
    }
}
