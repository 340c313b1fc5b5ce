package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.IpAddressType;
import io.github.httpssetup.core.ResourceKind;
import io.github.httpssetup.core.TargetsSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;

/**
 * Where the targets live: the instances (by id or by tags), which must all be running and in one VPC,
 * and the subnets for the load balancer. Reads only, so that a plan detects every precondition before
 * apply writes anything.
 */
final class Network {

    private static final String STEP = "targets";
    /** EC2 takes at most 200 values per filter. */
    private static final int FILTER_VALUES = 200;

    private final Run run;
    private final HttpsSetup spec;
    private final TargetsSpec targets;

    Network(Run run) {
        this.run = run;
        this.spec = run.spec();
        this.targets = spec.targets();
    }

    /**
     * The instances: one DescribeInstances (per 200 ids), read once per apply, as the stack never changes
     * instances. Security groups and the target group start from this; the subnets read in parallel.
     */
    States.Targets targets() {
        if (targets.autoScalingGroup().isPresent()) {
            return groupTargets();
        }
        // sites on the same instances (each on its port) share one read of them
        Read read = run.observeStack(
                null, "targets " + targets.instanceIds() + " " + targets.instanceTags(), this::readTargets);
        if (!read.leftOut().isEmpty()) {
            String tags = tags();
            String leftOut = read.leftOut().entrySet().stream()
                    .map(e -> e.getKey() + " (" + e.getValue() + ")")
                    .collect(Collectors.joining(", "));
            run.unchanged(ResourceKind.TARGETS, "instances tagged " + tags, null, "left out, not running: " + leftOut);
            if (run.mode() != Run.Mode.APPLY) { // apply starts with a plan: warn once
                run.warn(
                        STEP,
                        "targets.instanceTags selects the running instances with " + tags + "; left out, as they are"
                                + " not running: " + leftOut
                                + ". Start them and run apply again to add them to the target group.");
            }
        }
        return read.targets();
    }

    /** The targets, and the instances with the target tags left out as they are not running (id → state). */
    private record Read(States.Targets targets, Map<String, String> leftOut) {}

    private String tags() {
        return targets.instanceTags().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** The targets and the load balancer's subnets. */
    States.Network resolve() {
        return resolve(targets());
    }

    /** The load balancer's subnets for these targets: the VPC's subnets and route tables, read once per apply. */
    States.Network resolve(States.Targets targets) {
        return run.observe(
                null,
                "network",
                () -> new States.Network(
                        targets,
                        subnets(new PublicSubnets.Targets(
                                targets.vpcId(), targets.instanceZones(), targets.instanceSubnetIds()))));
    }

    private Read readTargets() {
        List<Instance> found = instances();
        Map<String, String> leftOut = new TreeMap<>();
        List<Instance> instances = found;
        if (targets.instanceIds().isEmpty()) { // by tags: the running ones
            instances = found.stream()
                    .filter(i -> i.state().name() == InstanceStateName.RUNNING)
                    .toList();
            found.stream()
                    .filter(i -> i.state().name() != InstanceStateName.RUNNING)
                    .forEach(i -> leftOut.put(i.instanceId(), i.state().nameAsString()));
            if (instances.isEmpty()) {
                throw new HttpsSetupException(
                        ErrorCode.TARGETS_INVALID,
                        "targets.instanceTags: no running instance in "
                                + spec.region() + " carries " + tags() + "; "
                                + leftOut.entrySet().stream()
                                        .map(e -> e.getKey() + " is " + e.getValue())
                                        .collect(Collectors.joining(", "))
                                + ". Start them, or check"
                                + " targets.instanceTags and the region.");
            }
        }
        checkRunning(instances);
        String vpcId = singleVpc(instances);
        Map<String, String> zones = new TreeMap<>();
        Map<String, String> subnets = new TreeMap<>();
        Set<String> groups = new TreeSet<>();
        for (Instance instance : instances) {
            zones.put(instance.instanceId(), instance.placement().availabilityZone());
            subnets.put(instance.instanceId(), instance.subnetId());
            instance.securityGroups().stream().map(GroupIdentifier::groupId).forEach(groups::add);
        }
        return new Read(new States.Targets(vpcId, List.copyOf(zones.keySet()), zones, subnets, groups), leftOut);
    }

    // ---- an Auto Scaling group ----

    /**
     * {@code targets.autoScalingGroup}: the group must exist and sit in one VPC with its instances. The load balancer
     * covers the zones of all the group's subnets, where it may launch instances; the rule for the load balancer goes
     * on the security groups of the instances it holds now. A group whose health check type is EC2 replaces no
     * instance the load balancer finds unhealthy: a warning says so.
     */
    private States.Targets groupTargets() {
        String name = targets.autoScalingGroup().orElseThrow();
        GroupRead read = run.observeStack(null, "auto scaling group targets " + name, () -> readGroup(name));
        if (run.mode() != Run.Mode.APPLY) { // apply starts with a plan: warn once
            if ("EC2".equals(read.healthCheckType())) {
                run.warn(
                        STEP,
                        "targets.autoScalingGroup: Auto Scaling group " + name + " has health check type EC2, so it"
                                + " keeps instances that fail the load balancer's health checks. Turn on the"
                                + " Elastic Load Balancing health checks of the group (aws autoscaling"
                                + " update-auto-scaling-group --auto-scaling-group-name " + name
                                + " --health-check-type ELB) to replace them.");
            }
            if (read.targets().instanceSecurityGroupIds().isEmpty()) {
                run.warn(
                        STEP,
                        "targets.autoScalingGroup: Auto Scaling group " + name + " has no running instance and its"
                                + " launch template (or launch configuration) names no security group by id, so the"
                                + " security groups its instances will have are not known: no rule admitting the"
                                + " load balancer is added. Name the instances' security groups in the launch"
                                + " template, or run apply again once the group has instances.");
            }
        }
        return read.targets();
    }

    /** The group's targets and its health check type. */
    private record GroupRead(States.Targets targets, String healthCheckType) {}

    private GroupRead readGroup(String name) {
        AutoScalingGroup group = autoScalingGroup(run, name)
                .orElseThrow(() -> new HttpsSetupException(
                        ErrorCode.TARGETS_INVALID,
                        "targets.autoScalingGroup: Auto Scaling group " + name + " does not exist in "
                                + spec.region() + ". Check the name and the region (aws autoscaling"
                                + " describe-auto-scaling-groups --region " + spec.region() + ")."));
        List<String> subnetIds = group.vpcZoneIdentifier() == null
                ? List.of()
                : java.util.Arrays.stream(group.vpcZoneIdentifier().split(","))
                        .map(String::trim)
                        .filter(id -> !id.isEmpty())
                        .distinct()
                        .sorted()
                        .toList();
        if (subnetIds.isEmpty()) {
            throw new HttpsSetupException(
                    ErrorCode.TARGETS_INVALID,
                    "targets.autoScalingGroup: Auto Scaling group " + name + " has no subnets (VPCZoneIdentifier),"
                            + " so its VPC is not known. Give the group subnets of the VPC the load balancer is to"
                            + " serve.");
        }
        Map<String, String> zones = new TreeMap<>();
        Map<String, String> vpcs = new TreeMap<>();
        run.aws().ec2().describeSubnetsPaginator(r -> r.filters(filter("subnet-id", subnetIds))).subnets().stream()
                .forEach(subnet -> {
                    zones.put(subnet.subnetId(), subnet.availabilityZone());
                    vpcs.put(subnet.subnetId(), subnet.vpcId());
                });
        List<String> ids = group.instances().stream()
                .map(software.amazon.awssdk.services.autoscaling.model.Instance::instanceId)
                .distinct()
                .sorted()
                .toList();
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += FILTER_VALUES) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + FILTER_VALUES));
            describe(List.of(
                            filter("instance-id", chunk), filter("instance-state-name", List.of("pending", "running"))))
                    .forEach(instances::add);
        }
        // the groups of the instances it holds, and of those it will launch
        Set<String> groups = new TreeSet<>(launchSecurityGroups(group));
        for (Instance instance : instances) {
            vpcs.put(instance.instanceId(), instance.vpcId());
            instance.securityGroups().stream().map(GroupIdentifier::groupId).forEach(groups::add);
        }
        if (new TreeSet<>(vpcs.values()).size() > 1) {
            throw new HttpsSetupException(
                    ErrorCode.TARGETS_INVALID,
                    "targets.autoScalingGroup: the subnets and instances of Auto Scaling group " + name
                            + " are in several VPCs: "
                            + vpcs.entrySet().stream()
                                    .map(e -> e.getKey() + " -> " + e.getValue())
                                    .collect(Collectors.joining(", "))
                            + ". A load balancer serves one VPC: give the group subnets of one VPC only.");
        }
        if (vpcs.isEmpty()) {
            throw new HttpsSetupException(
                    ErrorCode.TARGETS_INVALID,
                    "targets.autoScalingGroup: the subnets of Auto Scaling group " + name + " ("
                            + String.join(", ", subnetIds) + ") do not exist in " + spec.region()
                            + ". Give the group subnets of the VPC the load balancer is to serve.");
        }
        List<String> running =
                instances.stream().map(Instance::instanceId).sorted().toList();
        States.Group read = new States.Group(name, List.copyOf(group.targetGroupARNs()), running);
        Map<String, String> subnets = new TreeMap<>();
        zones.keySet().forEach(id -> subnets.put(id, id));
        return new GroupRead(
                new States.Targets(vpcs.values().iterator().next(), running, zones, subnets, groups, read),
                group.healthCheckType());
    }

    /**
     * The security groups (by id) the group's launch template version, or launch configuration, gives the instances
     * it launches: on the template itself and on its network interfaces. Empty when there is none, or when the
     * template or configuration is gone (the instances it holds still count).
     */
    private Set<String> launchSecurityGroups(AutoScalingGroup group) {
        LaunchTemplateSpecification template = group.launchTemplate();
        if (template == null
                && group.mixedInstancesPolicy() != null
                && group.mixedInstancesPolicy().launchTemplate() != null) {
            template = group.mixedInstancesPolicy().launchTemplate().launchTemplateSpecification();
        }
        Set<String> ids = new TreeSet<>();
        try {
            if (template != null) {
                LaunchTemplateSpecification t = template;
                String version = t.version() == null ? "$Default" : t.version();
                run
                        .aws()
                        .ec2()
                        .describeLaunchTemplateVersions(r -> {
                            if (t.launchTemplateId() != null) {
                                r.launchTemplateId(t.launchTemplateId());
                            } else {
                                r.launchTemplateName(t.launchTemplateName());
                            }
                            r.versions(version);
                        })
                        .launchTemplateVersions()
                        .stream()
                        .map(LaunchTemplateVersion::launchTemplateData)
                        .filter(java.util.Objects::nonNull)
                        .forEach(data -> {
                            ids.addAll(data.securityGroupIds());
                            data.networkInterfaces().forEach(n -> ids.addAll(n.groups()));
                        });
            } else if (group.launchConfigurationName() != null) {
                run.aws()
                        .autoScaling()
                        .describeLaunchConfigurations(r -> r.launchConfigurationNames(group.launchConfigurationName()))
                        .launchConfigurations()
                        .forEach(c -> c.securityGroups().stream()
                                .filter(g -> g.startsWith("sg-"))
                                .forEach(ids::add));
            }
        } catch (AwsServiceException e) {
            if (e.statusCode() >= 500 || e.isThrottlingException()) {
                throw e;
            }
            // the template or configuration was deleted under the group: its instances' groups still count
        }
        return ids;
    }

    /** One Auto Scaling group by name, if it exists; read once per run. */
    static java.util.Optional<AutoScalingGroup> autoScalingGroup(Run run, String name) {
        return run.observe(
                null,
                "auto scaling group " + name,
                () -> run
                        .aws()
                        .autoScaling()
                        .describeAutoScalingGroups(r -> r.autoScalingGroupNames(name))
                        .autoScalingGroups()
                        .stream()
                        .filter(g -> g.autoScalingGroupName().equals(name))
                        .findFirst());
    }

    // ---- instances ----

    private List<Instance> instances() {
        if (!targets.instanceIds().isEmpty()) {
            List<Instance> found = new ArrayList<>();
            List<String> ids = targets.instanceIds().stream().distinct().toList();
            // A filter, not InstanceIds: unknown ids are then simply absent instead of failing the whole call.
            for (int i = 0; i < ids.size(); i += FILTER_VALUES) {
                List<String> chunk = ids.subList(i, Math.min(ids.size(), i + FILTER_VALUES));
                found.addAll(describe(List.of(filter("instance-id", chunk))));
            }
            Set<String> seen = found.stream().map(Instance::instanceId).collect(Collectors.toSet());
            List<String> missing = ids.stream().filter(id -> !seen.contains(id)).toList();
            if (!missing.isEmpty()) {
                throw new HttpsSetupException(
                        ErrorCode.TARGETS_INVALID,
                        "targets.instanceIds: " + String.join(", ", missing)
                                + (missing.size() == 1 ? " does" : " do") + " not exist in " + spec.region()
                                + ". Check the ids"
                                + " and the region (aws ec2 describe-instances --region " + spec.region() + ").");
            }
            return found;
        }
        List<Filter> filters = new ArrayList<>();
        targets.instanceTags().forEach((key, value) -> filters.add(filter("tag:" + key, List.of(value))));
        filters.add(filter("instance-state-name", List.of("pending", "running", "stopping", "stopped")));
        List<Instance> found = describe(filters);
        if (found.isEmpty()) {
            throw new HttpsSetupException(
                    ErrorCode.TARGETS_INVALID,
                    "targets.instanceTags: no instance in " + spec.region()
                            + " carries "
                            + targets.instanceTags().entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .collect(Collectors.joining(", "))
                            + " (terminated instances are ignored). Tag the instances that serve"
                            + " the application, or check targets.instanceTags and the region.");
        }
        return found;
    }

    private List<Instance> describe(List<Filter> filters) {
        return run.aws().ec2().describeInstancesPaginator(r -> r.filters(filters)).reservations().stream()
                .flatMap(reservation -> reservation.instances().stream())
                .sorted(Comparator.comparing(Instance::instanceId))
                .toList();
    }

    private void checkRunning(List<Instance> instances) {
        List<Instance> notRunning = instances.stream()
                .filter(i -> i.state().name() != InstanceStateName.RUNNING)
                .toList();
        if (!notRunning.isEmpty()) {
            String property = targets.instanceIds().isEmpty()
                    ? "targets (untag them, or change targets.instanceTags)"
                    : "targets.instanceIds";
            throw new HttpsSetupException(
                    ErrorCode.TARGETS_INVALID,
                    "Target instances must be running before anything is"
                            + " changed, but "
                            + notRunning.stream()
                                    .map(i ->
                                            i.instanceId() + " is " + i.state().nameAsString())
                                    .collect(Collectors.joining(", "))
                            + ". Start them, or remove them from " + property + ".");
        }
    }

    private String singleVpc(List<Instance> instances) {
        Map<String, String> vpcs = new TreeMap<>();
        instances.forEach(i -> vpcs.put(i.instanceId(), i.vpcId()));
        if (new TreeSet<>(vpcs.values()).size() > 1) {
            throw new HttpsSetupException(
                    ErrorCode.TARGETS_INVALID,
                    "Target instances are in several VPCs: "
                            + vpcs.entrySet().stream()
                                    .map(e -> e.getKey() + " -> " + e.getValue())
                                    .collect(Collectors.joining(", "))
                            + ". A load balancer serves one VPC: keep only the instances of one VPC in the targets.");
        }
        return vpcs.values().iterator().next();
    }

    // ---- subnets ----

    private List<String> subnets(PublicSubnets.Targets placed) {
        boolean dualstack = spec.loadBalancer().ipAddressType() == IpAddressType.DUALSTACK;
        List<PublicSubnets.SubnetFacts> inVpc = run
                .aws()
                .ec2()
                .describeSubnetsPaginator(r -> r.filters(filter("vpc-id", List.of(placed.vpcId()))))
                .subnets()
                .stream()
                .map(PublicSubnets.SubnetFacts::of)
                .toList();
        List<PublicSubnets.RouteTableFacts> tables = routeTables(placed.vpcId());
        PublicSubnets subnets = new PublicSubnets(placed.vpcId(), inVpc, tables);
        if (spec.loadBalancer().autoSubnets()) {
            return subnets.inAvailabilityZones(availabilityZones(inVpc)).choose(placed, dualstack);
        }
        Set<String> known = inVpc.stream().map(PublicSubnets.SubnetFacts::id).collect(Collectors.toSet());
        List<String> outside = spec.loadBalancer().subnets().stream()
                .filter(id -> !known.contains(id))
                .distinct()
                .toList();
        Map<String, PublicSubnets.SubnetFacts> elsewhere = new TreeMap<>();
        if (!outside.isEmpty()) { // only on the way to an error: which ones exist in another VPC
            run.aws().ec2().describeSubnetsPaginator(r -> r.filters(filter("subnet-id", outside))).subnets().stream()
                    .map(PublicSubnets.SubnetFacts::of)
                    .forEach(s -> elsewhere.put(s.id(), s));
        }
        return subnets.check(spec.loadBalancer().subnets(), elsewhere, placed, dualstack);
    }

    /**
     * The zones of these subnets that are availability zones (not Local or Wavelength Zones). An availability zone's
     * name is the region's code and one letter ({@code us-east-1a}); a Local or Wavelength Zone's adds its location
     * ({@code us-west-2-lax-1a}). Only when a subnet's zone is not named like an availability zone does EC2 say which
     * zones are which (DescribeAvailabilityZones), so a VPC in availability zones alone costs no call.
     */
    private Set<String> availabilityZones(List<PublicSubnets.SubnetFacts> inVpc) {
        Set<String> zones = inVpc.stream().map(PublicSubnets.SubnetFacts::zone).collect(Collectors.toSet());
        if (PublicSubnets.namedAsAvailabilityZones(spec.region(), zones)) {
            return zones;
        }
        return run.observe(
                null,
                "availability zones",
                () -> run
                        .aws()
                        .ec2()
                        .describeAvailabilityZones(r -> r.filters(filter("zone-type", List.of("availability-zone"))))
                        .availabilityZones()
                        .stream()
                        .map(AvailabilityZone::zoneName)
                        .collect(Collectors.toCollection(TreeSet::new)));
    }

    /**
     * The VPC's route tables, read once per apply; the engine starts this read together with the subnets'.
     * Associations are resolved in Java: the emulator does not know every route-table filter.
     */
    List<PublicSubnets.RouteTableFacts> routeTables(String vpcId) {
        return run.observe(
                null,
                "route tables " + vpcId,
                () -> run
                        .aws()
                        .ec2()
                        .describeRouteTablesPaginator(r -> r.filters(filter("vpc-id", List.of(vpcId))))
                        .routeTables()
                        .stream()
                        .map(PublicSubnets.RouteTableFacts::of)
                        .toList());
    }

    private static Filter filter(String name, List<String> values) {
        return Filter.builder().name(name).values(values).build();
    }
}
