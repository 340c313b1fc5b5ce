package io.github.httpssetup.core;

import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The load balancer's access logs, written by Elastic Load Balancing to an S3 bucket of the stack's region. With
 * {@link #create()} the stack creates the bucket, tags it, gives it the bucket policy the region needs and deletes it
 * on {@code destroy} when it holds no logs (a bucket with logs is kept, and {@code destroy} says so); otherwise the
 * bucket must exist, and {@code plan} checks that its policy lets the load balancer write, naming the statement to
 * add when it does not.
 *
 * <pre>{@code
 * HttpsSetup.builder()
 *     ...
 *     .loadBalancer(lb -> lb.accessLogs(logs -> logs.bucket("shop-alb-logs").prefix("prod").create(true)))
 * }</pre>
 */
public final class AccessLogsSpec {
    /** The bucket is expected to exist by default: {@value}. */
    public static final boolean DEFAULT_CREATE = false;

    private final String bucket;
    private final String prefix;
    private final boolean create;

    private AccessLogsSpec(Builder builder) {
        this.bucket = builder.bucket == null ? null : builder.bucket.trim();
        this.prefix = builder.prefix == null || builder.prefix.isBlank() ? null : builder.prefix.trim();
        this.create = builder.create;
    }

    /** {@return a builder with no bucket, no prefix, and {@code create} off} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these values} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The S3 bucket the logs go to, in the stack's region: 3-63 lower-case letters, digits, hyphens and dots.
     *
     * @return the bucket's name; {@code null} only in a description that {@code build()} refuses
     */
    public String bucket() {
        return bucket;
    }

    /**
     * The key prefix of the logs in the bucket (without {@code /} at either end, never containing {@code AWSLogs}, which
     * ELB adds after it). Empty = the logs are at the top of the bucket.
     *
     * @return the prefix, if given
     */
    public Optional<String> prefix() {
        return Optional.ofNullable(prefix);
    }

    /**
     * Whether the stack creates and owns the bucket (default {@value #DEFAULT_CREATE}).
     *
     * @return {@code true} when the stack creates it
     */
    public boolean create() {
        return create;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AccessLogsSpec)) {
            return false;
        }
        AccessLogsSpec other = (AccessLogsSpec) o;
        return create == other.create && Objects.equals(bucket, other.bucket) && Objects.equals(prefix, other.prefix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, prefix, create);
    }

    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", "AccessLogsSpec(", ")").add("bucket=" + bucket);
        if (prefix != null) {
            s.add("prefix=" + prefix);
        }
        return s.add("create=" + create).toString();
    }

    /** Builds an {@link AccessLogsSpec}; never throws for bad values: {@link HttpsSetup.Builder#build()} reports them. */
    public static final class Builder {
        private String bucket;
        private String prefix;
        private boolean create = DEFAULT_CREATE;

        private Builder() {}

        private Builder(AccessLogsSpec logs) {
            this.bucket = logs.bucket;
            this.prefix = logs.prefix;
            this.create = logs.create;
        }

        /**
         * The S3 bucket of the logs.
         *
         * @param bucket 3-63 lower-case letters, digits, hyphens and dots, such as {@code shop-alb-logs}
         * @return this builder
         */
        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        /**
         * The key prefix of the logs (default: none).
         *
         * @param prefix such as {@code prod}; {@code null} or blank = none
         * @return this builder
         */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /**
         * Whether the stack creates and owns the bucket (default {@value AccessLogsSpec#DEFAULT_CREATE}).
         *
         * @param create {@code true} to have it created, with its policy, and deleted on destroy when empty
         * @return this builder
         */
        public Builder create(boolean create) {
            this.create = create;
            return this;
        }

        /** {@return the access-log description; checked when the enclosing {@link HttpsSetup} is built} */
        public AccessLogsSpec build() {
            return new AccessLogsSpec(this);
        }
    }
}
