package io.github.httpssetup.core;

import java.util.Objects;

/**
 * The alias records (A, and AAAA for dualstack) that point the domain name and the alternative names at the load
 * balancer.
 *
 * <pre>{@code
 * RecordsSpec records = RecordsSpec.builder().enabled(false).build();   // manage DNS yourself
 * }</pre>
 */
public final class RecordsSpec {
    /** The alias records are written by default: {@value}. */
    public static final boolean DEFAULT_ENABLED = true;
    /** Route 53 answers only while the load balancer has healthy targets by default: {@value}. */
    public static final boolean DEFAULT_EVALUATE_TARGET_HEALTH = true;

    private final boolean enabled;
    private final boolean evaluateTargetHealth;

    private RecordsSpec(Builder builder) {
        this.enabled = builder.enabled;
        this.evaluateTargetHealth = builder.evaluateTargetHealth;
    }

    /** {@return a builder with the defaults: records on, evaluating target health} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these values} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Whether the alias records are written (default {@value #DEFAULT_ENABLED}); off = the DNS is managed elsewhere.
     *
     * @return {@code true} when the stack writes the alias records
     */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Whether the alias records evaluate the load balancer's target health (default
     * {@value #DEFAULT_EVALUATE_TARGET_HEALTH}).
     *
     * @return {@code true} when the records evaluate target health
     */
    public boolean evaluateTargetHealth() {
        return evaluateTargetHealth;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RecordsSpec)) {
            return false;
        }
        RecordsSpec other = (RecordsSpec) o;
        return enabled == other.enabled && evaluateTargetHealth == other.evaluateTargetHealth;
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, evaluateTargetHealth);
    }

    @Override
    public String toString() {
        return "RecordsSpec(enabled=" + enabled + ", evaluateTargetHealth=" + evaluateTargetHealth + ")";
    }

    /** Builds a {@link RecordsSpec}. */
    public static final class Builder {
        private boolean enabled = DEFAULT_ENABLED;
        private boolean evaluateTargetHealth = DEFAULT_EVALUATE_TARGET_HEALTH;

        private Builder() {}

        private Builder(RecordsSpec records) {
            this.enabled = records.enabled;
            this.evaluateTargetHealth = records.evaluateTargetHealth;
        }

        /**
         * Whether the alias records are written (default {@value RecordsSpec#DEFAULT_ENABLED}).
         *
         * @param enabled {@code false} to manage the DNS records elsewhere
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * Whether the alias records evaluate target health (default
         * {@value RecordsSpec#DEFAULT_EVALUATE_TARGET_HEALTH}).
         *
         * @param evaluateTargetHealth {@code true} to evaluate target health
         * @return this builder
         */
        public Builder evaluateTargetHealth(boolean evaluateTargetHealth) {
            this.evaluateTargetHealth = evaluateTargetHealth;
            return this;
        }

        /** {@return the records description} */
        public RecordsSpec build() {
            return new RecordsSpec(this);
        }
    }
}
