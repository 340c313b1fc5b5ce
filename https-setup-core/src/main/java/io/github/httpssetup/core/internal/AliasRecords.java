package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.AttributeChange;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.IpAddressType;
import io.github.httpssetup.core.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The A (and, for dualstack, AAAA) alias records of the domain name and each alternative name, pointing
 * at the load balancer, with an {@link OwnershipRecord} per name: written in one change batch and waited
 * for until Route 53 has them everywhere. Names the stack owns that the description no longer has are
 * removed in the same batch.
 */
final class AliasRecords {

    private static final String DUALSTACK_PREFIX = "dualstack.";

    private final Run run;
    private final HttpsSetup spec;

    AliasRecords(Run run) {
        this.run = run;
        this.spec = run.spec();
    }

    /**
     * Where an alias points: the load balancer's canonical hosted zone and DNS name. A {@code null} DNS
     * name stands for a load balancer not created yet (a plan).
     */
    record Alias(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) {

        /** The alias to the load balancer; its {@code dualstack.} name answers both A and AAAA queries. */
        static Alias of(States.LoadBalancer loadBalancer, boolean evaluateTargetHealth) {
            if (loadBalancer == null || loadBalancer.arn() == null || loadBalancer.dnsName() == null) {
                return new Alias(null, null, evaluateTargetHealth);
            }
            String dns = loadBalancer.dnsName().toLowerCase(Locale.ROOT);
            return new Alias(
                    loadBalancer.canonicalHostedZoneId(),
                    dns.startsWith(DUALSTACK_PREFIX) ? dns : DUALSTACK_PREFIX + dns,
                    evaluateTargetHealth);
        }

        boolean known() {
            return dnsName != null;
        }

        /**
         * Whether Route 53's alias target is this one: same zone, same evaluate-target-health, and the same
         * DNS name ignoring case, a trailing dot and a leading {@code dualstack.}.
         */
        boolean matches(AliasTarget actual) {
            return known()
                    && actual != null
                    && hostedZoneId.equalsIgnoreCase(String.valueOf(actual.hostedZoneId()))
                    && comparable(dnsName).equals(comparable(actual.dnsName()))
                    && evaluateTargetHealth == Boolean.TRUE.equals(actual.evaluateTargetHealth());
        }

        static String comparable(String dnsName) {
            if (dnsName == null) {
                return "";
            }
            String n = DnsNames.normalize(dnsName);
            return n.startsWith(DUALSTACK_PREFIX) ? n.substring(DUALSTACK_PREFIX.length()) : n;
        }

        ResourceRecordSet recordSet(String name, RRType type) {
            return ResourceRecordSet.builder()
                    .name(DnsNames.absolute(DnsNames.normalize(name)))
                    .type(type)
                    .aliasTarget(t ->
                            t.hostedZoneId(hostedZoneId).dnsName(dnsName).evaluateTargetHealth(evaluateTargetHealth))
                    .build();
        }

        String describeTarget() {
            return known() ? dnsName + " (zone " + hostedZoneId + ")" : AttributeChange.KNOWN_AFTER_APPLY;
        }
    }

    /** One record change: what the plan shows, and what Route 53 gets. */
    private record Pending(Change change, ZoneRecords.Write write) {}

    void converge(States.Zone zone, States.LoadBalancer loadBalancer) {
        if (!spec.records().enabled()) {
            return;
        }
        Alias alias = Alias.of(loadBalancer, spec.records().evaluateTargetHealth());
        List<RRType> types = types();
        if (zone == null || zone.id() == null) { // a plan: the zone is created first
            for (String name : spec.allNames()) {
                types.forEach(type -> run.change(create(name, type, alias), () -> {}));
                run.change(createOwnership(name, null), () -> {});
            }
            return;
        }
        ZoneRecords records = run.zoneRecords(zone.id());
        Set<String> owned = ownedNames(records);
        Set<String> handedOver = handedOverNames(records);
        List<Pending> pending = new ArrayList<>();
        for (String name : spec.allNames()) {
            convergeName(records, name, owned.contains(name), handedOver.contains(name), alias, types, pending);
        }
        for (String name : owned) {
            if (!spec.allNames().contains(name)) {
                deleteName(records, name, "no longer in the description", pending);
            }
        }
        write(zone.id(), pending, "alias records");
    }

    private List<RRType> types() {
        return spec.loadBalancer().ipAddressType() == IpAddressType.DUALSTACK
                ? List.of(RRType.A, RRType.AAAA)
                : List.of(RRType.A);
    }

    private Set<String> ownedNames(ZoneRecords records) {
        Set<String> owned = new LinkedHashSet<>();
        records.all().forEach(set -> OwnershipRecord.ownedName(set, run.owner()).ifPresent(owned::add));
        return owned;
    }

    /**
     * In a site's part: the names the stack marked at stack level ({@code "https-setup:stack=<stack>"}), which the
     * single-site form wrote; the site re-marks those of its own names as its own. Empty for the stack run.
     */
    private Set<String> handedOverNames(ZoneRecords records) {
        Set<String> names = new LinkedHashSet<>();
        String stack = run.stackOwner();
        if (stack != null) {
            records.all().forEach(set -> OwnershipRecord.ownedName(set, stack).ifPresent(names::add));
        }
        return names;
    }

    private void convergeName(
            ZoneRecords records,
            String name,
            boolean owned,
            boolean handedOver,
            Alias alias,
            List<RRType> types,
            List<Pending> pending) {
        Optional<ResourceRecordSet> a = records.find(name, RRType.A);
        Optional<ResourceRecordSet> aaaa = records.find(name, RRType.AAAA);
        Optional<ResourceRecordSet> cname = records.find(name, RRType.CNAME);
        Optional<ResourceRecordSet> txt = records.find(OwnershipRecord.name(name), RRType.TXT);
        // What stands in the way when the name is not the stack's: anything that answers for it, and another mark.
        List<ResourceRecordSet> foreign = new ArrayList<>();
        cname.ifPresent(foreign::add);
        if (!owned && !handedOver) {
            a.ifPresent(foreign::add);
            aaaa.ifPresent(foreign::add);
            txt.ifPresent(foreign::add);
        }
        if (!foreign.isEmpty() && !spec.adopt()) {
            run.conflict(
                    ResourceKind.ALIAS_RECORD,
                    name,
                    null,
                    foreign.stream().map(AliasRecords::describe).collect(Collectors.joining("; ")) + " exist"
                            + (foreign.size() == 1 ? "s" : "") + " and stack "
                            + spec.stack() + " does not own "
                            + (owned
                                    ? "it (the stack writes alias records only)"
                                    : "the name (no " + OwnershipRecord.name(name) + " TXT record with its mark)"));
            return;
        }
        String reason = !foreign.isEmpty() ? "adopt: true; taken over" : handedOver && !owned ? handOver() : "";
        cname.ifPresent(set -> pending.add(new Pending(
                new Change(
                        ChangeAction.DELETE,
                        ResourceKind.ALIAS_RECORD,
                        name + " CNAME",
                        null,
                        List.of(new AttributeChange("CNAME", values(set), null)),
                        "adopt: true; replaced by" + " alias records"),
                ZoneRecords.delete(set))));
        for (RRType type : List.of(RRType.A, RRType.AAAA)) {
            Optional<ResourceRecordSet> current = type == RRType.A ? a : aaaa;
            if (!types.contains(type)) {
                // AAAA after dualstack was turned off
                current.ifPresent(set -> pending.add(new Pending(
                        Change.of(
                                ChangeAction.DELETE,
                                ResourceKind.ALIAS_RECORD,
                                name + " " + type,
                                null,
                                "loadBalancer.ipAddressType is not dualstack"),
                        ZoneRecords.delete(set))));
                continue;
            }
            if (current.isEmpty()) {
                pending.add(new Pending(
                        create(name, type, alias),
                        alias.known() ? ZoneRecords.upsert(alias.recordSet(name, type)) : null));
            } else if (alias.matches(current.get().aliasTarget())) { // owned, or adopted: then only the mark is added
                run.unchanged(ResourceKind.ALIAS_RECORD, name + " " + type, null);
            } else {
                pending.add(new Pending(
                        new Change(
                                ChangeAction.UPDATE,
                                ResourceKind.ALIAS_RECORD,
                                name + " " + type,
                                null,
                                differences(current.get(), alias),
                                reason),
                        alias.known() ? ZoneRecords.upsert(alias.recordSet(name, type)) : null));
            }
        }
        if (owned) {
            run.unchanged(ResourceKind.OWNERSHIP_RECORD, OwnershipRecord.name(name), null);
        } else {
            Change mark = createOwnership(name, txt.orElse(null));
            if (handedOver && foreign.isEmpty()) {
                mark = new Change(mark.action(), mark.kind(), mark.name(), mark.id(), mark.attributes(), handOver());
            }
            pending.add(new Pending(mark, ZoneRecords.upsert(OwnershipRecord.recordSet(name, run.owner()))));
        }
    }

    /** Why a stack-level mark becomes the site's: the single-site form's name, now one of a site's. */
    private String handOver() {
        return "marked by stack " + run.stackOwner() + " in the single-site form; now site " + run.scope() + "'s";
    }

    private Change create(String name, RRType type, Alias alias) {
        return new Change(
                ChangeAction.CREATE,
                ResourceKind.ALIAS_RECORD,
                name + " " + type,
                null,
                Run.attributes(
                        "alias",
                        alias.known() ? alias.describeTarget() : null,
                        "evaluateTargetHealth",
                        alias.evaluateTargetHealth()),
                "");
    }

    private Change createOwnership(String name, ResourceRecordSet current) {
        String value = OwnershipRecord.value(run.owner());
        return new Change(
                current == null ? ChangeAction.CREATE : ChangeAction.UPDATE,
                ResourceKind.OWNERSHIP_RECORD,
                OwnershipRecord.name(name),
                null,
                List.of(new AttributeChange("TXT", current == null ? null : values(current), value)),
                "marks " + name + " as stack " + spec.stack() + "'s");
    }

    private static List<AttributeChange> differences(ResourceRecordSet current, Alias alias) {
        AliasTarget target = current.aliasTarget();
        if (target == null) {
            return List.of(
                    new AttributeChange("alias", values(current), alias.describeTarget()),
                    new AttributeChange("evaluateTargetHealth", null, String.valueOf(alias.evaluateTargetHealth())));
        }
        List<AttributeChange> changes = new ArrayList<>();
        String before = target.dnsName() + " (zone " + target.hostedZoneId() + ")";
        if (!alias.known()
                || !Alias.comparable(alias.dnsName()).equals(Alias.comparable(target.dnsName()))
                || !alias.hostedZoneId().equalsIgnoreCase(String.valueOf(target.hostedZoneId()))) {
            changes.add(new AttributeChange("alias", before, alias.describeTarget()));
        }
        if (alias.evaluateTargetHealth() != Boolean.TRUE.equals(target.evaluateTargetHealth())) {
            changes.add(new AttributeChange(
                    "evaluateTargetHealth",
                    String.valueOf(target.evaluateTargetHealth()),
                    String.valueOf(alias.evaluateTargetHealth())));
        }
        return changes;
    }

    // ---- deleting ----

    /**
     * Deletes the alias records and ownership records of every name the stack owns, in one batch. In a site's part,
     * when destroying, also those its stack marked at stack level (the single-site form's) that no site took over.
     */
    void destroy(States.Zone zone) {
        if (zone == null || zone.id() == null) {
            return;
        }
        ZoneRecords records = ZoneRecords.read(run, zone.id());
        Set<String> names = ownedNames(records);
        if (run.mode() == Run.Mode.DESTROY) { // not for a removed site in an apply: the sites may be claiming them
            names.addAll(handedOverNames(records));
        }
        List<Pending> pending = new ArrayList<>();
        for (String name : names) {
            deleteName(records, name, "destroy", pending);
        }
        write(zone.id(), pending, "remove alias records");
    }

    /**
     * In a site's part, once every site has its records: deletes the names its stack marked at stack level (the
     * single-site form's) in the site's zone that no site has ({@code siteNames}: every site's names). Uses the
     * zone's records as read at the start of the run: no site writes those names.
     */
    void deleteStackLevel(States.Zone zone, Set<String> siteNames) {
        if (zone == null || zone.id() == null || run.stackOwner() == null) {
            return;
        }
        ZoneRecords records = run.zoneRecords(zone.id());
        List<Pending> pending = new ArrayList<>();
        for (String name : handedOverNames(records)) {
            if (!siteNames.contains(name)) {
                deleteName(
                        records,
                        name,
                        "marked by stack " + run.stackOwner() + " in the single-site form; in no site",
                        pending);
            }
        }
        write(zone.id(), pending, "remove the single-site form's records");
    }

    /** Deletes an owned name's alias records and its mark, exactly as read (Route 53 wants the current values). */
    private void deleteName(ZoneRecords records, String name, String reason, List<Pending> pending) {
        for (RRType type : List.of(RRType.A, RRType.AAAA)) {
            // Only aliases: an address record someone put there by hand is theirs.
            records.find(name, type)
                    .filter(set -> set.aliasTarget() != null)
                    .ifPresent(set -> pending.add(new Pending(
                            Change.of(ChangeAction.DELETE, ResourceKind.ALIAS_RECORD, name + " " + type, null, reason),
                            ZoneRecords.delete(set))));
        }
        records.find(OwnershipRecord.name(name), RRType.TXT)
                .ifPresent(set -> pending.add(new Pending(
                        Change.of(
                                ChangeAction.DELETE,
                                ResourceKind.OWNERSHIP_RECORD,
                                OwnershipRecord.name(name),
                                null,
                                reason),
                        ZoneRecords.delete(set))));
    }

    // ---- writing ----

    /** One change batch, deletions first, waited for until INSYNC; then the changes are reported. */
    private void write(String zoneId, List<Pending> pending, String what) {
        if (pending.isEmpty()) {
            return;
        }
        if (run.writing()) {
            run.checkCancelled();
            List<ZoneRecords.Write> batch = new ArrayList<>();
            pending.stream()
                    .filter(p -> p.change().action() == ChangeAction.DELETE)
                    .forEach(p -> batch.add(p.write()));
            pending.stream()
                    .filter(p -> p.change().action() != ChangeAction.DELETE)
                    .forEach(p -> batch.add(Objects.requireNonNull(
                            p.write(),
                            () -> "no load balancer to point " + p.change().name() + " at")));
            ZoneRecords.change(run, zoneId, batch, "https-setup " + spec.stack() + ": " + what, true);
        }
        pending.forEach(p -> run.change(p.change(), () -> {}));
    }

    /** {@code A 192.0.2.10}, {@code A alias to x.elb.amazonaws.com}, {@code CNAME other.example.net}. */
    private static String describe(ResourceRecordSet set) {
        return DnsNames.normalize(set.name()) + " " + set.typeAsString() + " " + values(set);
    }

    private static String values(ResourceRecordSet set) {
        if (set.aliasTarget() != null) {
            return "alias to " + set.aliasTarget().dnsName();
        }
        return set.resourceRecords().stream().map(ResourceRecord::value).collect(Collectors.joining(", "));
    }
}
