package io.github.httpssetup.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The internet-facing application load balancer. By default its name is derived from the stack, its subnets are the
 * public subnets of the instances' VPC (one per availability zone) and its security group is created and owned by the
 * stack.
 *
 * <pre>{@code
 * LoadBalancerSpec loadBalancer = LoadBalancerSpec.builder()
 *     .ipAddressType(IpAddressType.DUALSTACK)
 *     .idleTimeout(Duration.ofSeconds(120))
 *     .build();
 * }</pre>
 */
public final class LoadBalancerSpec {
    /** The load balancer answers on IPv4 only by default: {@link IpAddressType#IPV4}. */
    public static final IpAddressType DEFAULT_IP_ADDRESS_TYPE = IpAddressType.IPV4;
    /** How long an idle connection stays open by default: 60 seconds, as ELB's own default. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Deletion protection is off by default, so that {@code destroy} can delete the load balancer: {@value}. */
    public static final boolean DEFAULT_DELETION_PROTECTION = false;
    /**
     * The name that stands, in {@link #allowFrom()}, for the AWS-managed prefix list of CloudFront's origin-facing
     * servers ({@value #CLOUDFRONT_PREFIX_LIST_NAME}): {@value}.
     */
    public static final String CLOUDFRONT = "cloudfront";
    /** The name of the AWS-managed prefix list of CloudFront's origin-facing servers: {@value}. */
    public static final String CLOUDFRONT_PREFIX_LIST_NAME = "com.amazonaws.global.cloudfront.origin-facing";

    private final String name;
    private final IpAddressType ipAddressType;
    private final List<String> subnets;
    private final List<String> securityGroups;
    private final Duration idleTimeout;
    private final boolean deletionProtection;
    // production options (issue 15): web ACL, access logs
    private final String webAcl;
    private final AccessLogsSpec accessLogs;
    private final List<String> allowFrom;

    private LoadBalancerSpec(Builder builder) {
        this.name = builder.name == null || builder.name.isBlank() ? null : builder.name.trim();
        this.ipAddressType = Objects.requireNonNullElse(builder.ipAddressType, DEFAULT_IP_ADDRESS_TYPE);
        this.subnets = Collections.unmodifiableList(new ArrayList<>(builder.subnets));
        this.securityGroups = Collections.unmodifiableList(new ArrayList<>(builder.securityGroups));
        this.idleTimeout = Objects.requireNonNullElse(builder.idleTimeout, DEFAULT_IDLE_TIMEOUT);
        this.deletionProtection = builder.deletionProtection;
        this.webAcl = builder.webAcl == null || builder.webAcl.isBlank() ? null : builder.webAcl.trim();
        this.accessLogs = builder.accessLogs;
        this.allowFrom = Collections.unmodifiableList(new ArrayList<>(builder.allowFrom));
    }

    /** {@return a builder with the defaults: derived name, automatic subnets and security groups} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this load balancer's values} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The load balancer's name: 1 to 32 letters, digits and hyphens. Empty (the default) = derived from the stack.
     *
     * @return the name, if given
     */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * Which IP addresses the load balancer answers on (default {@link IpAddressType#IPV4}).
     *
     * @return the IP address type
     */
    public IpAddressType ipAddressType() {
        return ipAddressType;
    }

    /**
     * The subnets of the load balancer, such as {@code subnet-0123456789abcdef0}: at least two, in different
     * availability zones. Empty (the default) = chosen automatically, see {@link #autoSubnets()}.
     *
     * @return the subnet ids in the given order, unmodifiable
     */
    public List<String> subnets() {
        return subnets;
    }

    /**
     * Whether the subnets are chosen automatically: the public subnets of the instances' VPC, one per availability
     * zone, the instances' zones included.
     *
     * @return {@code true} when no subnets are given
     */
    public boolean autoSubnets() {
        return subnets.isEmpty();
    }

    /**
     * The security groups of the load balancer, such as {@code sg-0123456789abcdef0}, used as given; at most 5. Empty
     * (the default) = managed automatically, see {@link #autoSecurityGroups()}.
     *
     * @return the security group ids in the given order, unmodifiable
     */
    public List<String> securityGroups() {
        return securityGroups;
    }

    /**
     * Whether the security groups are managed automatically: a load balancer group owned by the stack, and a rule on
     * each instance's group that admits the application port from it.
     *
     * @return {@code true} when no security groups are given
     */
    public boolean autoSecurityGroups() {
        return securityGroups.isEmpty();
    }

    /**
     * How long an idle connection stays open, 1 to 4000 whole seconds (default {@link #DEFAULT_IDLE_TIMEOUT},
     * 60 seconds).
     *
     * @return the idle timeout
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * Whether the load balancer is protected from deletion (default {@value #DEFAULT_DELETION_PROTECTION}); while on,
     * {@code destroy} cannot delete it.
     *
     * @return {@code true} when deletion protection is on
     */
    public boolean deletionProtection() {
        return deletionProtection;
    }

    /**
     * The WAFv2 web ACL the load balancer is associated with: the ARN of an existing regional web ACL of the load
     * balancer's region, such as
     * {@code arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111}. The stack
     * associates it and, when it is removed or on destroy, disassociates it; it never creates or deletes the web ACL.
     * Empty (the default) = no web ACL is associated by the stack.
     *
     * @return the web ACL's ARN, if given
     */
    public Optional<String> webAcl() {
        return Optional.ofNullable(webAcl);
    }

    /**
     * Where the load balancer writes its access logs (default: nowhere, access logs off).
     *
     * @return the access-log settings, if access logs are on
     */
    public Optional<AccessLogsSpec> accessLogs() {
        return Optional.ofNullable(accessLogs);
    }

    /**
     * Who may connect to the listener ports, on the load balancer's group the stack creates: IPv4 and IPv6 CIDR blocks
     * ({@code 203.0.113.0/24}, {@code 2001:db8::/32}), managed prefix lists by id ({@code pl-0123456789abcdef0}), or
     * {@value #CLOUDFRONT} for CloudFront's origin-facing servers. Empty (the default) = anyone: {@code 0.0.0.0/0}, and
     * {@code ::/0} for dualstack.
     *
     * <pre>{@code
     * LoadBalancerSpec.builder().allowFrom("cloudfront", "203.0.113.0/24").build();
     * }</pre>
     *
     * @return the sources in the given order, unmodifiable
     */
    public List<String> allowFrom() {
        return allowFrom;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LoadBalancerSpec)) {
            return false;
        }
        LoadBalancerSpec other = (LoadBalancerSpec) o;
        return deletionProtection == other.deletionProtection
                && Objects.equals(name, other.name)
                && ipAddressType == other.ipAddressType
                && subnets.equals(other.subnets)
                && securityGroups.equals(other.securityGroups)
                && idleTimeout.equals(other.idleTimeout)
                && Objects.equals(webAcl, other.webAcl)
                && Objects.equals(accessLogs, other.accessLogs)
                && allowFrom.equals(other.allowFrom);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                name,
                ipAddressType,
                subnets,
                securityGroups,
                idleTimeout,
                deletionProtection,
                webAcl,
                accessLogs,
                allowFrom);
    }

    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", "LoadBalancerSpec(", ")");
        if (name != null) {
            s.add("name=" + name);
        }
        s.add("ipAddressType=" + ipAddressType)
                .add("subnets=" + (subnets.isEmpty() ? "auto" : subnets))
                .add("securityGroups=" + (securityGroups.isEmpty() ? "auto" : securityGroups))
                .add("idleTimeout=" + Durations.format(idleTimeout))
                .add("deletionProtection=" + deletionProtection);
        if (webAcl != null) { // the options of issue 15 show only when on
            s.add("webAcl=" + webAcl);
        }
        if (accessLogs != null) {
            s.add("accessLogs=" + accessLogs);
        }
        if (!allowFrom.isEmpty()) {
            s.add("allowFrom=" + allowFrom);
        }
        return s.toString();
    }

    /**
     * Builds a {@link LoadBalancerSpec}; never throws for bad values: {@link HttpsSetup.Builder#build()} reports them.
     */
    public static final class Builder {
        private String name;
        private IpAddressType ipAddressType = DEFAULT_IP_ADDRESS_TYPE;
        private final List<String> subnets = new ArrayList<>();
        private final List<String> securityGroups = new ArrayList<>();
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private boolean deletionProtection = DEFAULT_DELETION_PROTECTION;
        private String webAcl;
        private AccessLogsSpec accessLogs;
        private final List<String> allowFrom = new ArrayList<>();

        private Builder() {}

        private Builder(LoadBalancerSpec loadBalancer) {
            this.name = loadBalancer.name;
            this.ipAddressType = loadBalancer.ipAddressType;
            this.subnets.addAll(loadBalancer.subnets);
            this.securityGroups.addAll(loadBalancer.securityGroups);
            this.idleTimeout = loadBalancer.idleTimeout;
            this.deletionProtection = loadBalancer.deletionProtection;
            this.webAcl = loadBalancer.webAcl;
            this.accessLogs = loadBalancer.accessLogs;
            this.allowFrom.addAll(loadBalancer.allowFrom);
        }

        /**
         * The load balancer's name (default: derived from the stack).
         *
         * @param name 1 to 32 letters, digits and hyphens, not starting with {@code internal-}; {@code null} or blank =
         *             derived from the stack
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Which IP addresses the load balancer answers on (default {@link IpAddressType#IPV4}).
         *
         * @param ipAddressType the IP address type; {@code null} = the default
         * @return this builder
         */
        public Builder ipAddressType(IpAddressType ipAddressType) {
            this.ipAddressType = ipAddressType;
            return this;
        }

        /**
         * Replaces the subnets.
         *
         * @param subnets at least two subnet ids, such as {@code subnet-0123456789abcdef0}; none = automatic
         * @return this builder
         */
        public Builder subnets(String... subnets) {
            return subnets(subnets == null ? null : Arrays.asList(subnets));
        }

        /**
         * Replaces the subnets with a copy of the given ones.
         *
         * @param subnets at least two subnet ids; {@code null} or empty = automatic
         * @return this builder
         */
        public Builder subnets(Collection<String> subnets) {
            this.subnets.clear();
            if (subnets != null) {
                this.subnets.addAll(subnets);
            }
            return this;
        }

        /**
         * Appends one subnet.
         *
         * @param subnet a subnet id, such as {@code subnet-0123456789abcdef0}
         * @return this builder
         */
        public Builder addSubnet(String subnet) {
            this.subnets.add(subnet);
            return this;
        }

        /**
         * Replaces the security groups.
         *
         * @param securityGroups at most 5 group ids, such as {@code sg-0123456789abcdef0}; none = automatic
         * @return this builder
         */
        public Builder securityGroups(String... securityGroups) {
            return securityGroups(securityGroups == null ? null : Arrays.asList(securityGroups));
        }

        /**
         * Replaces the security groups with a copy of the given ones.
         *
         * @param securityGroups at most 5 group ids; {@code null} or empty = automatic
         * @return this builder
         */
        public Builder securityGroups(Collection<String> securityGroups) {
            this.securityGroups.clear();
            if (securityGroups != null) {
                this.securityGroups.addAll(securityGroups);
            }
            return this;
        }

        /**
         * Appends one security group.
         *
         * @param securityGroup a group id, such as {@code sg-0123456789abcdef0}
         * @return this builder
         */
        public Builder addSecurityGroup(String securityGroup) {
            this.securityGroups.add(securityGroup);
            return this;
        }

        /**
         * How long an idle connection stays open (default {@link LoadBalancerSpec#DEFAULT_IDLE_TIMEOUT}, 60 seconds).
         *
         * @param idleTimeout 1 to 4000 whole seconds; {@code null} = the default
         * @return this builder
         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /**
         * Whether the load balancer is protected from deletion (default
         * {@value LoadBalancerSpec#DEFAULT_DELETION_PROTECTION}).
         *
         * @param deletionProtection {@code true} to protect it
         * @return this builder
         */
        public Builder deletionProtection(boolean deletionProtection) {
            this.deletionProtection = deletionProtection;
            return this;
        }

        /**
         * The WAFv2 web ACL to associate with the load balancer (default: none).
         *
         * @param webAcl the ARN of an existing regional web ACL in the load balancer's region, such as
         *               {@code arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/a1b2c3d4-...}; {@code null} or
         *               blank = none
         * @return this builder
         */
        public Builder webAcl(String webAcl) {
            this.webAcl = webAcl;
            return this;
        }

        /**
         * Replaces who may connect (default: anyone).
         *
         * @param allowFrom CIDR blocks, prefix list ids or {@value LoadBalancerSpec#CLOUDFRONT}; none = anyone
         * @return this builder
         */
        public Builder allowFrom(String... allowFrom) {
            return allowFrom(allowFrom == null ? null : Arrays.asList(allowFrom));
        }

        /**
         * Replaces who may connect with a copy of the given sources.
         *
         * @param allowFrom CIDR blocks, prefix list ids or {@value LoadBalancerSpec#CLOUDFRONT}; {@code null} or
         *                  empty = anyone
         * @return this builder
         */
        public Builder allowFrom(Collection<String> allowFrom) {
            this.allowFrom.clear();
            if (allowFrom != null) {
                this.allowFrom.addAll(allowFrom);
            }
            return this;
        }

        /**
         * Turns access logs on, to this bucket and prefix (default: off).
         *
         * @param accessLogs the access-log settings; {@code null} = off
         * @return this builder
         */
        public Builder accessLogs(AccessLogsSpec accessLogs) {
            this.accessLogs = accessLogs;
            return this;
        }

        /**
         * Turns access logs on, described on a fresh {@link AccessLogsSpec.Builder}.
         *
         * @param accessLogs sets the bucket, the prefix and whether the stack creates the bucket
         * @return this builder
         */
        public Builder accessLogs(java.util.function.Consumer<AccessLogsSpec.Builder> accessLogs) {
            AccessLogsSpec.Builder builder = AccessLogsSpec.builder();
            accessLogs.accept(builder);
            this.accessLogs = builder.build();
            return this;
        }

        /**
         * Appends one source that may connect.
         *
         * @param source a CIDR block, a prefix list id or {@value LoadBalancerSpec#CLOUDFRONT}
         * @return this builder
         */
        public Builder addAllowFrom(String source) {
            this.allowFrom.add(source);
            return this;
        }

        /** {@return the load balancer description; checked when the enclosing {@link HttpsSetup} is built} */
        public LoadBalancerSpec build() {
            return new LoadBalancerSpec(this);
        }
    }
}
