package io.github.httpssetup.core;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The HTTPS listener of the load balancer: it presents the certificate and forwards to the targets.
 *
 * <pre>{@code
 * HttpsListenerSpec https = HttpsListenerSpec.builder().port(8443).build();
 * }</pre>
 */
public final class HttpsListenerSpec {
    /** The HTTPS port by default: {@value}. */
    public static final int DEFAULT_PORT = 443;
    /**
     * The SSL policy by default: {@value}, the policy AWS recommends for application load balancers and the
     * console's default: TLS 1.3 and 1.2 with hybrid post-quantum key exchange (ML-KEM) for clients that offer it.
     * (AWS's own default outside the console is still {@code ELBSecurityPolicy-2016-08}.) Until release 0.1 the
     * default was {@code ELBSecurityPolicy-TLS13-1-2-2021-06}: a stack created then gets this policy on its next
     * apply, in one {@code ModifyListener}.
     */
    public static final String DEFAULT_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09";

    private final int port;
    private final String sslPolicy;
    private final SecurityHeadersSpec securityHeaders;

    private HttpsListenerSpec(Builder builder) {
        this.port = builder.port;
        this.sslPolicy = Objects.requireNonNullElse(builder.sslPolicy, DEFAULT_SSL_POLICY);
        this.securityHeaders = builder.securityHeaders;
    }

    /** {@return a builder with the defaults: port {@value #DEFAULT_PORT} and {@value #DEFAULT_SSL_POLICY}} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this listener's values} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The port the load balancer serves HTTPS on, 1 to 65535 (default {@value #DEFAULT_PORT}).
     *
     * @return the HTTPS port
     */
    public int port() {
        return port;
    }

    /**
     * The ELB security policy that sets the TLS versions and ciphers (default {@value #DEFAULT_SSL_POLICY}). A policy
     * other than the default is checked against Elastic Load Balancing's list ({@code DescribeSslPolicies}) before
     * the listener is created or changed.
     *
     * @return the SSL policy name
     */
    public String sslPolicy() {
        return sslPolicy;
    }

    /**
     * The security headers the listener adds to responses (issue 15); empty (the default) = the listener's response
     * headers are left as AWS sets them, and never read.
     *
     * @return the headers, if any
     */
    public Optional<SecurityHeadersSpec> securityHeaders() {
        return Optional.ofNullable(securityHeaders);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HttpsListenerSpec)) {
            return false;
        }
        HttpsListenerSpec other = (HttpsListenerSpec) o;
        return port == other.port
                && sslPolicy.equals(other.sslPolicy)
                && Objects.equals(securityHeaders, other.securityHeaders);
    }

    @Override
    public int hashCode() {
        return Objects.hash(port, sslPolicy, securityHeaders);
    }

    @Override
    public String toString() {
        return "HttpsListenerSpec(port=" + port + ", sslPolicy=" + sslPolicy
                + (securityHeaders == null ? "" : ", securityHeaders=" + securityHeaders) + ")";
    }

    /**
     * Builds an {@link HttpsListenerSpec}; never throws for bad values: {@link HttpsSetup.Builder#build()} reports
     * them.
     */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private String sslPolicy = DEFAULT_SSL_POLICY;
        private SecurityHeadersSpec securityHeaders;

        private Builder() {}

        private Builder(HttpsListenerSpec listener) {
            this.port = listener.port;
            this.sslPolicy = listener.sslPolicy;
            this.securityHeaders = listener.securityHeaders;
        }

        /**
         * The HTTPS port (default {@value HttpsListenerSpec#DEFAULT_PORT}).
         *
         * @param port 1 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * The ELB security policy (default {@value HttpsListenerSpec#DEFAULT_SSL_POLICY}).
         *
         * @param sslPolicy a policy name, such as {@code ELBSecurityPolicy-TLS13-1-3-PQ-2025-09}; {@code null} = the
         *                  default
         * @return this builder
         */
        public Builder sslPolicy(String sslPolicy) {
            this.sslPolicy = sslPolicy;
            return this;
        }

        /**
         * The security headers to add to responses.
         *
         * @param securityHeaders the headers, such as {@link SecurityHeadersSpec#recommended()}; {@code null} = none
         *                        (response headers left as AWS sets them)
         * @return this builder
         */
        public Builder securityHeaders(SecurityHeadersSpec securityHeaders) {
            this.securityHeaders = securityHeaders;
            return this;
        }

        /**
         * The security headers, described on a fresh builder.
         *
         * @param securityHeaders sets them, such as {@code h -> h.contentTypeOptions(true).removeServerHeader(true)}
         * @return this builder
         */
        public Builder securityHeaders(Consumer<SecurityHeadersSpec.Builder> securityHeaders) {
            SecurityHeadersSpec.Builder builder = SecurityHeadersSpec.builder();
            securityHeaders.accept(builder);
            return securityHeaders(builder.build());
        }

        /** {@return the listener description; checked when the enclosing {@link HttpsSetup} is built} */
        public HttpsListenerSpec build() {
            return new HttpsListenerSpec(this);
        }
    }
}
