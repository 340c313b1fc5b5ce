package io.github.httpssetup.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code Strict-Transport-Security} (HSTS) response header the load balancer adds: browsers that saw it use
 * only HTTPS for the site for {@link #maxAge()}.
 *
 * <pre>{@code
 * StrictTransportSecuritySpec hsts = StrictTransportSecuritySpec.builder()
 *     .maxAge(Duration.ofDays(365)).includeSubDomains(true)
 *     .build();                                  // max-age=31536000; includeSubDomains
 * }</pre>
 */
public final class StrictTransportSecuritySpec {
    /** How long browsers remember by default: one year, {@code max-age=31536000}. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(365);

    private final Duration maxAge;
    private final boolean includeSubDomains;
    private final boolean preload;

    private StrictTransportSecuritySpec(Builder builder) {
        this.maxAge = Objects.requireNonNullElse(builder.maxAge, DEFAULT_MAX_AGE);
        this.includeSubDomains = builder.includeSubDomains;
        this.preload = builder.preload;
    }

    /** {@return a builder with the defaults: one year, this host only, no preload} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these values} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * How long browsers keep to HTTPS after seeing the header, whole seconds from 0 (forget it) to 2 years (default
     * {@link #DEFAULT_MAX_AGE}).
     *
     * @return the max-age
     */
    public Duration maxAge() {
        return maxAge;
    }

    /**
     * Whether the rule covers every subdomain too (default {@code false}): only when every subdomain serves HTTPS.
     *
     * @return whether {@code includeSubDomains} is sent
     */
    public boolean includeSubDomains() {
        return includeSubDomains;
    }

    /**
     * Whether the site asks to be on the browsers' HSTS preload list (default {@code false}); the list requires
     * {@code includeSubDomains} and a max-age of at least a year.
     *
     * @return whether {@code preload} is sent
     */
    public boolean preload() {
        return preload;
    }

    /** {@return the header's value: {@code max-age=31536000; includeSubDomains; preload}} */
    public String headerValue() {
        return "max-age=" + maxAge.toSeconds() + (includeSubDomains ? "; includeSubDomains" : "")
                + (preload ? "; preload" : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StrictTransportSecuritySpec other
                && maxAge.equals(other.maxAge)
                && includeSubDomains == other.includeSubDomains
                && preload == other.preload;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAge, includeSubDomains, preload);
    }

    @Override
    public String toString() {
        return "StrictTransportSecuritySpec(" + headerValue() + ")";
    }

    /** Builds a {@link StrictTransportSecuritySpec}; {@link HttpsSetup.Builder#build()} checks the values. */
    public static final class Builder {
        private Duration maxAge = DEFAULT_MAX_AGE;
        private boolean includeSubDomains;
        private boolean preload;

        private Builder() {}

        private Builder(StrictTransportSecuritySpec hsts) {
            this.maxAge = hsts.maxAge;
            this.includeSubDomains = hsts.includeSubDomains;
            this.preload = hsts.preload;
        }

        /**
         * How long browsers keep to HTTPS.
         *
         * @param maxAge 0 to 2 years, whole seconds; {@code null} = one year
         * @return this builder
         */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = maxAge;
            return this;
        }

        /**
         * Whether the rule covers every subdomain too.
         *
         * @param includeSubDomains {@code true} to send {@code includeSubDomains}
         * @return this builder
         */
        public Builder includeSubDomains(boolean includeSubDomains) {
            this.includeSubDomains = includeSubDomains;
            return this;
        }

        /**
         * Whether to ask for the browsers' preload list.
         *
         * @param preload {@code true} to send {@code preload}
         * @return this builder
         */
        public Builder preload(boolean preload) {
            this.preload = preload;
            return this;
        }

        /** {@return the header description} */
        public StrictTransportSecuritySpec build() {
            return new StrictTransportSecuritySpec(this);
        }
    }
}
