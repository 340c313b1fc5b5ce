package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.HttpsSetup;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * DNS records cannot be tagged, so a TXT record {@code _https-setup.<name>} with the value
 * {@code "https-setup:stack=<stack>"} marks each name whose alias records the stack owns.
 */
final class OwnershipRecord {

    /** The label in front of the owned name. */
    static final String PREFIX = "_https-setup.";

    static final long TTL = 300;

    private OwnershipRecord() {}

    /** {@code example.com} → {@code _https-setup.example.com}. */
    static String name(String dnsName) {
        return PREFIX + DnsNames.normalize(dnsName);
    }

    /** The TXT value, quoted as Route 53 wants it: {@code "https-setup:stack=shop"}. */
    static String value(String stack) {
        return "\"" + content(stack) + "\"";
    }

    private static String content(String stack) {
        return HttpsSetup.OWNERSHIP_TAG + "=" + stack;
    }

    /** The record set that marks {@code dnsName} as the stack's. */
    static ResourceRecordSet recordSet(String dnsName, String stack) {
        return ResourceRecordSet.builder()
                .name(DnsNames.absolute(name(dnsName)))
                .type(RRType.TXT)
                .ttl(TTL)
                .resourceRecords(ResourceRecord.builder().value(value(stack)).build())
                .build();
    }

    /** Whether the record set is a TXT record carrying the stack's mark (among its values). */
    static boolean marks(ResourceRecordSet set, String stack) {
        return set.type() == RRType.TXT
                && set.resourceRecords().stream().anyMatch(r -> content(stack).equals(unquote(r.value())));
    }

    /** The name a record set marks as the stack's: {@code _https-setup.www.example.com.} → {@code www.example.com}. */
    static Optional<String> ownedName(ResourceRecordSet set, String stack) {
        String name = DnsNames.normalize(set.name());
        if (!name.startsWith(PREFIX) || name.length() == PREFIX.length() || !marks(set, stack)) {
            return Optional.empty();
        }
        return Optional.of(name.substring(PREFIX.length()));
    }

    /**
     * A TXT value as text: {@code "a b"} → {@code a b}; several strings are joined ({@code "ab" "cd"} →
     * {@code abcd}, as DNS does for long values); {@code \"} and {@code \\} are unescaped; an unquoted value
     * is taken as is.
     */
    static String unquote(String value) {
        if (value == null) {
            return "";
        }
        String v = value.trim();
        if (!v.startsWith("\"")) {
            return v;
        }
        StringBuilder text = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < v.length()) {
                text.append(v.charAt(++i));
            } else if (quoted) {
                text.append(c);
            }
        }
        return text.toString();
    }
}
