package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What an export to CloudFormation needs from AWS, read through the same paths as a plan (the instances by
 * id or tags, their VPC and groups, the subnets a plan would choose, the hosted zone), and the values
 * {@code apply} would write, taken from the resources' own code so that the template and {@code apply} say
 * the same thing. Reads only: every call is one a plan makes.
 */
final class ExportReads {

    /**
     * What the template is written from.
     *
     * @param vpcId                    the instances' VPC
     * @param instanceIds              the target instances, sorted
     * @param instanceSecurityGroupIds the instances' security groups, sorted
     * @param subnetIds                the load balancer's subnets, as a plan chooses them
     * @param hostedZoneId             the hosted zone's id; {@code null} when the stack is to create it
     * @param hostedZoneName           the hosted zone's name (no trailing dot)
     * @param loadBalancerName         the load balancer's name
     * @param targetGroupName          the target group's name
     * @param albSecurityGroupName     the name of the load balancer's security group ({@code securityGroups: auto})
     * @param albIngress               what the load balancer's group admits: TCP port and CIDR block
     * @param applicationPorts         the ports the load balancer reaches the instances on (traffic, health check)
     * @param healthCheck              the target group's health check, as apply compares it ({@code healthCheck.path}, ...)
     * @param targetGroupAttributes    the target group's attributes, as ELB spells them
     * @param loadBalancerAttributes   the load balancer's attributes, as ELB spells them
     * @param httpsListenerAttributes  the HTTPS listener's attributes apply sets (security response headers), those
     *                                 that differ from ALB's defaults
     * @param notes                    what the reads left out and why (e.g. instances with the tags that are not running)
     */
    public record Facts(
            String vpcId,
            List<String> instanceIds,
            List<String> instanceSecurityGroupIds,
            List<String> subnetIds,
            String hostedZoneId,
            String hostedZoneName,
            String loadBalancerName,
            String targetGroupName,
            String albSecurityGroupName,
            List<Ingress> albIngress,
            List<Integer> applicationPorts,
            Map<String, String> healthCheck,
            Map<String, String> targetGroupAttributes,
            Map<String, String> loadBalancerAttributes,
            Map<String, String> httpsListenerAttributes,
            List<String> notes) {
        public Facts {
            instanceIds = List.copyOf(instanceIds);
            instanceSecurityGroupIds = List.copyOf(instanceSecurityGroupIds);
            subnetIds = List.copyOf(subnetIds);
            albIngress = List.copyOf(albIngress);
            applicationPorts = List.copyOf(applicationPorts);
            healthCheck = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(healthCheck));
            targetGroupAttributes =
                    java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(targetGroupAttributes));
            loadBalancerAttributes =
                    java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(loadBalancerAttributes));
            httpsListenerAttributes =
                    java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(httpsListenerAttributes));
            notes = List.copyOf(notes);
        }
    }

    /** An inbound rule of the load balancer's group: TCP on {@code port} from {@code cidr} (IPv4 or IPv6). */
    public record Ingress(int port, String cidr) {
        public boolean ipv6() {
            return cidr.contains(":");
        }

        /** Whether the source is a managed prefix list ({@code loadBalancer.allowFrom}), not a CIDR block. */
        public boolean prefixList() {
            return cidr.startsWith("pl-");
        }
    }

    private ExportReads() {}

    /**
     * Reads what the template needs, in a plan-mode run. Fails as a plan would: instances missing or not
     * running, no public subnets in two zones, no hosted zone (unless the stack creates it), names the zone
     * cannot hold, given security groups that do not exist.
     */
    static Facts read(Run run) {
        States.Network network = new Network(run).resolve();
        States.Targets targets = network.targets();
        if (!run.spec().loadBalancer().autoSecurityGroups()) {
            new SecurityGroups(run).converge(targets); // checks the given groups exist in the VPC (reads only)
        }
        States.Zone zone = new HostedZones(run).converge(); // finds it; a plan-mode run creates nothing
        new ZoneScope(run).check(zone);
        SecurityGroups groups = new SecurityGroups(run);
        TargetGroups targetGroup = new TargetGroups(run);
        List<Ingress> ingress = groups.wantedAlbIngress().stream()
                .map(rule -> new Ingress(rule.fromPort(), rule.source()))
                .toList();
        List<String> notes = run.changes().stream()
                .filter(c -> c.kind() == ResourceKind.TARGETS && !c.reason().isEmpty())
                .map(c -> c.name() + ": " + c.reason())
                .toList();
        return new Facts(
                targets.vpcId(),
                targets.instanceIds(),
                List.copyOf(new TreeSet<>(targets.instanceSecurityGroupIds())),
                network.subnetIds(),
                zone.id(),
                zone.name(),
                LoadBalancers.name(run.spec()),
                TargetGroups.name(
                        run.spec().stack(),
                        run.spec().targets().protocol(),
                        run.spec().targets().port(),
                        targets.vpcId()),
                SecurityGroups.albGroupName(run.spec().stack()),
                ingress,
                List.copyOf(groups.applicationPorts()),
                targetGroup.wantedHealthCheck(),
                targetGroup.wantedAttributes(),
                LoadBalancers.wantedAttributes(run.spec().loadBalancer()),
                run.spec()
                        .httpsListener()
                        .securityHeaders()
                        .map(h -> ResponseHeaders.changes(ResponseHeaders.AWS_DEFAULTS, ResponseHeaders.wanted(h)))
                        .orElse(Map.of()),
                notes);
    }
}
