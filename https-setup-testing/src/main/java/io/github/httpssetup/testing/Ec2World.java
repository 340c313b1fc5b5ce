package io.github.httpssetup.testing;

import java.util.List;
import java.util.Map;

/**
 * What {@link Ec2Fixture} seeded: the ids of a VPC with public subnets (route to an internet gateway),
 * one private subnet, an application security group and running instances.
 *
 * @param region              the region it lives in
 * @param vpcId               the VPC
 * @param internetGatewayId   the gateway attached to the VPC
 * @param publicRouteTableId  the route table with {@code 0.0.0.0/0} to the gateway
 * @param publicSubnetIds     availability zone → public subnet, in zone order
 * @param privateSubnetId     a subnet without a route to the gateway (in the instances' zone)
 * @param appSecurityGroupId  the security group of the instances
 * @param instanceIds         the running instances, in the order they were started
 * @param instanceZone        the availability zone of the instances
 */
public record Ec2World(
        String region,
        String vpcId,
        String internetGatewayId,
        String publicRouteTableId,
        Map<String, String> publicSubnetIds,
        String privateSubnetId,
        String appSecurityGroupId,
        List<String> instanceIds,
        String instanceZone) {

    public Ec2World {
        publicSubnetIds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(publicSubnetIds));
        instanceIds = List.copyOf(instanceIds);
    }
}
