package io.github.httpssetup.core;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What makes a domain name valid (DNS's lengths and labels, ACM's wildcards), and which hosted zone and registrable
 * domain a name falls in.
 */
final class DomainNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final int MAX_DOMAIN_NAME_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private DomainNames() {}

    /**
     * What is wrong with a normalized domain name, or {@code null} when it is valid.
     *
     * @param name             the normalized name, not blank
     * @param what             what the name is, for the message: "domain name", "hosted zone name"
     * @param wildcardAllowed  whether the first label may be {@code *}
     */
    static String problem(String name, String what, boolean wildcardAllowed) {
        if (!name.chars().allMatch(c -> c < 0x80)) {
            return Rules.quote(name) + " is an internationalized name: use its punycode form " + punycode(name);
        }
        String invalid = Rules.quote(name) + " is not a valid " + what + ": ";
        if (name.length() > MAX_DOMAIN_NAME_LENGTH) {
            return invalid + "it is " + name.length() + " characters long; at most " + MAX_DOMAIN_NAME_LENGTH
                    + " are allowed";
        }
        String[] labels = name.split("\\.", -1);
        int first = wildcardAllowed && labels[0].equals("*") ? 1 : 0;
        for (int i = first; i < labels.length; i++) {
            if (labels[i].contains("*")) {
                return invalid
                        + (wildcardAllowed
                                ? "\"*\" may only be the entire first label, as in \"*.example.com\""
                                : "it cannot contain a wildcard \"*\"");
            }
        }
        if (labels.length - first < 2) {
            return invalid
                    + (first == 1
                            ? "\"*.\" must be followed by at least two labels, as in \"*.example.com\""
                            : "use at least two labels, such as \"example.com\"");
        }
        for (int i = first; i < labels.length; i++) {
            String label = labels[i];
            if (label.isEmpty()) {
                return invalid + "it has an empty label";
            }
            if (label.length() > MAX_LABEL_LENGTH) {
                return invalid + "label " + Rules.quote(label) + " is " + label.length() + " characters long; at most "
                        + MAX_LABEL_LENGTH + " are allowed";
            }
            if (!LABEL.matcher(label).matches()) {
                return invalid + "label " + Rules.quote(label) + " may only contain letters, digits and hyphens, and"
                        + " cannot start or end with a hyphen";
            }
        }
        String last = labels[labels.length - 1];
        if (DIGITS.matcher(last).matches()) {
            return invalid + "its last label " + Rules.quote(last) + " cannot be all digits";
        }
        return null;
    }

    private static String punycode(String name) {
        try {
            return Rules.quote(IDN.toASCII(name, IDN.ALLOW_UNASSIGNED));
        } catch (IllegalArgumentException e) {
            return "(xn--...)";
        }
    }

    /**
     * The registrable domain of {@code name} (one label below its public suffix, by the Public Suffix List that the
     * SDK's HTTP client bundles): {@code example.co.uk} for {@code app.example.co.uk}; {@code null} for a public suffix.
     */
    static String registrableDomain(String name) {
        String ascii;
        try {
            ascii = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return name;
        }
        String root = org.apache.http.conn.util.PublicSuffixMatcherLoader.getDefault()
                .getDomainRoot(ascii, org.apache.http.conn.util.DomainType.ICANN);
        if (root == null) {
            return null;
        }
        return ascii.equals(name) ? root : IDN.toUnicode(root, IDN.ALLOW_UNASSIGNED);
    }

    static boolean inZone(String name, String zoneName) {
        return name.equals(zoneName) || name.endsWith("." + zoneName);
    }

    static String notInZone(String name, String zoneName) {
        return Rules.quote(name) + " is not in the hosted zone " + Rules.quote(zoneName) + ": use a name ending in "
                + Rules.quote("." + zoneName) + ", or change domain.hostedZone.name";
    }
}
