package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetupException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteState;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.SubnetIpv6CidrBlockAssociation;

/** The pure part of {@link Network}: which subnets are public, and the load balancer's subnets ({@link PublicSubnets}). */
class NetworkTest {

    private static final String VPC = "vpc-1";
    private static final PublicSubnets.RouteTableFacts MAIN_LOCAL =
            new PublicSubnets.RouteTableFacts("rtb-main", true, Set.of(), false);

    private static PublicSubnets.SubnetFacts subnet(String id, String zone) {
        return new PublicSubnets.SubnetFacts(id, zone, VPC, false);
    }

    private static PublicSubnets.SubnetFacts subnet6(String id, String zone) {
        return new PublicSubnets.SubnetFacts(id, zone, VPC, true);
    }

    private static PublicSubnets.RouteTableFacts internet(String id, String... subnetIds) {
        return new PublicSubnets.RouteTableFacts(id, false, Set.of(subnetIds), true);
    }

    private static PublicSubnets.Targets targets(String instance, String zone, String subnet) {
        return new PublicSubnets.Targets(VPC, Map.of(instance, zone), Map.of(instance, subnet));
    }

    // ---- public or private ----

    @Test
    void isPublic_whenExplicitlyAssociatedWithATableRoutingToAnInternetGateway() {
        PublicSubnets subnets = new PublicSubnets(
                VPC,
                List.of(subnet("subnet-a", "z-a"), subnet("subnet-p", "z-a")),
                List.of(MAIN_LOCAL, internet("rtb-pub", "subnet-a")));

        assertThat(subnets.isPublic("subnet-a")).isTrue();
        assertThat(subnets.isPublic("subnet-p")).isFalse();
    }

    @Test
    void isPublic_whenNotAssociated_followsTheMainTable() {
        PublicSubnets mainPublic = new PublicSubnets(
                VPC,
                List.of(subnet("subnet-a", "z-a")),
                List.of(new PublicSubnets.RouteTableFacts("rtb-main", true, Set.of(), true)));

        assertThat(mainPublic.isPublic("subnet-a")).isTrue();
        assertThat(mainPublic.tableOf("subnet-a"))
                .map(PublicSubnets.RouteTableFacts::id)
                .contains("rtb-main");
    }

    @Test
    void isPublic_anExplicitAssociationWinsOverAPublicMainTable() {
        PublicSubnets subnets = new PublicSubnets(
                VPC,
                List.of(subnet("subnet-a", "z-a")),
                List.of(
                        new PublicSubnets.RouteTableFacts("rtb-main", true, Set.of(), true),
                        new PublicSubnets.RouteTableFacts("rtb-private", false, Set.of("subnet-a"), false)));

        assertThat(subnets.isPublic("subnet-a")).isFalse();
    }

    @Test
    void routeTable_countsOnlyADefaultRouteToAnInternetGatewayThatIsNotABlackhole() {
        RouteTable sdk = RouteTable.builder()
                .routeTableId("rtb-1")
                .associations(
                        RouteTableAssociation.builder().main(true).build(),
                        RouteTableAssociation.builder()
                                .main(false)
                                .subnetId("subnet-a")
                                .build())
                .routes(
                        Route.builder()
                                .destinationCidrBlock("10.0.0.0/16")
                                .gatewayId("local")
                                .build(),
                        Route.builder()
                                .destinationCidrBlock("0.0.0.0/0")
                                .gatewayId("igw-1")
                                .state(RouteState.ACTIVE)
                                .build())
                .build();

        PublicSubnets.RouteTableFacts table = PublicSubnets.RouteTableFacts.of(sdk);

        assertThat(table.main()).isTrue();
        assertThat(table.subnetIds()).containsExactly("subnet-a");
        assertThat(table.internetRoute()).isTrue();
        assertThat(PublicSubnets.RouteTableFacts.of(sdk.toBuilder()
                                .routes(Route.builder()
                                        .destinationCidrBlock("0.0.0.0/0")
                                        .natGatewayId("nat-1")
                                        .build())
                                .build())
                        .internetRoute())
                .as("a NAT gateway is not public")
                .isFalse();
        assertThat(PublicSubnets.RouteTableFacts.of(sdk.toBuilder()
                                .routes(Route.builder()
                                        .destinationCidrBlock("0.0.0.0/0")
                                        .gatewayId("igw-1")
                                        .state(RouteState.BLACKHOLE)
                                        .build())
                                .build())
                        .internetRoute())
                .isFalse();
    }

    @Test
    void subnet_hasIpv6WhenABlockIsAssociated_evenInTheStateMotoMisspells() {
        Subnet sdk = Subnet.builder()
                .subnetId("subnet-a")
                .availabilityZone("z-a")
                .vpcId(VPC)
                .ipv6CidrBlockAssociationSet(SubnetIpv6CidrBlockAssociation.builder()
                        .ipv6CidrBlock("2001:db8::/64")
                        .ipv6CidrBlockState(s -> s.state("{'State': 'associated'}"))
                        .build())
                .build();

        assertThat(PublicSubnets.SubnetFacts.of(sdk).ipv6()).isTrue();
        assertThat(PublicSubnets.SubnetFacts.of(sdk.toBuilder()
                                .ipv6CidrBlockAssociationSet(List.of())
                                .build())
                        .ipv6())
                .isFalse();
    }

    // ---- auto ----

    @Test
    void choose_picksOnePublicSubnetPerZone_theLowestId_inZoneOrder() {
        PublicSubnets subnets = new PublicSubnets(
                VPC,
                List.of(
                        subnet("subnet-c2", "z-c"),
                        subnet("subnet-c1", "z-c"),
                        subnet("subnet-a", "z-a"),
                        subnet("subnet-b", "z-b"),
                        subnet("subnet-p", "z-a"),
                        new PublicSubnets.SubnetFacts("subnet-other-vpc", "z-d", "vpc-2", false)),
                List.of(
                        MAIN_LOCAL,
                        internet("rtb-pub", "subnet-a", "subnet-b", "subnet-c1", "subnet-c2", "subnet-other-vpc")));

        assertThat(subnets.choose(targets("i-1", "z-a", "subnet-a"), false))
                .containsExactly("subnet-a", "subnet-b", "subnet-c1");
    }

    @Test
    void choose_prefersTheInstancesOwnPublicSubnetInItsZone() {
        PublicSubnets subnets = new PublicSubnets(
                VPC,
                List.of(subnet("subnet-a1", "z-a"), subnet("subnet-a2", "z-a"), subnet("subnet-b", "z-b")),
                List.of(MAIN_LOCAL, internet("rtb-pub", "subnet-a1", "subnet-a2", "subnet-b")));

        assertThat(subnets.choose(targets("i-1", "z-a", "subnet-a2"), false)).containsExactly("subnet-a2", "subnet-b");
    }

    @Test
    void choose_whenOnlyOnePublicZone_failsListingWhatWasFound() {
        PublicSubnets subnets = new PublicSubnets(
                VPC,
                List.of(subnet("subnet-a", "z-a"), subnet("subnet-b", "z-b"), subnet("subnet-p", "z-a")),
                List.of(MAIN_LOCAL, internet("rtb-pub", "subnet-a")));

        assertThatThrownBy(() -> subnets.choose(targets("i-1", "z-a", "subnet-a"), false))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SUBNETS_INVALID))
                .hasMessageContaining("z-a (targets i-1): public subnet-a; private subnet-p")
                .hasMessageContaining("z-b: private subnet-b")
                .hasMessageContaining("Create a public subnet (a route 0.0.0.0/0 to an internet gateway) in z-b")
                .hasMessageContaining("(or associate subnet-b with route table rtb-pub)")
                .hasMessageContaining("loadBalancer.subnets");
    }

    @Test
    void choose_whenTheVpcHasNoOtherZone_asksForAnotherAvailabilityZone() {
        PublicSubnets subnets =
                new PublicSubnets(VPC, List.of(subnet("subnet-a", "z-a")), List.of(internet("rtb-pub", "subnet-a")));

        assertThatThrownBy(() -> subnets.choose(targets("i-1", "z-a", "subnet-a"), false))
                .hasMessageContaining("in another availability zone, or list")
                .hasMessageNotContaining("associate");
    }

    @Test
    void choose_whenTheTargetsZoneHasNoPublicSubnet_failsNamingThatZone() {
        PublicSubnets subnets = new PublicSubnets(
                VPC,
                List.of(subnet("subnet-p", "z-a"), subnet("subnet-b", "z-b"), subnet("subnet-c", "z-c")),
                List.of(MAIN_LOCAL, internet("rtb-pub", "subnet-b", "subnet-c")));

        assertThatThrownBy(() -> subnets.choose(targets("i-1", "z-a", "subnet-p"), false))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SUBNETS_INVALID))
                .hasMessageContaining("every zone of the targets (z-a)")
                .hasMessageContaining("z-a (targets i-1): private subnet-p")
                .hasMessageContaining(
                        "Create a public subnet (a route 0.0.0.0/0 to an internet gateway) in z-a (or associate subnet-p with route table rtb-pub)");
    }

    @Test
    void choose_forDualstack_prefersSubnetsWithIpv6() {
        PublicSubnets subnets = new PublicSubnets(
                VPC,
                List.of(subnet("subnet-a1", "z-a"), subnet6("subnet-a2", "z-a"), subnet6("subnet-b", "z-b")),
                List.of(internet("rtb-pub", "subnet-a1", "subnet-a2", "subnet-b")));

        assertThat(subnets.choose(targets("i-1", "z-a", "subnet-a1"), true)).containsExactly("subnet-a2", "subnet-b");
        assertThat(subnets.choose(targets("i-1", "z-a", "subnet-a1"), false)).containsExactly("subnet-a1", "subnet-b");
    }

    @Test
    void choose_forDualstack_whenAChosenSubnetHasNoIpv6_fails() {
        PublicSubnets subnets = new PublicSubnets(
                VPC,
                List.of(subnet("subnet-a", "z-a"), subnet6("subnet-b", "z-b")),
                List.of(internet("rtb-pub", "subnet-a", "subnet-b")));

        assertThatThrownBy(() -> subnets.choose(targets("i-1", "z-a", "subnet-a"), true))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SUBNETS_INVALID))
                .hasMessageContaining("no IPv6 CIDR block: subnet-a (z-a)")
                .hasMessageContaining("ipAddressType: ipv4");
    }

    // ---- explicit ----

    @Test
    void check_acceptsPublicSubnetsInDistinctZonesCoveringTheTargets_inTheGivenOrder() {
        PublicSubnets subnets = new PublicSubnets(
                VPC,
                List.of(subnet("subnet-a", "z-a"), subnet("subnet-b", "z-b")),
                List.of(MAIN_LOCAL, internet("rtb-pub", "subnet-a", "subnet-b")));

        assertThat(subnets.check(
                        List.of("subnet-b", "subnet-a", "subnet-b"),
                        Map.of(),
                        targets("i-1", "z-a", "subnet-a"),
                        false))
                .containsExactly("subnet-b", "subnet-a");
    }

    @Test
    void check_reportsEveryProblemAtOnce_andThePublicSubnetsThatWouldDo() {
        PublicSubnets subnets = new PublicSubnets(
                VPC,
                List.of(
                        subnet("subnet-a", "z-a"),
                        subnet("subnet-a2", "z-a"),
                        subnet("subnet-p", "z-b"),
                        subnet("subnet-c", "z-c"),
                        subnet("subnet-d", "z-d")),
                List.of(MAIN_LOCAL, internet("rtb-pub", "subnet-a", "subnet-a2", "subnet-c", "subnet-d")));
        Map<String, PublicSubnets.SubnetFacts> elsewhere =
                Map.of("subnet-x", new PublicSubnets.SubnetFacts("subnet-x", "z-a", "vpc-2", false));

        assertThatThrownBy(() -> subnets.check(
                        List.of("subnet-a", "subnet-a2", "subnet-p", "subnet-x", "subnet-gone"),
                        elsewhere,
                        targets("i-1", "z-c", "subnet-c"),
                        false))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SUBNETS_INVALID))
                .hasMessageContaining("subnet-gone does not exist")
                .hasMessageContaining("subnet-x is in vpc-2, not in the targets' VPC vpc-1")
                .hasMessageContaining("subnet-p (z-b) is private: its route table rtb-main has no route 0.0.0.0/0")
                .hasMessageContaining("subnet-a and subnet-a2 are both in z-a")
                .hasMessageContaining("none is in z-c, where i-1 runs")
                .hasMessageContaining("Public subnets of vpc-1: z-a subnet-a, subnet-a2; z-c subnet-c; z-d subnet-d");
    }

    @Test
    void check_whenTheSubnetsCoverOneZone_fails() {
        PublicSubnets subnets = new PublicSubnets(
                VPC,
                List.of(subnet("subnet-a", "z-a"), subnet("subnet-b", "z-b")),
                List.of(internet("rtb-pub", "subnet-a", "subnet-b")));

        assertThatThrownBy(() -> subnets.check(List.of("subnet-a"), Map.of(), targets("i-1", "z-a", "subnet-a"), false))
                .hasMessageContaining(
                        "they cover only z-a: a load balancer needs subnets in at least two availability zones");
    }

    @Test
    void check_forDualstack_whenASubnetHasNoIpv6_fails() {
        PublicSubnets subnets = new PublicSubnets(
                VPC,
                List.of(subnet6("subnet-a", "z-a"), subnet("subnet-b", "z-b")),
                List.of(internet("rtb-pub", "subnet-a", "subnet-b")));

        assertThat(subnets.check(List.of("subnet-a", "subnet-b"), Map.of(), targets("i-1", "z-a", "subnet-a"), false))
                .hasSize(2);
        assertThatThrownBy(() -> subnets.check(
                        List.of("subnet-a", "subnet-b"), Map.of(), targets("i-1", "z-a", "subnet-a"), true))
                .hasMessageContaining("dualstack, but subnet-b (z-b) has no IPv6 CIDR block");
    }

    // ---- zone types and IPv6 association states (issue 13, item 17) ----

    @Test
    void choose_leavesOutLocalZoneSubnets_evenWhenTheyComeFirst() {
        PublicSubnets subnets = new PublicSubnets(
                VPC,
                List.of(subnet("subnet-a", "z-a"), subnet("subnet-b", "z-b"), subnet("subnet-0lax", "z-lax-1a")),
                List.of(internet("rtb-pub", "subnet-a", "subnet-b", "subnet-0lax")));

        assertThat(subnets.inAvailabilityZones(Set.of("z-a", "z-b")).choose(targets("i-1", "z-a", "subnet-a"), false))
                .containsExactly("subnet-a", "subnet-b");
    }

    @Test
    void zoneNames_ofAvailabilityZonesAlone_needNoCall_andALocalOrWavelengthZoneDoes() {
        assertThat(PublicSubnets.namedAsAvailabilityZones("us-east-1", List.of("us-east-1a", "us-east-1f")))
                .isTrue();
        assertThat(PublicSubnets.namedAsAvailabilityZones("us-east-1", List.of()))
                .isTrue();
        assertThat(PublicSubnets.namedAsAvailabilityZones("us-west-2", List.of("us-west-2a", "us-west-2-lax-1a")))
                .isFalse();
        assertThat(PublicSubnets.namedAsAvailabilityZones("us-east-1", List.of("us-east-1-wl1-bos-wlz-1")))
                .isFalse();
        assertThat(PublicSubnets.namedAsAvailabilityZones("us-east-1", List.of("us-east-11")))
                .isFalse();
        assertThat(PublicSubnets.namedAsAvailabilityZones("us-east-1", List.of("us-east-2a")))
                .isFalse();
    }

    @Test
    void ipv6_countsOnlyAnAssociatedBlock() {
        assertThat(PublicSubnets.associated(ipv6Block("associated"))).isTrue();
        assertThat(PublicSubnets.associated(ipv6Block("associating"))).isFalse();
        assertThat(PublicSubnets.associated(ipv6Block("disassociated"))).isFalse();
        assertThat(PublicSubnets.associated(ipv6Block("failed"))).isFalse();
        assertThat(PublicSubnets.SubnetFacts.of(Subnet.builder()
                                .subnetId("subnet-a")
                                .availabilityZone("z-a")
                                .vpcId(VPC)
                                .ipv6CidrBlockAssociationSet(ipv6Block("disassociated"))
                                .build())
                        .ipv6())
                .isFalse();
    }

    private static SubnetIpv6CidrBlockAssociation ipv6Block(String state) {
        return SubnetIpv6CidrBlockAssociation.builder()
                .ipv6CidrBlock("2600:1f18::/64")
                .ipv6CidrBlockState(s -> s.state(state))
                .build();
    }
}
