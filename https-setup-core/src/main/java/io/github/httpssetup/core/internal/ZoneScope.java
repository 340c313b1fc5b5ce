package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetupException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Checked as soon as the zone is known, in plan too, before the certificate is requested: every name the stack
 * writes records for (the domain name and each alternative name, with their validation records below them) must be
 * in the zone at a dot boundary ({@code shopexample.com} is not in {@code example.com}, and Route 53 refuses it), and
 * not at or below a name the zone delegates elsewhere with an NS record (records there are never served, so ACM
 * could never validate the certificate).
 */
final class ZoneScope {

    private final Run run;

    ZoneScope(Run run) {
        this.run = run;
    }

    /** Throws, naming each name and the zone it needs, when a name cannot have its records in {@code zone}. */
    void check(States.Zone zone) {
        List<String> delegations = zone.id() == null
                ? List.of()
                : delegations(run.zoneRecords(zone.id()).all(), zone.name());
        List<String> problems = problems(names(), zone, delegations);
        if (!problems.isEmpty()) {
            throw new HttpsSetupException(
                    ErrorCode.HOSTED_ZONE_NOT_FOUND,
                    (problems.size() == 1 ? "A name" : problems.size() + " names")
                            + " cannot have records in the hosted zone " + label(zone) + ", so no certificate was"
                            + " requested:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** The names the stack writes records for: the domain name and the alternative names. */
    private Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        names.add(DnsNames.normalize(run.spec().domain().name()));
        run.spec().domain().alternativeNames().forEach(n -> names.add(DnsNames.normalize(n)));
        return names;
    }

    /** The names the zone delegates with an NS record set of their own (its apex NS record excluded). */
    static List<String> delegations(List<ResourceRecordSet> records, String zoneName) {
        String apex = DnsNames.normalize(zoneName);
        return records.stream()
                .filter(r -> r.type() == RRType.NS)
                .map(r -> DnsNames.normalize(r.name()))
                .filter(n -> !n.equals(apex))
                .distinct()
                .toList();
    }

    static List<String> problems(Set<String> names, States.Zone zone, List<String> delegations) {
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            String bare = name.startsWith("*.") ? name.substring(2) : name;
            if (!DnsNames.inZone(bare, zone.name())) {
                problems.add(quote(name) + " is outside " + zone.name() + " (a zone holds its name and the names ending"
                        + " in \"." + zone.name() + "\"): it needs a hosted zone of its own, such as "
                        + quote(zoneFor(bare))
                        + ". Serve it from another stack, or use names ending in \"." + zone.name() + "\".");
                continue;
            }
            Optional<String> delegated =
                    delegations.stream().filter(d -> DnsNames.inZone(bare, d)).findFirst();
            if (delegated.isPresent()) {
                String d = delegated.get();
                problems.add(quote(name) + " is " + (bare.equals(d) ? "at " : "below ") + quote(d) + ", which "
                        + zone.name()
                        + " delegates to other name servers (its NS record): records written in " + zone.name()
                        + " for it are never served. It needs the zone " + quote(d)
                        + ": set domain.hostedZone.name (or id)"
                        + " to that zone and keep every name in it, or delete the NS record of " + quote(d) + " from "
                        + zone.name() + " if that delegation is no longer used.");
            }
        }
        return problems;
    }

    /** The zone a name outside the chosen one would usually live in: its registrable domain. */
    private static String zoneFor(String name) {
        String root = org.apache.http.conn.util.PublicSuffixMatcherLoader.getDefault()
                .getDomainRoot(name, org.apache.http.conn.util.DomainType.ICANN);
        return root == null ? name : root;
    }

    private static String label(States.Zone zone) {
        return zone.name() + (zone.id() == null ? "" : " (" + zone.id() + ")");
    }

    private static String quote(String name) {
        return "\"" + name + "\"";
    }
}
