package io.github.httpssetup.core;

/** Which IP addresses the load balancer answers on. */
public enum IpAddressType {
    /** IPv4 only (the default). */
    IPV4("ipv4"),
    /** IPv4 and IPv6; the subnets need IPv6 CIDR blocks, and AAAA alias records are written too. */
    DUALSTACK("dualstack");

    private final String awsName;

    IpAddressType(String awsName) {
        this.awsName = awsName;
    }

    /**
     * The value Elastic Load Balancing uses for this type.
     *
     * @return {@code "ipv4"} or {@code "dualstack"}
     */
    public String awsName() {
        return awsName;
    }
}
