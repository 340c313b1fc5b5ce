package io.github.httpssetup.core.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each resource hands to the ones that depend on it. In a plan, ids of resources not created yet
 * are {@code null}: dependents then plan to create (or update) with values known after apply.
 */
final class States {

    private States() {}

    /** The hosted zone: id (without {@code /hostedzone/}), name (no trailing dot), name servers. */
    record Zone(String id, String name, List<String> nameServers) {}

    /** The certificate for the HTTPS listener, and certificates it replaces (deleted after the listener swap). */
    record Certificate(String arn, List<String> replacedArns) {}

    /**
     * Where the targets live: the VPC, the instances (sorted) with their zones and subnets, and their
     * security groups. Known after one DescribeInstances: security groups and target group start from it.
     * When an Auto Scaling group is the target, {@code group} is it, and the zones and subnets are the group's
     * subnets' (subnet → zone, subnet → subnet): its instances come and go, its subnets stay.
     */
    record Targets(
            String vpcId,
            List<String> instanceIds,
            Map<String, String> instanceZones,
            Map<String, String> instanceSubnetIds,
            Set<String> instanceSecurityGroupIds,
            Group group) {

        /** Instances as targets, without an Auto Scaling group. */
        Targets(
                String vpcId,
                List<String> instanceIds,
                Map<String, String> instanceZones,
                Map<String, String> instanceSubnetIds,
                Set<String> instanceSecurityGroupIds) {
            this(vpcId, instanceIds, instanceZones, instanceSubnetIds, instanceSecurityGroupIds, null);
        }
    }

    /**
     * The Auto Scaling group that is the target, as read: its name, the target groups attached to it (ARNs) and
     * the instances it holds now (sorted).
     */
    record Group(String name, List<String> targetGroupArns, List<String> instanceIds) {}

    /** The targets, and the subnets chosen for the load balancer. */
    record Network(Targets targets, List<String> subnetIds) {

        /** Targets whose instance subnets do not matter (the subnets are already chosen). */
        Network(
                String vpcId,
                List<String> instanceIds,
                Map<String, String> instanceZones,
                Set<String> instanceSecurityGroupIds,
                List<String> subnetIds) {
            this(new Targets(vpcId, instanceIds, instanceZones, Map.of(), instanceSecurityGroupIds), subnetIds);
        }

        String vpcId() {
            return targets.vpcId();
        }

        List<String> instanceIds() {
            return targets.instanceIds();
        }

        Map<String, String> instanceZones() {
            return targets.instanceZones();
        }

        Set<String> instanceSecurityGroupIds() {
            return targets.instanceSecurityGroupIds();
        }
    }

    /**
     * The load balancer's security groups ({@code null} ids in a plan when still to be created), and the
     * stack's rules on the instances' groups that are no longer wanted: revoked only after the listeners
     * use the new target group, so traffic on the old port keeps flowing until then.
     */
    record SecurityGroups(List<String> ids, List<io.github.httpssetup.core.internal.SecurityGroups.Stale> stale) {}

    /** The target group, and groups it replaces (deleted after the listeners switch). */
    record TargetGroup(String arn, List<String> replacedArns) {}

    /** The load balancer. */
    record LoadBalancer(String arn, String dnsName, String canonicalHostedZoneId) {}
}
