package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetupException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.RouteState;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.SubnetCidrBlockState;
import software.amazon.awssdk.services.ec2.model.SubnetCidrBlockStateCode;
import software.amazon.awssdk.services.ec2.model.SubnetIpv6CidrBlockAssociation;

/**
 * Which subnets of the targets' VPC can hold an internet-facing load balancer, and the choice of one per
 * availability zone. Pure: it works on what one DescribeSubnets and one DescribeRouteTables returned.
 *
 * <p>A subnet is public when the route table that routes it (its explicit association, else the VPC's
 * main table) sends {@code 0.0.0.0/0} to an internet gateway.
 */
final class PublicSubnets {

    static final String ANYWHERE = "0.0.0.0/0";
    private static final String HOW_PUBLIC = "a route 0.0.0.0/0 to an internet gateway";

    /** A subnet: id, availability zone, VPC, and whether it has an associated IPv6 block. */
    record SubnetFacts(String id, String zone, String vpcId, boolean ipv6) {
        static SubnetFacts of(Subnet s) {
            return new SubnetFacts(
                    s.subnetId(),
                    s.availabilityZone(),
                    s.vpcId(),
                    s.ipv6CidrBlockAssociationSet().stream().anyMatch(PublicSubnets::associated));
        }
    }

    /**
     * An IPv6 block counts once associated: one still associating, or disassociating, disassociated or failed
     * does not. A missing state, or one that is none of AWS's (moto nests it one level too deep and sends
     * {@code {'State': 'associated'}}), counts: moto lists only associated blocks.
     */
    static boolean associated(SubnetIpv6CidrBlockAssociation association) {
        SubnetCidrBlockState state = association.ipv6CidrBlockState();
        if (state == null
                || state.state() == null
                || state.state() == SubnetCidrBlockStateCode.UNKNOWN_TO_SDK_VERSION) {
            return true;
        }
        return state.state() == SubnetCidrBlockStateCode.ASSOCIATED;
    }

    /** A route table: whether it is the VPC's main one, the subnets explicitly associated, and whether it reaches the internet. */
    record RouteTableFacts(String id, boolean main, Set<String> subnetIds, boolean internetRoute) {
        static RouteTableFacts of(RouteTable t) {
            boolean main = t.associations().stream().anyMatch(a -> Boolean.TRUE.equals(a.main()));
            Set<String> subnets = t.associations().stream()
                    .map(RouteTableAssociation::subnetId)
                    .filter(id -> id != null)
                    .collect(Collectors.toCollection(TreeSet::new));
            boolean internet = t.routes().stream()
                    .anyMatch(r -> ANYWHERE.equals(r.destinationCidrBlock())
                            && r.gatewayId() != null
                            && r.gatewayId().startsWith("igw-")
                            && r.state() != RouteState.BLACKHOLE);
            return new RouteTableFacts(t.routeTableId(), main, subnets, internet);
        }
    }

    /** The target instances: their VPC, and the zone and subnet of each (by instance id). */
    record Targets(String vpcId, Map<String, String> zones, Map<String, String> subnets) {
        Set<String> zoneSet() {
            return new TreeSet<>(zones.values());
        }

        List<String> instancesIn(String zone) {
            return zones.entrySet().stream()
                    .filter(e -> e.getValue().equals(zone))
                    .map(Map.Entry::getKey)
                    .sorted()
                    .toList();
        }
    }

    private final String vpcId;
    private final Map<String, SubnetFacts> subnets = new TreeMap<>();
    private final List<RouteTableFacts> tables;

    /**
     * @param vpcId   the targets' VPC
     * @param subnets the subnets of that VPC (others are ignored)
     * @param tables  the route tables of that VPC
     */
    PublicSubnets(String vpcId, Collection<SubnetFacts> subnets, Collection<RouteTableFacts> tables) {
        this.vpcId = vpcId;
        subnets.stream().filter(s -> vpcId.equals(s.vpcId())).forEach(s -> this.subnets.put(s.id(), s));
        this.tables = List.copyOf(tables);
    }

    /** The table that routes the subnet: its explicit association, else the main table. */
    Optional<RouteTableFacts> tableOf(String subnetId) {
        return tables.stream()
                .filter(t -> t.subnetIds().contains(subnetId))
                .findFirst()
                .or(() -> tables.stream().filter(RouteTableFacts::main).findFirst());
    }

    boolean isPublic(String subnetId) {
        return tableOf(subnetId).map(RouteTableFacts::internetRoute).orElse(false);
    }

    /**
     * Whether every zone is named as an availability zone of {@code region}: the region's code and one letter
     * ({@code us-east-1a}). Local Zones ({@code us-west-2-lax-1a}) and Wavelength Zones
     * ({@code us-east-1-wl1-bos-wlz-1}) carry their location after the region's code.
     */
    static boolean namedAsAvailabilityZones(String region, Collection<String> zones) {
        return zones.stream()
                .allMatch(z -> z.length() == region.length() + 1
                        && z.startsWith(region)
                        && Character.isLowerCase(z.charAt(region.length()))
                        && Character.isLetter(z.charAt(region.length())));
    }

    /**
     * Only the subnets of availability zones: a Local Zone's or Wavelength Zone's subnets (zone type
     * {@code local-zone}, {@code wavelength-zone}) cannot be mixed with them in one load balancer.
     *
     * @param availabilityZones the names of the region's zones of type {@code availability-zone}
     */
    PublicSubnets inAvailabilityZones(Set<String> availabilityZones) {
        return new PublicSubnets(
                vpcId,
                subnets.values().stream()
                        .filter(s -> availabilityZones.contains(s.zone()))
                        .toList(),
                tables);
    }

    /**
     * {@code loadBalancer.subnets: auto}: one public subnet per availability zone that has one (the
     * instances' own subnet when it is public, else the lowest id; with {@code dualstack}, subnets with
     * IPv6 first), in zone order.
     *
     * @throws HttpsSetupException {@link ErrorCode#SUBNETS_INVALID} when fewer than two zones, or not every
     *                             zone of the targets, have a public subnet, or (dualstack) a chosen subnet has no IPv6 block
     */
    List<String> choose(Targets targets, boolean dualstack) {
        Set<String> instanceSubnets = new TreeSet<>(targets.subnets().values());
        Map<String, SubnetFacts> chosen = new TreeMap<>();
        byZone().forEach((zone, inZone) -> inZone.stream()
                .filter(s -> isPublic(s.id()))
                .min(Comparator.<SubnetFacts, Boolean>comparing(s -> !(dualstack && s.ipv6()))
                        .thenComparing(s -> !instanceSubnets.contains(s.id()))
                        .thenComparing(SubnetFacts::id))
                .ifPresent(s -> chosen.put(zone, s)));
        Set<String> uncovered = new TreeSet<>(targets.zoneSet());
        uncovered.removeAll(chosen.keySet());
        if (!uncovered.isEmpty() || chosen.size() < 2) {
            throw new HttpsSetupException(
                    ErrorCode.SUBNETS_INVALID,
                    "loadBalancer.subnets is auto: an internet-facing load"
                            + " balancer needs a public subnet (" + HOW_PUBLIC
                            + ") in at least two availability zones, including"
                            + " every zone of the targets (" + String.join(", ", targets.zoneSet()) + "), but VPC "
                            + vpcId + " has:"
                            + describe(targets) + "\n" + whatToDo(chosen.keySet(), uncovered)
                            + ", or list two or more public"
                            + " subnets in loadBalancer.subnets.");
        }
        List<SubnetFacts> noIpv6 =
                chosen.values().stream().filter(s -> !s.ipv6()).toList();
        if (dualstack && !noIpv6.isEmpty()) {
            throw new HttpsSetupException(
                    ErrorCode.SUBNETS_INVALID,
                    "loadBalancer.ipAddressType is dualstack, but the public"
                            + " subnets chosen for the load balancer have no IPv6 CIDR block: " + list(noIpv6)
                            + ". Associate an IPv6"
                            + " block with VPC " + vpcId
                            + " and with these subnets (and a route ::/0 to the internet gateway),"
                            + " list subnets with IPv6 in loadBalancer.subnets, or use ipAddressType: ipv4.");
        }
        return chosen.values().stream().map(SubnetFacts::id).toList();
    }

    /**
     * Explicit {@code loadBalancer.subnets}: every one must exist, be in the targets' VPC, be public, and be
     * alone in its zone; together they cover at least two zones and every zone of the targets. Every
     * problem is reported at once.
     *
     * @param given     the subnets of the description
     * @param elsewhere given subnets found outside the targets' VPC (by id)
     * @return the given ids, without duplicates, in the given order
     */
    List<String> check(List<String> given, Map<String, SubnetFacts> elsewhere, Targets targets, boolean dualstack) {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>(given);
        List<String> missing = ids.stream()
                .filter(id -> !subnets.containsKey(id) && !elsewhere.containsKey(id))
                .toList();
        if (!missing.isEmpty()) {
            problems.add(
                    String.join(", ", missing) + (missing.size() == 1 ? " does" : " do") + " not exist in this region");
        }
        ids.stream()
                .filter(elsewhere::containsKey)
                .map(elsewhere::get)
                .forEach(s -> problems.add(s.id() + " is in " + s.vpcId() + ", not in the targets' VPC " + vpcId));
        List<SubnetFacts> usable =
                ids.stream().filter(subnets::containsKey).map(subnets::get).toList();
        for (SubnetFacts s : usable) {
            if (!isPublic(s.id())) {
                problems.add(s.id() + " (" + s.zone() + ") is private: its route table "
                        + tableOf(s.id()).map(RouteTableFacts::id).orElse("(none)")
                        + " has no route 0.0.0.0/0 to an internet gateway");
            }
        }
        Map<String, List<SubnetFacts>> givenByZone = new TreeMap<>();
        usable.forEach(s ->
                givenByZone.computeIfAbsent(s.zone(), z -> new ArrayList<>()).add(s));
        givenByZone.forEach((zone, inZone) -> {
            if (inZone.size() > 1) {
                problems.add(inZone.stream().map(SubnetFacts::id).collect(Collectors.joining(" and "))
                        + (inZone.size() == 2 ? " are both in " : " are all in ") + zone
                        + ": a load balancer takes one subnet per availability zone");
            }
        });
        if (missing.isEmpty() && elsewhere.isEmpty() && givenByZone.size() < 2) {
            problems.add("they cover "
                    + (givenByZone.isEmpty()
                            ? "no availability zone"
                            : "only " + givenByZone.keySet().iterator().next())
                    + ": a load balancer needs subnets in at least two availability zones");
        }
        for (String zone : targets.zoneSet()) {
            if (!givenByZone.containsKey(zone)) {
                problems.add("none is in " + zone + ", where " + String.join(", ", targets.instancesIn(zone))
                        + " runs: the load balancer only reaches targets in its zones");
            }
        }
        if (dualstack) {
            List<SubnetFacts> noIpv6 = usable.stream().filter(s -> !s.ipv6()).toList();
            if (!noIpv6.isEmpty()) {
                problems.add("ipAddressType is dualstack, but " + list(noIpv6) + (noIpv6.size() == 1 ? " has" : " have")
                        + " no IPv6 CIDR block");
            }
        }
        if (!problems.isEmpty()) {
            throw new HttpsSetupException(
                    ErrorCode.SUBNETS_INVALID,
                    "loadBalancer.subnets cannot hold the load balancer:"
                            + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining())
                            + "\nPublic subnets of " + vpcId + ": " + publicByZone()
                            + ".\nList one public subnet per availability zone (the targets' zones included), or remove"
                            + " loadBalancer.subnets to choose them automatically.");
        }
        return List.copyOf(ids);
    }

    // ---- messages ----

    private Map<String, List<SubnetFacts>> byZone() {
        Map<String, List<SubnetFacts>> byZone = new TreeMap<>();
        subnets.values()
                .forEach(s ->
                        byZone.computeIfAbsent(s.zone(), z -> new ArrayList<>()).add(s));
        return byZone;
    }

    /** One line per zone: its public and private subnets, and the instances in it. */
    private String describe(Targets targets) {
        StringBuilder out = new StringBuilder();
        Map<String, List<SubnetFacts>> byZone = byZone();
        targets.zoneSet().forEach(z -> byZone.putIfAbsent(z, List.of()));
        byZone.forEach((zone, inZone) -> {
            List<String> instances = targets.instancesIn(zone);
            List<String> publicIds = inZone.stream()
                    .filter(s -> isPublic(s.id()))
                    .map(SubnetFacts::id)
                    .toList();
            List<String> privateIds = inZone.stream()
                    .filter(s -> !isPublic(s.id()))
                    .map(SubnetFacts::id)
                    .toList();
            List<String> parts = new ArrayList<>();
            if (!publicIds.isEmpty()) {
                parts.add("public " + String.join(", ", publicIds));
            }
            if (!privateIds.isEmpty()) {
                parts.add("private " + String.join(", ", privateIds));
            }
            out.append("\n  ")
                    .append(zone)
                    .append(instances.isEmpty() ? "" : " (targets " + String.join(", ", instances) + ")")
                    .append(": ")
                    .append(parts.isEmpty() ? "no subnet" : String.join("; ", parts));
        });
        return out.toString();
    }

    /** "Create a public subnet in X and in Y": the targets' zones first, then zones that only have private subnets. */
    private String whatToDo(Set<String> publicZones, Set<String> uncovered) {
        List<String> zones = new ArrayList<>(uncovered);
        int more = 2 - publicZones.size() - uncovered.size();
        List<String> others = byZone().keySet().stream()
                .filter(z -> !publicZones.contains(z) && !uncovered.contains(z))
                .toList();
        for (int i = 0; i < more && i < others.size(); i++) {
            zones.add(others.get(i));
        }
        int unnamed = Math.max(0, more - others.size());
        String where = zones.isEmpty() ? "" : " in " + String.join(" and in ", zones);
        if (unnamed > 0) {
            where += (where.isEmpty() ? " in " : " and in ")
                    + (unnamed == 1 ? "another availability zone" : unnamed + " other availability zones");
        }
        // A private subnet in a named zone can become public by joining a table that reaches the internet.
        List<String> privateThere = zones.stream()
                .flatMap(z -> byZone().getOrDefault(z, List.of()).stream()
                        .filter(sub -> !isPublic(sub.id()))
                        .map(SubnetFacts::id)
                        .sorted()
                        .limit(1))
                .toList();
        String associate = privateThere.isEmpty()
                ? ""
                : tables.stream()
                        .filter(RouteTableFacts::internetRoute)
                        .map(RouteTableFacts::id)
                        .findFirst()
                        .map(t -> " (or associate " + String.join(", ", privateThere) + " with route table " + t + ")")
                        .orElse("");
        return "Create a public subnet (" + HOW_PUBLIC + ")" + where + associate;
    }

    private String publicByZone() {
        List<String> zones = new ArrayList<>();
        byZone().forEach((zone, inZone) -> {
            List<String> publicIds = inZone.stream()
                    .filter(s -> isPublic(s.id()))
                    .map(SubnetFacts::id)
                    .toList();
            if (!publicIds.isEmpty()) {
                zones.add(zone + " " + String.join(", ", publicIds));
            }
        });
        return zones.isEmpty() ? "none" : String.join("; ", zones);
    }

    private static String list(List<SubnetFacts> subnets) {
        return subnets.stream().map(s -> s.id() + " (" + s.zone() + ")").collect(Collectors.joining(", "));
    }
}
