package io.github.httpssetup.core;

import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * Security headers the HTTPS listener adds to every response (ALB header modification, listener attributes
 * {@code routing.http.response.*}), and whether it removes the {@code Server} header. A header left out is not
 * touched: the application's own passes through. Off by default; {@link #recommended()} is a sensible set.
 *
 * <pre>{@code
 * HttpsSetup.builder()
 *     ...
 *     .httpsListener(l -> l.securityHeaders(SecurityHeadersSpec.recommended()))
 *     // or: l.securityHeaders(h -> h.strictTransportSecurity(s -> s.includeSubDomains(true))
 *     //                             .frameOptions(FrameOptions.DENY).contentSecurityPolicy("default-src 'self'"))
 *     .build();
 * }</pre>
 */
public final class SecurityHeadersSpec {
    private static final SecurityHeadersSpec RECOMMENDED = builder()
            .strictTransportSecurity(StrictTransportSecuritySpec.builder().build())
            .contentTypeOptions(true)
            .frameOptions(FrameOptions.SAMEORIGIN)
            .removeServerHeader(true)
            .build();

    private final StrictTransportSecuritySpec strictTransportSecurity;
    private final boolean contentTypeOptions;
    private final FrameOptions frameOptions;
    private final String contentSecurityPolicy;
    private final boolean removeServerHeader;

    private SecurityHeadersSpec(Builder builder) {
        this.strictTransportSecurity = builder.strictTransportSecurity;
        this.contentTypeOptions = builder.contentTypeOptions;
        this.frameOptions = builder.frameOptions;
        this.contentSecurityPolicy = builder.contentSecurityPolicy;
        this.removeServerHeader = builder.removeServerHeader;
    }

    /** {@return a builder that adds no header} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A sensible set for most sites (YAML {@code securityHeaders: recommended}): {@code Strict-Transport-Security:
     * max-age=31536000} (one year, this host only), {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options:
     * SAMEORIGIN}, and no {@code Server} header. No {@code Content-Security-Policy}: one that fits no page breaks it.
     *
     * @return the recommended headers
     */
    public static SecurityHeadersSpec recommended() {
        return RECOMMENDED;
    }

    /** {@return a builder holding these values} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@return the {@code Strict-Transport-Security} header to add, if any} */
    public Optional<StrictTransportSecuritySpec> strictTransportSecurity() {
        return Optional.ofNullable(strictTransportSecurity);
    }

    /** {@return whether {@code X-Content-Type-Options: nosniff} is added (the only value ALB takes)} */
    public boolean contentTypeOptions() {
        return contentTypeOptions;
    }

    /** {@return the {@code X-Frame-Options} header to add, if any} */
    public Optional<FrameOptions> frameOptions() {
        return Optional.ofNullable(frameOptions);
    }

    /** {@return the {@code Content-Security-Policy} header's value to add, if any} */
    public Optional<String> contentSecurityPolicy() {
        return Optional.ofNullable(contentSecurityPolicy);
    }

    /** {@return whether the load balancer removes its {@code Server: awselb/2.0} header from responses} */
    public boolean removeServerHeader() {
        return removeServerHeader;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecurityHeadersSpec other
                && Objects.equals(strictTransportSecurity, other.strictTransportSecurity)
                && contentTypeOptions == other.contentTypeOptions
                && frameOptions == other.frameOptions
                && Objects.equals(contentSecurityPolicy, other.contentSecurityPolicy)
                && removeServerHeader == other.removeServerHeader;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                strictTransportSecurity, contentTypeOptions, frameOptions, contentSecurityPolicy, removeServerHeader);
    }

    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", "SecurityHeadersSpec(", ")");
        if (strictTransportSecurity != null) {
            s.add("strictTransportSecurity=" + strictTransportSecurity.headerValue());
        }
        if (contentTypeOptions) {
            s.add("contentTypeOptions=nosniff");
        }
        if (frameOptions != null) {
            s.add("frameOptions=" + frameOptions);
        }
        if (contentSecurityPolicy != null) {
            s.add("contentSecurityPolicy=" + contentSecurityPolicy);
        }
        return s.add("removeServerHeader=" + removeServerHeader).toString();
    }

    /** Builds a {@link SecurityHeadersSpec}; {@link HttpsSetup.Builder#build()} checks the values. */
    public static final class Builder {
        private StrictTransportSecuritySpec strictTransportSecurity;
        private boolean contentTypeOptions;
        private FrameOptions frameOptions;
        private String contentSecurityPolicy;
        private boolean removeServerHeader;

        private Builder() {}

        private Builder(SecurityHeadersSpec headers) {
            this.strictTransportSecurity = headers.strictTransportSecurity;
            this.contentTypeOptions = headers.contentTypeOptions;
            this.frameOptions = headers.frameOptions;
            this.contentSecurityPolicy = headers.contentSecurityPolicy;
            this.removeServerHeader = headers.removeServerHeader;
        }

        /**
         * The {@code Strict-Transport-Security} header.
         *
         * @param strictTransportSecurity the header; {@code null} = not added
         * @return this builder
         */
        public Builder strictTransportSecurity(StrictTransportSecuritySpec strictTransportSecurity) {
            this.strictTransportSecurity = strictTransportSecurity;
            return this;
        }

        /**
         * The {@code Strict-Transport-Security} header, described on a fresh builder.
         *
         * @param strictTransportSecurity sets its values, such as {@code s -> s.includeSubDomains(true)}
         * @return this builder
         */
        public Builder strictTransportSecurity(Consumer<StrictTransportSecuritySpec.Builder> strictTransportSecurity) {
            StrictTransportSecuritySpec.Builder builder = StrictTransportSecuritySpec.builder();
            strictTransportSecurity.accept(builder);
            return strictTransportSecurity(builder.build());
        }

        /**
         * Whether to add {@code X-Content-Type-Options: nosniff}.
         *
         * @param contentTypeOptions {@code true} to add it
         * @return this builder
         */
        public Builder contentTypeOptions(boolean contentTypeOptions) {
            this.contentTypeOptions = contentTypeOptions;
            return this;
        }

        /**
         * The {@code X-Frame-Options} header.
         *
         * @param frameOptions {@code DENY} or {@code SAMEORIGIN}; {@code null} = not added
         * @return this builder
         */
        public Builder frameOptions(FrameOptions frameOptions) {
            this.frameOptions = frameOptions;
            return this;
        }

        /**
         * The {@code Content-Security-Policy} header.
         *
         * @param contentSecurityPolicy printable ASCII, at most 1024 characters, such as {@code default-src 'self'};
         *                              {@code null} = not added
         * @return this builder
         */
        public Builder contentSecurityPolicy(String contentSecurityPolicy) {
            this.contentSecurityPolicy = contentSecurityPolicy;
            return this;
        }

        /**
         * Whether the load balancer removes its {@code Server} header.
         *
         * @param removeServerHeader {@code true} to remove it
         * @return this builder
         */
        public Builder removeServerHeader(boolean removeServerHeader) {
            this.removeServerHeader = removeServerHeader;
            return this;
        }

        /** {@return the headers' description} */
        public SecurityHeadersSpec build() {
            return new SecurityHeadersSpec(this);
        }
    }
}
