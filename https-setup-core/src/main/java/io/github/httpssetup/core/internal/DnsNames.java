package io.github.httpssetup.core.internal;

import java.util.Locale;

/** Route 53 spells names with a trailing dot and escapes {@code *} as {@code \052}; the model does neither. */
final class DnsNames {

    private DnsNames() {}

    /** {@code \052.Example.com.} → {@code *.example.com}. */
    static String normalize(String name) {
        String n = name.replace("\\052", "*").toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /** {@code example.com} → {@code example.com.}. */
    static String absolute(String name) {
        return name.endsWith(".") ? name : name + ".";
    }

    /** Whether {@code name} is {@code zone} or below it. */
    static boolean inZone(String name, String zone) {
        String n = normalize(name);
        String z = normalize(zone);
        return n.equals(z) || n.endsWith("." + z);
    }

    /** {@code /hostedzone/Z123} → {@code Z123}. */
    static String zoneId(String id) {
        return id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
    }
}
