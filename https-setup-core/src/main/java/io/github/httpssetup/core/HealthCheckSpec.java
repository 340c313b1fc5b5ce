package io.github.httpssetup.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * How the load balancer checks that a target instance is healthy. Durations are whole seconds, as the target group
 * takes them.
 *
 * <pre>{@code
 * HealthCheckSpec healthCheck = HealthCheckSpec.builder()
 *     .path("/actuator/health")
 *     .interval(Duration.ofSeconds(15))
 *     .build();
 * }</pre>
 */
public final class HealthCheckSpec {
    /** The path checked by default: {@value}. */
    public static final String DEFAULT_PATH = "/";
    /** The HTTP codes of a healthy answer by default: {@value}. */
    public static final String DEFAULT_MATCHER = "200";
    /** The time between two checks of a target by default: 30 seconds. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    /** The time after which a check without answer fails by default: 5 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** The consecutive successful checks that make a target healthy by default: {@value}. */
    public static final int DEFAULT_HEALTHY_THRESHOLD = 5;
    /** The consecutive failed checks that make a target unhealthy by default: {@value}. */
    public static final int DEFAULT_UNHEALTHY_THRESHOLD = 2;

    private final String path;
    private final Integer port;
    private final TargetProtocol protocol;
    private final String matcher;
    private final Duration interval;
    private final Duration timeout;
    private final int healthyThreshold;
    private final int unhealthyThreshold;

    private HealthCheckSpec(Builder builder) {
        this.path = Objects.requireNonNullElse(builder.path, DEFAULT_PATH);
        this.port = builder.port;
        this.protocol = builder.protocol;
        this.matcher = Objects.requireNonNullElse(builder.matcher, DEFAULT_MATCHER);
        this.interval = Objects.requireNonNullElse(builder.interval, DEFAULT_INTERVAL);
        this.timeout = Objects.requireNonNullElse(builder.timeout, DEFAULT_TIMEOUT);
        this.healthyThreshold = builder.healthyThreshold;
        this.unhealthyThreshold = builder.unhealthyThreshold;
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this health check's values} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The path requested, starting with {@code /}, at most 1024 characters (default {@value #DEFAULT_PATH}).
     *
     * @return the health check path
     */
    public String path() {
        return path;
    }

    /**
     * The port checked, 1 to 65535. Empty (the default) = the traffic port, {@link TargetsSpec#port()}.
     *
     * @return the health check port, if it differs from the traffic port
     */
    public Optional<Integer> port() {
        return Optional.ofNullable(port);
    }

    /**
     * The protocol of the check. Empty (the default) = the targets' protocol, {@link TargetsSpec#protocol()}.
     *
     * @return the health check protocol, if it differs from the targets'
     */
    public Optional<TargetProtocol> protocol() {
        return Optional.ofNullable(protocol);
    }

    /**
     * The HTTP codes of a healthy answer, from 200 to 499: one code, several separated by commas ({@code 200,204}) or
     * a range ({@code 200-299}) (default {@value #DEFAULT_MATCHER}).
     *
     * @return the success codes
     */
    public String matcher() {
        return matcher;
    }

    /**
     * The time between two checks of a target, 5 to 300 seconds (default {@link #DEFAULT_INTERVAL}, 30 seconds).
     *
     * @return the interval
     */
    public Duration interval() {
        return interval;
    }

    /**
     * The time after which a check without answer fails, 2 to 120 seconds and less than the interval (default
     * {@link #DEFAULT_TIMEOUT}, 5 seconds).
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The consecutive successful checks that make a target healthy, 2 to 10 (default
     * {@value #DEFAULT_HEALTHY_THRESHOLD}).
     *
     * @return the healthy threshold
     */
    public int healthyThreshold() {
        return healthyThreshold;
    }

    /**
     * The consecutive failed checks that make a target unhealthy, 2 to 10 (default
     * {@value #DEFAULT_UNHEALTHY_THRESHOLD}).
     *
     * @return the unhealthy threshold
     */
    public int unhealthyThreshold() {
        return unhealthyThreshold;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HealthCheckSpec)) {
            return false;
        }
        HealthCheckSpec other = (HealthCheckSpec) o;
        return healthyThreshold == other.healthyThreshold
                && unhealthyThreshold == other.unhealthyThreshold
                && path.equals(other.path)
                && Objects.equals(port, other.port)
                && protocol == other.protocol
                && matcher.equals(other.matcher)
                && interval.equals(other.interval)
                && timeout.equals(other.timeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, port, protocol, matcher, interval, timeout, healthyThreshold, unhealthyThreshold);
    }

    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", "HealthCheckSpec(", ")").add("path=" + path);
        if (port != null) {
            s.add("port=" + port);
        }
        if (protocol != null) {
            s.add("protocol=" + protocol);
        }
        return s.add("matcher=" + matcher)
                .add("interval=" + Durations.format(interval))
                .add("timeout=" + Durations.format(timeout))
                .add("healthyThreshold=" + healthyThreshold)
                .add("unhealthyThreshold=" + unhealthyThreshold)
                .toString();
    }

    /**
     * Builds a {@link HealthCheckSpec}; never throws for bad values: {@link HttpsSetup.Builder#build()} reports them.
     */
    public static final class Builder {
        private String path = DEFAULT_PATH;
        private Integer port;
        private TargetProtocol protocol;
        private String matcher = DEFAULT_MATCHER;
        private Duration interval = DEFAULT_INTERVAL;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int healthyThreshold = DEFAULT_HEALTHY_THRESHOLD;
        private int unhealthyThreshold = DEFAULT_UNHEALTHY_THRESHOLD;

        private Builder() {}

        private Builder(HealthCheckSpec healthCheck) {
            this.path = healthCheck.path;
            this.port = healthCheck.port;
            this.protocol = healthCheck.protocol;
            this.matcher = healthCheck.matcher;
            this.interval = healthCheck.interval;
            this.timeout = healthCheck.timeout;
            this.healthyThreshold = healthCheck.healthyThreshold;
            this.unhealthyThreshold = healthCheck.unhealthyThreshold;
        }

        /**
         * The path requested (default {@value HealthCheckSpec#DEFAULT_PATH}).
         *
         * @param path a path starting with {@code /}, such as {@code /actuator/health}; {@code null} = the default
         * @return this builder
         */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /**
         * The port checked (default: the traffic port).
         *
         * @param port 1 to 65535; {@code null} = the traffic port
         * @return this builder
         */
        public Builder port(Integer port) {
            this.port = port;
            return this;
        }

        /**
         * The protocol of the check (default: the targets' protocol).
         *
         * @param protocol the protocol; {@code null} = the targets' protocol
         * @return this builder
         */
        public Builder protocol(TargetProtocol protocol) {
            this.protocol = protocol;
            return this;
        }

        /**
         * The HTTP codes of a healthy answer (default {@value HealthCheckSpec#DEFAULT_MATCHER}).
         *
         * @param matcher codes from 200 to 499, such as {@code 200,204} or {@code 200-299}; {@code null} = the default
         * @return this builder
         */
        public Builder matcher(String matcher) {
            this.matcher = matcher;
            return this;
        }

        /**
         * The time between two checks (default {@link HealthCheckSpec#DEFAULT_INTERVAL}, 30 seconds).
         *
         * @param interval 5 to 300 whole seconds; {@code null} = the default
         * @return this builder
         */
        public Builder interval(Duration interval) {
            this.interval = interval;
            return this;
        }

        /**
         * The time after which a check without answer fails (default {@link HealthCheckSpec#DEFAULT_TIMEOUT},
         * 5 seconds).
         *
         * @param timeout 2 to 120 whole seconds, less than the interval; {@code null} = the default
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * The consecutive successful checks that make a target healthy (default
         * {@value HealthCheckSpec#DEFAULT_HEALTHY_THRESHOLD}).
         *
         * @param healthyThreshold 2 to 10
         * @return this builder
         */
        public Builder healthyThreshold(int healthyThreshold) {
            this.healthyThreshold = healthyThreshold;
            return this;
        }

        /**
         * The consecutive failed checks that make a target unhealthy (default
         * {@value HealthCheckSpec#DEFAULT_UNHEALTHY_THRESHOLD}).
         *
         * @param unhealthyThreshold 2 to 10
         * @return this builder
         */
        public Builder unhealthyThreshold(int unhealthyThreshold) {
            this.unhealthyThreshold = unhealthyThreshold;
            return this;
        }

        /** {@return the health check description; checked when the enclosing {@link HttpsSetup} is built} */
        public HealthCheckSpec build() {
            return new HealthCheckSpec(this);
        }
    }
}
