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
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

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
        Read read = run.observe(null, "targets", this::readTargets);
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
