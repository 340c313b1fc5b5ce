package io.github.httpssetup.core.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Whether the zone's CAA records let ACM issue the certificate (RFC 8659): for each name, the CAA record set of the
 * closest name at or above it, up to the zone's apex, says which certificate authorities may issue. ACM's are
 * Amazon's; when the set names none of them, ACM fails the request with {@code CAA_ERROR}. Read from the zone's
 * records the run has read anyway: no call of its own.
 */
final class CaaRecords {

    /** The issuer domains ACM accepts in a CAA record (ACM User Guide, "CAA records"). */
    static final Set<String> AMAZON_ISSUERS = Set.of("amazon.com", "amazontrust.com", "awstrust.com", "amazonaws.com");

    /** Property tags RFC 8659 and its extensions define; an unknown one with the critical flag forbids issuing. */
    private static final Set<String> KNOWN_TAGS =
            Set.of("issue", "issuewild", "iodef", "issuemail", "issuevmc", "contactemail", "contactphone");

    private static final int CRITICAL = 128;

    private CaaRecords() {}

    /**
     * A name ACM could not get a certificate for, the name whose CAA records decide it, and those records.
     *
     * @param name     the certificate's name (may be a wildcard)
     * @param at       where the deciding CAA record set is
     * @param records  its values, as Route 53 holds them ({@code 0 issue "letsencrypt.org"})
     * @param property the property that must name Amazon: {@code issue}, or {@code issuewild} for a wildcard when the set
     *                 has one
     */
    record Blocked(String name, String at, List<String> records, String property) {

        /** What the plan says: what stands in the way, what ACM would do, and the record to add. */
        String message() {
            return "The CAA records of " + at + " (" + String.join(", ", records) + ") do not allow Amazon to issue a"
                    + " certificate for " + name
                    + ": ACM would fail the request (and a renewal) with CAA_ERROR. Add the record " + at
                    + " CAA 0 " + property + " \"amazon.com\" to the hosted zone, or remove the CAA records of " + at
                    + ".";
        }
    }

    /**
     * The certificate names the zone's CAA records keep ACM from issuing for, in the order given.
     *
     * @param zoneName the zone's apex: the climb stops there (records above it are in another zone)
     * @param records  the zone's record sets
     * @param names    the certificate's names
     */
    static List<Blocked> blocked(String zoneName, Collection<ResourceRecordSet> records, Collection<String> names) {
        String apex = DnsNames.normalize(zoneName);
        List<Blocked> blocked = new ArrayList<>();
        for (String name : names) {
            String n = DnsNames.normalize(name);
            boolean wildcard = n.startsWith("*.");
            String start = wildcard ? n.substring(2) : n;
            relevant(apex, records, start).ifPresent(set -> {
                List<String> values = set.resourceRecords().stream()
                        .map(ResourceRecord::value)
                        .toList();
                List<Property> properties = values.stream()
                        .map(CaaRecords::parse)
                        .flatMap(Optional::stream)
                        .toList();
                boolean hasIssueWild = properties.stream().anyMatch(p -> p.tag().equals("issuewild"));
                String tag = wildcard && hasIssueWild ? "issuewild" : "issue";
                if (!allowsAmazon(properties, tag)) {
                    blocked.add(new Blocked(n, DnsNames.normalize(set.name()), values, tag));
                }
            });
        }
        return blocked;
    }

    /** The CAA record set of the closest name at or above {@code name} (RFC 8659 section 3), not above the apex. */
    private static Optional<ResourceRecordSet> relevant(
            String apex, Collection<ResourceRecordSet> records, String name) {
        String current = name;
        while (true) {
            String at = current;
            Optional<ResourceRecordSet> set = records.stream()
                    .filter(r -> r.type() == RRType.CAA
                            && DnsNames.normalize(r.name()).equals(at)
                            && !r.resourceRecords().isEmpty())
                    .findFirst();
            if (set.isPresent() || current.equals(apex) || !current.contains(".")) {
                return set;
            }
            if (!current.endsWith("." + apex)) {
                return Optional.empty(); // outside the zone: another zone's records decide
            }
            current = current.substring(current.indexOf('.') + 1);
        }
    }

    /**
     * Whether the set lets Amazon issue under {@code tag}: no such property at all (then any authority may), or one
     * naming an Amazon issuer; an unknown critical property forbids every authority.
     */
    static boolean allowsAmazon(List<Property> properties, String tag) {
        if (properties.stream().anyMatch(p -> p.critical() && !KNOWN_TAGS.contains(p.tag()))) {
            return false;
        }
        List<Property> issuers =
                properties.stream().filter(p -> p.tag().equals(tag)).toList();
        return issuers.isEmpty() || issuers.stream().anyMatch(p -> AMAZON_ISSUERS.contains(p.issuer()));
    }

    /** One CAA property: {@code flags tag "value"}; {@code issuer} is the value's domain, before any {@code ;}. */
    record Property(boolean critical, String tag, String issuer) {}

    /** Parses a CAA record value as Route 53 returns it; empty for one it cannot read. */
    static Optional<Property> parse(String value) {
        String[] parts = value.trim().split("\\s+", 3);
        if (parts.length < 3) {
            return Optional.empty();
        }
        int flags;
        try {
            flags = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String raw = parts[2].trim();
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            raw = raw.substring(1, raw.length() - 1);
        }
        int semicolon = raw.indexOf(';');
        String issuer =
                (semicolon < 0 ? raw : raw.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return Optional.of(new Property((flags & CRITICAL) != 0, parts[1].toLowerCase(Locale.ROOT), issuer));
    }
}
