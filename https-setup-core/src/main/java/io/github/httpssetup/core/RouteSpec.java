package io.github.httpssetup.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Requests of a site whose path matches one of {@link #paths()} go to other instances: a path-pattern rule on the
 * HTTPS listener, evaluated before the site's host rule, forwarding to a target group of its own.
 *
 * <pre>{@code
 * RouteSpec api = RouteSpec.builder()
 *     .paths("/api/*")
 *     .targets(t -> t.instanceTags(Map.of("app", "api")).port(9000))
 *     .build();
 * }</pre>
 *
 * <p>A path pattern is case-sensitive, at most {@value #MAX_PATH_LENGTH} characters of {@code A-Z a-z 0-9 _ - . $ / ~
 * " ' @ : + &}, with {@code *} (any characters) and {@code ?} (one character) as wildcards, as Elastic Load Balancing
 * takes it.
 */
public final class RouteSpec {
    /** The longest path pattern Elastic Load Balancing takes: {@value}. */
    public static final int MAX_PATH_LENGTH = 128;

    private final List<String> paths;
    private final TargetsSpec targets;

    private RouteSpec(Builder builder) {
        this.paths = Collections.unmodifiableList(new ArrayList<>(builder.paths));
        this.targets = builder.targets;
    }

    /** {@return a builder with no paths and no targets} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this route's values} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The path patterns that select this route, such as {@code /api/*}; at least one.
     *
     * @return the patterns in the given order, unmodifiable
     */
    public List<String> paths() {
        return paths;
    }

    /**
     * The instances that serve the matching requests (required).
     *
     * @return the targets description; {@code null} only before the enclosing {@link HttpsSetup} is built
     */
    public TargetsSpec targets() {
        return targets;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RouteSpec)) {
            return false;
        }
        RouteSpec other = (RouteSpec) o;
        return paths.equals(other.paths) && Objects.equals(targets, other.targets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(paths, targets);
    }

    @Override
    public String toString() {
        return "RouteSpec(paths=" + paths + ", targets=" + targets + ")";
    }

    /** Builds a {@link RouteSpec}; never throws for bad values: {@link HttpsSetup.Builder#build()} reports them. */
    public static final class Builder {
        private final List<String> paths = new ArrayList<>();
        private TargetsSpec targets;

        private Builder() {}

        private Builder(RouteSpec route) {
            this.paths.addAll(route.paths);
            this.targets = route.targets;
        }

        /**
         * Replaces the path patterns.
         *
         * @param paths patterns such as {@code /api/*}
         * @return this builder
         */
        public Builder paths(String... paths) {
            return paths(Arrays.asList(paths));
        }

        /**
         * Replaces the path patterns with a copy of the given ones.
         *
         * @param paths patterns such as {@code /api/*}; {@code null} = none
         * @return this builder
         */
        public Builder paths(Collection<String> paths) {
            this.paths.clear();
            if (paths != null) {
                this.paths.addAll(paths);
            }
            return this;
        }

        /**
         * Adds one path pattern.
         *
         * @param path a pattern such as {@code /static/*}
         * @return this builder
         */
        public Builder addPath(String path) {
            this.paths.add(path);
            return this;
        }

        /**
         * The instances that serve the matching requests (required).
         *
         * @param targets the targets description
         * @return this builder
         */
        public Builder targets(TargetsSpec targets) {
            this.targets = targets;
            return this;
        }

        /**
         * The instances that serve the matching requests, described on a fresh {@link TargetsSpec.Builder}.
         *
         * @param targets sets the targets' values, such as {@code t -> t.instanceIds("i-0abc1234def567890")}
         * @return this builder
         */
        public Builder targets(Consumer<TargetsSpec.Builder> targets) {
            TargetsSpec.Builder builder = TargetsSpec.builder();
            targets.accept(builder);
            return targets(builder.build());
        }

        /** {@return the route; checked when the enclosing {@link HttpsSetup} is built} */
        public RouteSpec build() {
            return new RouteSpec(this);
        }
    }
}
