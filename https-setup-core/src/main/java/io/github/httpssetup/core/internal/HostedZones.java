package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HostedZoneSpec;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.ResourceKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.route53.model.GetHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.Route53Exception;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/**
 * The public hosted zone of the domain: found by id, by exact name, or as the closest enclosing zone;
 * created only when asked. Route 53 never accepts a caller reference twice, even after the zone was deleted, so
 * each create uses a new one; a create that went through before a crash is found again by name, and its caller
 * reference (which starts with {@link #callerReferencePrefix()}) shows it is the stack's even before it is tagged.
 */
final class HostedZones {

    /** Route 53 takes at most 10 tags per ChangeTagsForResource call. */
    static final int MAX_TAGS_PER_CALL = 10;

    private final Run run;
    private final HttpsSetup spec;
    private final HostedZoneSpec zoneSpec;

    /** A zone as read: what dependents need, and the caller reference it was created with. */
    private record Found(States.Zone zone, String callerReference) {}

    HostedZones(Run run) {
        this.run = run;
        this.spec = run.spec();
        this.zoneSpec = spec.domain().hostedZone();
    }

    /** Finds the zone, or creates it when asked; in a plan, a zone to create has a null id. */
    States.Zone converge() {
        Optional<Found> found = observed();
        if (found.isPresent()) {
            States.Zone zone = found.get().zone();
            if (!convergeTags(found.get())) {
                run.unchanged(ResourceKind.HOSTED_ZONE, zone.name(), zone.id());
            }
            run.outputs().hostedZoneId = zone.id();
            run.outputs().nameServers = zone.nameServers();
            return zone;
        }
        String name = zoneSpec.name().orElse(spec.domain().name());
        if (spec.domain().registration().isPresent() && !run.writing()) {
            // Registration creates the zone itself; a plan cannot see it yet.
            run.change(
                    Change.of(
                            ChangeAction.CREATE,
                            ResourceKind.HOSTED_ZONE,
                            name,
                            null,
                            "created by Route 53 Domains with the registration"),
                    () -> {});
            return new States.Zone(null, name, List.of());
        }
        if (!zoneSpec.create()) {
            throw new HttpsSetupException(
                    ErrorCode.HOSTED_ZONE_NOT_FOUND,
                    "No public Route 53 hosted zone for "
                            + spec.domain().name() + " in this account"
                            + (zoneSpec.name().isPresent() ? " (looked for " + name + ")" : "")
                            + ". Create one by setting domain.hostedZone.create: true, give the id of an existing zone with"
                            + " domain.hostedZone.id, or register the domain with domain.registration.");
        }
        States.Zone created = run.change(
                new Change(
                        ChangeAction.CREATE,
                        ResourceKind.HOSTED_ZONE,
                        name,
                        null,
                        Run.attributes("name", name, "id", null, "nameServers", null),
                        "domain.hostedZone.create is set"),
                () -> create(name),
                States.Zone::id);
        States.Zone zone = created != null ? created : new States.Zone(null, name, List.of());
        run.outputs().hostedZoneId = zone.id();
        run.outputs().nameServers = zone.nameServers();
        return zone;
    }

    /** The zone of the description, without creating anything (read once per run, see {@link Run#observe}). */
    Optional<States.Zone> find() {
        return observed().map(Found::zone);
    }

    private Optional<Found> observed() {
        return run.observe(ResourceKind.HOSTED_ZONE, "hosted zone", this::lookUp);
    }

    /**
     * With {@code create}: a zone this stack created (by its caller reference) or owns (by its tag) gets the stack's
     * tags; a zone the stack created but a crash left untagged is tagged here. Returns whether a change was recorded.
     */
    private boolean convergeTags(Found found) {
        boolean createdByStack =
                found.callerReference() != null && found.callerReference().startsWith(callerReferencePrefix());
        if (!zoneSpec.create()) {
            return false; // a zone the stack is not asked to manage: its tags are not the stack's business
        }
        String id = found.zone().id();
        Map<String, String> current = new LinkedHashMap<>();
        run.observe(
                        ResourceKind.HOSTED_ZONE,
                        "hosted zone tags " + id,
                        () -> run.route53()
                                .listTagsForResource(r -> r.resourceType(TagResourceType.HOSTEDZONE)
                                        .resourceId(id))
                                .resourceTagSet()
                                .tags())
                .forEach(t -> current.put(t.key(), t.value()));
        boolean owned = run.owner().equals(current.get(HttpsSetup.OWNERSHIP_TAG));
        if (!owned && !createdByStack) {
            return false; // found by name but made by someone else: not the stack's to tag
        }
        Map<String, String> missing = new LinkedHashMap<>();
        run.tags().forEach((k, v) -> {
            if (!v.equals(current.get(k))) {
                missing.put(k, v);
            }
        });
        if (missing.isEmpty()) {
            return false;
        }
        List<io.github.httpssetup.core.AttributeChange> attributes = missing.entrySet().stream()
                .map(e -> new io.github.httpssetup.core.AttributeChange(
                        "tags." + e.getKey(), current.get(e.getKey()), e.getValue()))
                .toList();
        run.change(
                new Change(
                        ChangeAction.UPDATE,
                        ResourceKind.HOSTED_ZONE,
                        found.zone().name(),
                        id,
                        attributes,
                        owned ? "tags differ" : "created by stack " + spec.stack() + " but not tagged yet"),
                () -> tag(id, missing));
        return true;
    }

    /** Tags the zone, at most {@value #MAX_TAGS_PER_CALL} per call, the ownership tag in the first call. */
    private void tag(String id, Map<String, String> tags) {
        for (List<Tag> chunk : tagChunks(tags)) {
            run.route53()
                    .changeTagsForResource(r -> r.resourceType(TagResourceType.HOSTEDZONE)
                            .resourceId(id)
                            .addTags(chunk));
        }
    }

    /** The tags in calls of at most {@value #MAX_TAGS_PER_CALL}; the ownership tag first, so one call marks the zone. */
    static List<List<Tag>> tagChunks(Map<String, String> tags) {
        List<Tag> ordered = new ArrayList<>();
        if (tags.containsKey(HttpsSetup.OWNERSHIP_TAG)) {
            ordered.add(Tag.builder()
                    .key(HttpsSetup.OWNERSHIP_TAG)
                    .value(tags.get(HttpsSetup.OWNERSHIP_TAG))
                    .build());
        }
        tags.forEach((k, v) -> {
            if (!HttpsSetup.OWNERSHIP_TAG.equals(k)) {
                ordered.add(Tag.builder().key(k).value(v).build());
            }
        });
        List<List<Tag>> chunks = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i += MAX_TAGS_PER_CALL) {
            chunks.add(List.copyOf(ordered.subList(i, Math.min(ordered.size(), i + MAX_TAGS_PER_CALL))));
        }
        return chunks;
    }

    private Optional<Found> lookUp() {
        if (zoneSpec.id().isPresent()) {
            String id = DnsNames.zoneId(zoneSpec.id().get());
            try {
                return Optional.of(describe(id));
            } catch (NoSuchHostedZoneException e) {
                throw new HttpsSetupException(
                        ErrorCode.HOSTED_ZONE_NOT_FOUND,
                        "domain.hostedZone.id " + id
                                + " is not a hosted zone of this account. Check the id in the Route 53 console, or remove it"
                                + " to look the zone up by name.",
                        e);
            }
        }
        List<String> candidates = new ArrayList<>();
        if (zoneSpec.name().isPresent()) {
            candidates.add(zoneSpec.name().get());
        } else {
            // The closest enclosing zone: example.com for app.example.com when there is no app.example.com zone.
            String name = spec.domain().name();
            while (name.contains(".")) {
                candidates.add(name);
                name = name.substring(name.indexOf('.') + 1);
            }
        }
        for (String candidate : candidates) {
            // With a registration, every zone of the account: the one it makes is not always found by name at once,
            // and it may sit next to an older zone of the same name.
            List<HostedZone> matches =
                    spec.domain().registration().isPresent() ? byListing(candidate) : byName(candidate);
            if (matches.size() > 1 && spec.domain().registration().isPresent()) {
                // Registration makes a zone of its own, next to one that may exist: use the one the domain delegates
                // to.
                Optional<Set<String>> delegatedTo = new DomainRegistration(run).registeredNameServers();
                if (delegatedTo.isPresent()) {
                    List<Found> delegated = matches.stream()
                            .map(z -> describe(DnsNames.zoneId(z.id())))
                            .filter(f -> Set.copyOf(f.zone().nameServers()).equals(delegatedTo.get()))
                            .toList();
                    if (delegated.size() == 1) {
                        return Optional.of(delegated.get(0));
                    }
                }
            }
            if (matches.size() > 1) {
                throw new HttpsSetupException(
                        ErrorCode.HOSTED_ZONE_AMBIGUOUS,
                        matches.size() + " public hosted zones are named "
                                + candidate + ": "
                                + matches.stream()
                                        .map(z -> DnsNames.zoneId(z.id()))
                                        .collect(Collectors.joining(", "))
                                + ". Set domain.hostedZone.id to the one whose name servers the registrar uses"
                                + (spec.domain().registration().isPresent()
                                        ? " (the registered domain's name servers match none"
                                                + " of them; the stack then sets them to that zone's)"
                                        : "")
                                + ".");
            }
            if (matches.size() == 1) {
                return Optional.of(describe(DnsNames.zoneId(matches.get(0).id())));
            }
        }
        return Optional.empty();
    }

    private List<HostedZone> byName(String name) {
        String wanted = DnsNames.normalize(name);
        // The same for every site whose names sit in this zone (of this account): read once per stack run.
        return run.observeStack(
                ResourceKind.HOSTED_ZONE,
                List.of("zones named", zoneSpec.roleArn().orElse(""), wanted),
                () -> run
                        .route53()
                        .listHostedZonesByName(
                                r -> r.dnsName(DnsNames.absolute(wanted)).maxItems("100"))
                        .hostedZones()
                        .stream()
                        .filter(z -> DnsNames.normalize(z.name()).equals(wanted))
                        .filter(z -> z.config() == null
                                || !Boolean.TRUE.equals(z.config().privateZone()))
                        .toList());
    }

    /** Every zone of the account: the zone a registration makes is not always found by name at once. */
    private List<HostedZone> byListing(String name) {
        String wanted = DnsNames.normalize(name);
        List<HostedZone> found = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            ListHostedZonesResponse page = run.route53().listHostedZones(r -> {
                if (m != null) {
                    r.marker(m);
                }
            });
            page.hostedZones().stream()
                    .filter(z -> DnsNames.normalize(z.name()).equals(wanted))
                    .filter(z -> z.config() == null
                            || !Boolean.TRUE.equals(z.config().privateZone()))
                    .forEach(found::add);
            marker = Boolean.TRUE.equals(page.isTruncated()) ? page.nextMarker() : null;
        } while (marker != null);
        return found;
    }

    private Found describe(String id) {
        GetHostedZoneResponse zone = run.observeStack(
                ResourceKind.HOSTED_ZONE,
                List.of("zone", zoneSpec.roleArn().orElse(""), id),
                () -> run.route53().getHostedZone(r -> r.id(id)));
        String name = DnsNames.normalize(zone.hostedZone().name());
        if (!DnsNames.inZone(spec.domain().name(), name)) {
            throw new HttpsSetupException(
                    ErrorCode.HOSTED_ZONE_NOT_FOUND,
                    "Hosted zone " + id + " is " + name + ", which does not" + " contain "
                            + spec.domain().name() + ". Set domain.hostedZone.id to the zone of the domain.");
        }
        List<String> nameServers = zone.delegationSet() == null
                ? List.of()
                : zone.delegationSet().nameServers().stream()
                        .map(DnsNames::normalize)
                        .toList();
        return new Found(
                new States.Zone(DnsNames.zoneId(zone.hostedZone().id()), name, nameServers),
                zone.hostedZone().callerReference());
    }

    private States.Zone create(String name) {
        String reference = callerReferencePrefix() + UUID.randomUUID();
        try {
            var response = run.route53()
                    .createHostedZone(r -> r.name(name)
                            .callerReference(reference)
                            .hostedZoneConfig(c -> c.comment("https-setup stack " + spec.stack())
                                    .privateZone(false)));
            String id = DnsNames.zoneId(response.hostedZone().id());
            tag(id, run.tags());
            return new States.Zone(
                    id,
                    DnsNames.normalize(response.hostedZone().name()),
                    response.delegationSet().nameServers().stream()
                            .map(DnsNames::normalize)
                            .toList());
        } catch (Route53Exception e) {
            // The SDK resent a create that had gone through (same reference): find the zone, past the plan's
            // "not found", and finish it.
            if (e.awsErrorDetails() != null
                    && "HostedZoneAlreadyExists".equals(e.awsErrorDetails().errorCode())) {
                run.invalidate(ResourceKind.HOSTED_ZONE);
                Found found = lookUp().orElseThrow(() -> e);
                tag(found.zone().id(), run.tags());
                return found.zone();
            }
            throw e;
        }
    }

    /**
     * The start of every caller reference this stack creates zones with (a random part follows): a zone found with it
     * was created by the stack, even if a crash came before its tags.
     */
    private String callerReferencePrefix() {
        return "https-setup-" + spec.stack() + "-"
                + sha256(zoneSpec.name().orElse(spec.domain().name())).substring(0, 8) + "-";
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes the zone only when asked and created by this stack, and only once it holds nothing but NS and SOA. */
    void destroy(States.Zone zone, List<String> kept) {
        if (zone == null) {
            return;
        }
        String label = "hosted zone " + zone.name() + " (" + zone.id() + ")";
        if (!zoneSpec.deleteOnDestroy()) {
            kept.add(label + ": zones are kept unless domain.hostedZone.deleteOnDestroy is set");
            return;
        }
        boolean owned = run
                .route53()
                .listTagsForResource(
                        r -> r.resourceType(TagResourceType.HOSTEDZONE).resourceId(zone.id()))
                .resourceTagSet()
                .tags()
                .stream()
                .anyMatch(t ->
                        HttpsSetup.OWNERSHIP_TAG.equals(t.key()) && run.owner().equals(t.value()));
        if (!owned) {
            kept.add(label + ": not created by stack " + spec.stack());
            return;
        }
        long others = ZoneRecords.read(run, zone.id()).all().stream()
                .filter(r -> r.type() != RRType.NS && r.type() != RRType.SOA)
                .count();
        if (others > 0) {
            kept.add(label + ": still holds " + others + " record sets the stack does not own");
            return;
        }
        run.change(
                Change.of(ChangeAction.DELETE, ResourceKind.HOSTED_ZONE, zone.name(), zone.id(), "deleteOnDestroy"),
                () -> run.route53().deleteHostedZone(r -> r.id(zone.id())));
    }
}
