package io.github.httpssetup.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * The EC2 instances that serve the application, and how the load balancer talks to them. Give exactly one of
 * {@link #instanceIds()} (fixed instances), {@link #instanceTags()} (every instance carrying all those tags) or
 * {@link #autoScalingGroup()} (the instances of an Auto Scaling group, which registers them itself).
 *
 * <pre>{@code
 * TargetsSpec targets = TargetsSpec.builder()
 *     .instanceIds("i-0abc1234def567890")
 *     .port(8080)
 *     .healthCheck(h -> h.path("/actuator/health"))
 *     .build();
 * }</pre>
 */
public final class TargetsSpec {
    /** The application port on the instances by default: {@value}. */
    public static final int DEFAULT_PORT = 8080;
    /** The protocol between the load balancer and the instances by default: {@link TargetProtocol#HTTP}. */
    public static final TargetProtocol DEFAULT_PROTOCOL = TargetProtocol.HTTP;
    /** How long a removed target keeps serving its open requests by default: 300 seconds, as ELB's own default. */
    public static final Duration DEFAULT_DEREGISTRATION_DELAY = Duration.ofSeconds(300);
    /** Apply waits for the targets to pass their health checks unless told otherwise. */
    public static final boolean DEFAULT_WAIT_UNTIL_HEALTHY = true;

    private final List<String> instanceIds;
    private final Map<String, String> instanceTags;
    private final String autoScalingGroup;
    private final int port;
    private final TargetProtocol protocol;
    private final HealthCheckSpec healthCheck;
    private final Duration deregistrationDelay;
    private final Duration stickiness;
    private final boolean waitUntilHealthy;

    private TargetsSpec(Builder builder) {
        this.instanceIds = Collections.unmodifiableList(new ArrayList<>(builder.instanceIds));
        this.instanceTags = Collections.unmodifiableMap(new LinkedHashMap<>(builder.instanceTags));
        this.autoScalingGroup = builder.autoScalingGroup;
        this.port = builder.port;
        this.protocol = Objects.requireNonNullElse(builder.protocol, DEFAULT_PROTOCOL);
        this.healthCheck = Objects.requireNonNullElseGet(
                builder.healthCheck, () -> HealthCheckSpec.builder().build());
        this.deregistrationDelay =
                Objects.requireNonNullElse(builder.deregistrationDelay, DEFAULT_DEREGISTRATION_DELAY);
        this.stickiness = builder.stickiness;
        this.waitUntilHealthy = builder.waitUntilHealthy;
    }

    /** {@return a builder with no instances and the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these targets' values} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The ids of the target instances, such as {@code i-0abc1234def567890}; at most 500. Empty when the instances are
     * selected by {@link #instanceTags()}.
     *
     * @return the instance ids in the given order, unmodifiable
     */
    public List<String> instanceIds() {
        return instanceIds;
    }

    /**
     * Tags that select the target instances: every instance carrying all of them, such as {@code app=shop}. Empty when
     * the instances are given by {@link #instanceIds()}.
     *
     * @return the tags in the given order, unmodifiable
     */
    public Map<String, String> instanceTags() {
        return instanceTags;
    }

    /**
     * The name of the Auto Scaling group whose instances serve the application, such as {@code shop-asg}. The target
     * group is attached to the group ({@code AttachLoadBalancerTargetGroups}), so that the group registers the
     * instances it launches and deregisters the ones it terminates; the stack registers none itself. Empty when the
     * instances are given by {@link #instanceIds()} or {@link #instanceTags()}.
     *
     * @return the Auto Scaling group's name, if the group is the target
     */
    public Optional<String> autoScalingGroup() {
        return Optional.ofNullable(autoScalingGroup);
    }

    /**
     * The application port on the instances, 1 to 65535 (default {@value #DEFAULT_PORT}).
     *
     * @return the traffic port
     */
    public int port() {
        return port;
    }

    /**
     * The protocol between the load balancer and the instances (default {@link TargetProtocol#HTTP}).
     *
     * @return the target protocol
     */
    public TargetProtocol protocol() {
        return protocol;
    }

    /**
     * How the load balancer checks the instances (default: {@link HealthCheckSpec}'s defaults).
     *
     * @return the health check
     */
    public HealthCheckSpec healthCheck() {
        return healthCheck;
    }

    /**
     * How long a target being removed keeps serving its open requests, 0 to 3600 whole seconds (default
     * {@link #DEFAULT_DEREGISTRATION_DELAY}, 300 seconds).
     *
     * @return the deregistration delay
     */
    public Duration deregistrationDelay() {
        return deregistrationDelay;
    }

    /**
     * Sticky sessions with a load-balancer cookie ({@code lb_cookie}) that lasts this long, 1 second to 7 days in whole
     * seconds. Empty (the default) = no stickiness.
     *
     * @return the cookie duration, if sticky sessions are on
     */
    public Optional<Duration> stickiness() {
        return Optional.ofNullable(stickiness);
    }

    /**
     * Whether apply ends only when every target passes its health checks (default {@code true}): it polls the targets'
     * health while they are {@code initial}, bounded by the wait timeout, and fails with
     * {@link ErrorCode#TARGETS_UNHEALTHY} when a target is unhealthy, stopped or in a zone the load balancer does not
     * use. {@code false}: apply ends once the load balancer forwards to the targets, and only warns about targets that
     * are not healthy.
     *
     * @return whether apply waits for healthy targets
     */
    public boolean waitUntilHealthy() {
        return waitUntilHealthy;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TargetsSpec)) {
            return false;
        }
        TargetsSpec other = (TargetsSpec) o;
        return port == other.port
                && instanceIds.equals(other.instanceIds)
                && instanceTags.equals(other.instanceTags)
                && Objects.equals(autoScalingGroup, other.autoScalingGroup)
                && protocol == other.protocol
                && healthCheck.equals(other.healthCheck)
                && deregistrationDelay.equals(other.deregistrationDelay)
                && Objects.equals(stickiness, other.stickiness)
                && waitUntilHealthy == other.waitUntilHealthy;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                instanceIds,
                instanceTags,
                autoScalingGroup,
                port,
                protocol,
                healthCheck,
                deregistrationDelay,
                stickiness,
                waitUntilHealthy);
    }

    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", "TargetsSpec(", ")");
        if (!instanceIds.isEmpty()) {
            s.add("instanceIds=" + instanceIds);
        }
        if (!instanceTags.isEmpty()) {
            s.add("instanceTags=" + instanceTags);
        }
        if (autoScalingGroup != null) {
            s.add("autoScalingGroup=" + autoScalingGroup);
        }
        s.add("port=" + port)
                .add("protocol=" + protocol)
                .add("healthCheck=" + healthCheck)
                .add("deregistrationDelay=" + Durations.format(deregistrationDelay));
        if (stickiness != null) {
            s.add("stickiness=" + Durations.format(stickiness));
        }
        if (waitUntilHealthy != DEFAULT_WAIT_UNTIL_HEALTHY) {
            s.add("waitUntilHealthy=" + waitUntilHealthy);
        }
        return s.toString();
    }

    /**
     * Builds a {@link TargetsSpec}; never throws for bad values: {@link HttpsSetup.Builder#build()} reports them.
     */
    public static final class Builder {
        private final List<String> instanceIds = new ArrayList<>();
        private final Map<String, String> instanceTags = new LinkedHashMap<>();
        private String autoScalingGroup;
        private int port = DEFAULT_PORT;
        private TargetProtocol protocol = DEFAULT_PROTOCOL;
        private HealthCheckSpec healthCheck;
        private Duration deregistrationDelay = DEFAULT_DEREGISTRATION_DELAY;
        private Duration stickiness;
        private boolean waitUntilHealthy = DEFAULT_WAIT_UNTIL_HEALTHY;

        private Builder() {}

        private Builder(TargetsSpec targets) {
            this.instanceIds.addAll(targets.instanceIds);
            this.instanceTags.putAll(targets.instanceTags);
            this.autoScalingGroup = targets.autoScalingGroup;
            this.port = targets.port;
            this.protocol = targets.protocol;
            this.healthCheck = targets.healthCheck;
            this.deregistrationDelay = targets.deregistrationDelay;
            this.stickiness = targets.stickiness;
            this.waitUntilHealthy = targets.waitUntilHealthy;
        }

        /**
         * Replaces the instance ids.
         *
         * @param instanceIds ids such as {@code i-0abc1234def567890}; {@code null} = none
         * @return this builder
         */
        public Builder instanceIds(String... instanceIds) {
            return instanceIds(instanceIds == null ? null : Arrays.asList(instanceIds));
        }

        /**
         * Replaces the instance ids with a copy of the given ones.
         *
         * @param instanceIds ids such as {@code i-0abc1234def567890}; {@code null} = none
         * @return this builder
         */
        public Builder instanceIds(Collection<String> instanceIds) {
            this.instanceIds.clear();
            if (instanceIds != null) {
                this.instanceIds.addAll(instanceIds);
            }
            return this;
        }

        /**
         * Appends one instance id.
         *
         * @param instanceId an id such as {@code i-0abc1234def567890}
         * @return this builder
         */
        public Builder addInstanceId(String instanceId) {
            this.instanceIds.add(instanceId);
            return this;
        }

        /**
         * Replaces the tags that select the instances with a copy of the given ones, keeping their order.
         *
         * @param instanceTags tag keys and values, such as {@code Map.of("app", "shop")}; {@code null} = none
         * @return this builder
         */
        public Builder instanceTags(Map<String, String> instanceTags) {
            this.instanceTags.clear();
            if (instanceTags != null) {
                this.instanceTags.putAll(instanceTags);
            }
            return this;
        }

        /**
         * Adds (or replaces) one tag that selects the instances.
         *
         * @param key   the tag key, such as {@code app}
         * @param value the tag value, such as {@code shop}
         * @return this builder
         */
        public Builder addInstanceTag(String key, String value) {
            this.instanceTags.put(key, value);
            return this;
        }

        /**
         * Makes an Auto Scaling group the target: the target group is attached to it, and the group registers its
         * instances. Cannot be combined with instance ids or tags.
         *
         * @param autoScalingGroup the group's name, such as {@code shop-asg}; {@code null} = none
         * @return this builder
         */
        public Builder autoScalingGroup(String autoScalingGroup) {
            this.autoScalingGroup = autoScalingGroup;
            return this;
        }

        /**
         * The application port on the instances (default {@value TargetsSpec#DEFAULT_PORT}).
         *
         * @param port 1 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * The protocol between the load balancer and the instances (default {@link TargetProtocol#HTTP}).
         *
         * @param protocol the protocol; {@code null} = the default
         * @return this builder
         */
        public Builder protocol(TargetProtocol protocol) {
            this.protocol = protocol;
            return this;
        }

        /**
         * How the load balancer checks the instances.
         *
         * @param healthCheck the health check; {@code null} = the defaults
         * @return this builder
         */
        public Builder healthCheck(HealthCheckSpec healthCheck) {
            this.healthCheck = healthCheck;
            return this;
        }

        /**
         * How the load balancer checks the instances, described on a fresh {@link HealthCheckSpec.Builder}.
         *
         * @param healthCheck sets the health check's values, such as {@code h -> h.path("/actuator/health")}
         * @return this builder
         */
        public Builder healthCheck(Consumer<HealthCheckSpec.Builder> healthCheck) {
            HealthCheckSpec.Builder builder = HealthCheckSpec.builder();
            healthCheck.accept(builder);
            return healthCheck(builder.build());
        }

        /**
         * How long a target being removed keeps serving its open requests (default
         * {@link TargetsSpec#DEFAULT_DEREGISTRATION_DELAY}, 300 seconds).
         *
         * @param deregistrationDelay 0 to 3600 whole seconds; {@code null} = the default
         * @return this builder
         */
        public Builder deregistrationDelay(Duration deregistrationDelay) {
            this.deregistrationDelay = deregistrationDelay;
            return this;
        }

        /**
         * Turns on sticky sessions with a load-balancer cookie that lasts this long (default: off).
         *
         * @param stickiness 1 second to 7 days in whole seconds; {@code null} = no stickiness
         * @return this builder
         */
        public Builder stickiness(Duration stickiness) {
            this.stickiness = stickiness;
            return this;
        }

        /**
         * Whether apply ends only when every target passes its health checks (default {@code true}); see
         * {@link TargetsSpec#waitUntilHealthy()}.
         *
         * @param waitUntilHealthy {@code false} to end apply without waiting for healthy targets
         * @return this builder
         */
        public Builder waitUntilHealthy(boolean waitUntilHealthy) {
            this.waitUntilHealthy = waitUntilHealthy;
            return this;
        }

        /** {@return the targets description; checked when the enclosing {@link HttpsSetup} is built} */
        public TargetsSpec build() {
            return new TargetsSpec(this);
        }
    }
}
