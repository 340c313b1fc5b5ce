package io.github.httpssetup.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.Subnet;

@AwsEmulatorTest
class Ec2FixtureIT {

    private Ec2Client ec2;

    @BeforeEach
    void setUp(AwsEmulator aws) {
        aws.reset();
        ec2 = aws.withRegion("ap-northeast-2").client(Ec2Client.builder());
    }

    @Test
    void seed_createsPublicSubnetsPerZone_aPrivateSubnet_andRunningInstances() {
        Ec2World world = Ec2Fixture.builder()
                .instances(2)
                .instanceTags(Map.of("app", "shop"))
                .build()
                .seed(ec2);

        assertThat(world.region()).isEqualTo("ap-northeast-2");
        List<Subnet> subnets = ec2.describeSubnets(r -> r.filters(filter("vpc-id", world.vpcId())))
                .subnets();
        assertThat(subnets).hasSize(4);
        Set<String> publicZones = subnets.stream()
                .filter(s -> isPublic(s.subnetId(), world.vpcId()))
                .map(Subnet::availabilityZone)
                .collect(Collectors.toSet());
        assertThat(publicZones).hasSize(3).isEqualTo(world.publicSubnetIds().keySet());
        assertThat(isPublic(world.privateSubnetId(), world.vpcId())).isFalse();

        List<Instance> instances =
                ec2.describeInstances(r -> r.filters(filter("tag:app", "shop"))).reservations().stream()
                        .flatMap(r -> r.instances().stream())
                        .toList();
        assertThat(instances).extracting(Instance::instanceId).containsExactlyInAnyOrderElementsOf(world.instanceIds());
        assertThat(instances).allSatisfy(i -> {
            assertThat(i.state().name()).isEqualTo(InstanceStateName.RUNNING);
            assertThat(i.vpcId()).isEqualTo(world.vpcId());
            assertThat(i.placement().availabilityZone()).isEqualTo(world.instanceZone());
            assertThat(i.securityGroups())
                    .anySatisfy(g -> assertThat(g.groupId()).isEqualTo(world.appSecurityGroupId()));
        });
    }

    @Test
    void seed_withOnePublicZone_leavesTheOthersWithoutPublicSubnets() {
        Ec2World world = Ec2Fixture.builder().publicZones(1).build().seed(ec2);

        assertThat(world.publicSubnetIds()).hasSize(1);
        assertThat(Ec2Fixture.running(ec2, world.instanceIds().get(0))).isTrue();
    }

    /** Public: its route table (explicit association, else the VPC's main table) routes 0.0.0.0/0 to an internet gateway. */
    private boolean isPublic(String subnetId, String vpcId) {
        List<RouteTable> explicit = ec2.describeRouteTables(r -> r.filters(filter("association.subnet-id", subnetId)))
                .routeTables();
        List<RouteTable> tables = explicit.isEmpty()
                ? ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpcId), filter("association.main", "true")))
                        .routeTables()
                : explicit;
        return tables.stream()
                .flatMap(t -> t.routes().stream())
                .anyMatch(route -> "0.0.0.0/0".equals(route.destinationCidrBlock())
                        && route.gatewayId() != null
                        && route.gatewayId().startsWith("igw-"));
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }
}
