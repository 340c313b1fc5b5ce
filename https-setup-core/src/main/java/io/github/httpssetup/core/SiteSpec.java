package io.github.httpssetup.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One site among several on the stack's load balancer: its names (with their own hosted zone and certificate), the
 * instances that serve it, and optionally {@linkplain RouteSpec routes} that send some paths to other instances. The
 * HTTPS listener presents the site's certificate by SNI and forwards requests whose host is one of the site's names to
 * the site's target group.
 *
 * <pre>{@code
 * HttpsSetup setup = HttpsSetup.builder()
 *     .stack("web")
 *     .region("ap-northeast-2")
 *     .site("shop", s -> s
 *         .domain(d -> d.name("example.com").alternativeNames("www.example.com"))
 *         .targets(t -> t.instanceTags(Map.of("app", "shop")).port(8080)))
 *     .site("blog", s -> s
 *         .domain(d -> d.name("blog.example.org")
 *             .hostedZone(z -> z.roleArn("arn:aws:iam::222233334444:role/dns")))
 *         .targets(t -> t.instanceIds("i-0123456789abcdef0").port(3000))
 *         .addRoute(r -> r.paths("/api/*").targets(t -> t.instanceTags(Map.of("app", "api")).port(9000))))
 *     .defaultSite("shop")
 *     .build();
 * }</pre>
 */
public final class SiteSpec {
    private final DomainSpec domain;
    private final TargetsSpec targets;
    private final List<RouteSpec> routes;

    private SiteSpec(Builder builder) {
        this.domain = builder.domain;
        this.targets = builder.targets;
        this.routes = Collections.unmodifiableList(new ArrayList<>(builder.routes));
    }

    /** {@return a builder with no domain, no targets and no routes} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this site's values} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The site's names and their hosted zone (required). A site's names get a certificate of their own, so ACM's
     * 10-names-per-certificate quota applies to each site.
     *
     * @return the domain description; {@code null} only before the enclosing {@link HttpsSetup} is built
     */
    public DomainSpec domain() {
        return domain;
    }

    /**
     * The instances that serve the site (required).
     *
     * @return the targets description; {@code null} only before the enclosing {@link HttpsSetup} is built
     */
    public TargetsSpec targets() {
        return targets;
    }

    /**
     * Paths that go to other instances, evaluated in this order before the site's own targets. Empty by default.
     *
     * @return the routes, unmodifiable
     */
    public List<RouteSpec> routes() {
        return routes;
    }

    /**
     * Every name the site serves: the domain name followed by the alternative names.
     *
     * @return the names, unmodifiable
     */
    public List<String> allNames() {
        List<String> names = new ArrayList<>(1 + domain.alternativeNames().size());
        names.add(domain.name());
        names.addAll(domain.alternativeNames());
        return Collections.unmodifiableList(names);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SiteSpec)) {
            return false;
        }
        SiteSpec other = (SiteSpec) o;
        return Objects.equals(domain, other.domain)
                && Objects.equals(targets, other.targets)
                && routes.equals(other.routes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, targets, routes);
    }

    @Override
    public String toString() {
        return "SiteSpec(domain=" + domain + ", targets=" + targets + (routes.isEmpty() ? "" : ", routes=" + routes)
                + ")";
    }

    /** Builds a {@link SiteSpec}; never throws for bad values: {@link HttpsSetup.Builder#build()} reports them. */
    public static final class Builder {
        private DomainSpec domain;
        private TargetsSpec targets;
        private final List<RouteSpec> routes = new ArrayList<>();

        private Builder() {}

        private Builder(SiteSpec site) {
            this.domain = site.domain;
            this.targets = site.targets;
            this.routes.addAll(site.routes);
        }

        /**
         * The site's names (required).
         *
         * @param domain the domain description
         * @return this builder
         */
        public Builder domain(DomainSpec domain) {
            this.domain = domain;
            return this;
        }

        /**
         * The site's names (required), described on a fresh {@link DomainSpec.Builder}.
         *
         * @param domain sets the domain's values, such as {@code d -> d.name("blog.example.org")}
         * @return this builder
         */
        public Builder domain(Consumer<DomainSpec.Builder> domain) {
            DomainSpec.Builder builder = DomainSpec.builder();
            domain.accept(builder);
            return domain(builder.build());
        }

        /**
         * The instances that serve the site (required).
         *
         * @param targets the targets description
         * @return this builder
         */
        public Builder targets(TargetsSpec targets) {
            this.targets = targets;
            return this;
        }

        /**
         * The instances that serve the site (required), described on a fresh {@link TargetsSpec.Builder}.
         *
         * @param targets sets the targets' values, such as {@code t -> t.instanceIds("i-0abc1234def567890")}
         * @return this builder
         */
        public Builder targets(Consumer<TargetsSpec.Builder> targets) {
            TargetsSpec.Builder builder = TargetsSpec.builder();
            targets.accept(builder);
            return targets(builder.build());
        }

        /**
         * Replaces the routes with a copy of the given ones.
         *
         * @param routes the routes, in evaluation order; {@code null} = none
         * @return this builder
         */
        public Builder routes(Collection<RouteSpec> routes) {
            this.routes.clear();
            if (routes != null) {
                this.routes.addAll(routes);
            }
            return this;
        }

        /**
         * Adds one route after the others.
         *
         * @param route the route
         * @return this builder
         */
        public Builder addRoute(RouteSpec route) {
            this.routes.add(route);
            return this;
        }

        /**
         * Adds one route after the others, described on a fresh {@link RouteSpec.Builder}.
         *
         * @param route sets the route's values, such as {@code r -> r.paths("/api/*").targets(...)}
         * @return this builder
         */
        public Builder addRoute(Consumer<RouteSpec.Builder> route) {
            RouteSpec.Builder builder = RouteSpec.builder();
            route.accept(builder);
            return addRoute(builder.build());
        }

        /** {@return the site; checked when the enclosing {@link HttpsSetup} is built} */
        public SiteSpec build() {
            return new SiteSpec(this);
        }
    }
}
