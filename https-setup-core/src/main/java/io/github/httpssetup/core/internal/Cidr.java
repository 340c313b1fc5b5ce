package io.github.httpssetup.core.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 CIDR block, as {@code loadBalancer.allowFrom} takes it and EC2 stores it: the network address (no
 * host bits) and the prefix length. IPv6 blocks are written in the canonical text form (RFC 5952: lower case, the
 * longest run of zero groups as {@code ::}), so that a block compares equal however it was written.
 *
 * @param address the network address in canonical text form
 * @param length  the prefix length
 * @param ipv6    whether it is an IPv6 block
 */
public record Cidr(String address, int length, boolean ipv6) {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("([0-9a-fA-F:.]+)/(\\d{1,3})");

    /** Thrown for text that is no CIDR block, or one with host bits set; the message says why and how to fix it. */
    public static final class InvalidCidrException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidCidrException(String message) {
            super(message);
        }
    }

    /** {@return whether the text looks like a CIDR block at all (an address and a prefix length), valid or not} */
    public static boolean looksLikeCidr(String text) {
        return text.contains("/")
                && (IPV4.matcher(text).matches() || IPV6.matcher(text).matches());
    }

    /**
     * Reads a CIDR block.
     *
     * @param text such as {@code 203.0.113.0/24} or {@code 2001:db8::/32}
     * @return the block
     * @throws InvalidCidrException when it is not a block, or has host bits set (the message names the block meant)
     */
    public static Cidr parse(String text) {
        Matcher v4 = IPV4.matcher(text);
        if (v4.matches()) {
            return parseIpv4(text, v4);
        }
        Matcher v6 = IPV6.matcher(text);
        if (v6.matches() && v6.group(1).contains(":")) {
            return parseIpv6(text, v6);
        }
        throw new InvalidCidrException("is not a CIDR block");
    }

    private static Cidr parseIpv4(String text, Matcher m) {
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            String octet = m.group(i);
            int value = Integer.parseInt(octet);
            if (value > 255 || octet.length() > 1 && octet.charAt(0) == '0') {
                throw new InvalidCidrException("is not a CIDR block: " + octet + " is not an IPv4 address part (0-255,"
                        + " without leading zeros)");
            }
            address = address << 8 | value;
        }
        int length = prefixLength(m.group(5), 32);
        long mask = length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
        long network = address & mask;
        String canonical = (network >> 24 & 255) + "." + (network >> 16 & 255) + "." + (network >> 8 & 255) + "."
                + (network & 255);
        Cidr cidr = new Cidr(canonical, length, false);
        if (network != address) {
            throw new InvalidCidrException("has host bits set: the block's network address is " + cidr.text()
                    + "; write that (a single address is " + text.substring(0, text.indexOf('/')) + "/32)");
        }
        return cidr;
    }

    private static Cidr parseIpv6(String text, Matcher m) {
        byte[] bytes;
        try {
            // A literal with ':' is parsed, never looked up.
            InetAddress parsed = InetAddress.getByName(m.group(1));
            if (!(parsed instanceof Inet6Address)) {
                throw new InvalidCidrException("is not a CIDR block: write an IPv4-mapped address as an IPv4 block");
            }
            bytes = parsed.getAddress();
        } catch (UnknownHostException e) {
            throw new InvalidCidrException("is not a CIDR block: " + m.group(1) + " is not an IPv6 address");
        }
        int length = prefixLength(m.group(2), 128);
        byte[] network = bytes.clone();
        for (int bit = length; bit < 128; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        Cidr cidr = new Cidr(ipv6Text(network), length, true);
        if (!java.util.Arrays.equals(network, bytes)) {
            throw new InvalidCidrException("has host bits set: the block's network address is " + cidr.text()
                    + "; write that (a single address is " + ipv6Text(bytes) + "/128)");
        }
        return cidr;
    }

    private static int prefixLength(String text, int max) {
        int length = Integer.parseInt(text);
        if (length > max || text.length() > 1 && text.charAt(0) == '0') {
            throw new InvalidCidrException("is not a CIDR block: the prefix length /" + text + " is not 0-" + max);
        }
        return length;
    }

    /** RFC 5952: lower-case groups without leading zeros, the first longest run of two or more zero groups as ::. */
    private static String ipv6Text(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 255) << 8 | (bytes[2 * i + 1] & 255);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        return s.toString();
    }

    /** {@return the block as EC2 takes it: {@code 203.0.113.0/24}} */
    public String text() {
        return address + "/" + length;
    }

    @Override
    public String toString() {
        return text();
    }
}
