package io.github.httpssetup.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * The immutable description of HTTPS in front of an EC2 application: a Route 53 hosted zone, an ACM certificate, a
 * target group, an application load balancer with its listeners, and alias records, all converged to this
 * description and found again by the stack's name.
 *
 * <pre>{@code
 * HttpsSetup setup = HttpsSetup.builder()
 *     .stack("shop")
 *     .region("ap-northeast-2")
 *     .domain(d -> d.name("example.com").alternativeNames("www.example.com"))
 *     .targets(t -> t.instanceIds("i-0abc1234def567890").port(8080).healthCheck(h -> h.path("/actuator/health")))
 *     .loadBalancer(lb -> lb.ipAddressType(IpAddressType.DUALSTACK))
 *     .httpListener(HttpAction.REDIRECT)
 *     .build();
 * }</pre>
 *
 * <p>{@link Builder#build()} checks the whole description and reports every problem at once in an
 * {@link InvalidSpecException}, each with its property path ({@code targets.port}, {@code domain.alternativeNames[1]}):
 * a built {@code HttpsSetup} is always valid. The {@code Consumer} overloads describe a part on a fresh builder, so
 * they replace that part as a whole.
 */
public final class HttpsSetup {
    /** The tag key that marks the AWS resources a stack owns; its value is the stack's name. */
    public static final String OWNERSHIP_TAG = "https-setup:stack";
    /**
     * The longest stack name, {@value}: names of load balancers and target groups derived from it must stay within the
     * 32 characters Elastic Load Balancing allows.
     */
    public static final int MAX_STACK_LENGTH = 20;
    /** By default a resource that exists with the expected name but is not owned is a conflict: {@value}. */
    public static final boolean DEFAULT_ADOPT = false;
    /** How long to wait for AWS (load balancer active, records in sync, ...) by default: 15 minutes. */
    public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofMinutes(15);

    /**
     * The most sites one stack serves, {@value}: the load balancer's HTTPS listener holds one default certificate and
     * at most 25 more for SNI (Elastic Load Balancing's default quota), and each site has a certificate of its own.
     */
    public static final int MAX_SITES = 26;

    /** The port browsers use for https: URLs, left out of {@link #url()}. */
    private static final int STANDARD_HTTPS_PORT = 443;

    private final String stack;
    private final String region;
    private final DomainSpec domain;
    private final CertificateSpec certificate;
    private final TargetsSpec targets;
    private final LoadBalancerSpec loadBalancer;
    private final HttpsListenerSpec httpsListener;
    private final HttpListenerSpec httpListener;
    private final RecordsSpec records;
    private final Map<String, String> tags;
    private final boolean adopt;
    private final Duration waitTimeout;
    private final Map<String, SiteSpec> sites;
    private final String defaultSite;

    private HttpsSetup(Builder builder) {
        this.stack = builder.stack;
        this.region = builder.region;
        this.domain = builder.domain;
        this.certificate = Objects.requireNonNullElseGet(
                builder.certificate, () -> CertificateSpec.builder().build());
        this.targets = builder.targets;
        this.loadBalancer = Objects.requireNonNullElseGet(
                builder.loadBalancer, () -> LoadBalancerSpec.builder().build());
        this.httpsListener = Objects.requireNonNullElseGet(
                builder.httpsListener, () -> HttpsListenerSpec.builder().build());
        this.httpListener = Objects.requireNonNullElseGet(
                builder.httpListener, () -> HttpListenerSpec.builder().build());
        this.records = Objects.requireNonNullElseGet(
                builder.records, () -> RecordsSpec.builder().build());
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(builder.tags));
        this.adopt = builder.adopt;
        this.waitTimeout = Objects.requireNonNullElse(builder.waitTimeout, DEFAULT_WAIT_TIMEOUT);
        this.sites = Collections.unmodifiableMap(new LinkedHashMap<>(builder.sites));
        this.defaultSite = builder.defaultSite == null || builder.defaultSite.isBlank() ? null : builder.defaultSite;
    }

    /** {@return a builder with nothing required set and every default} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this description's values, to derive a changed copy} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The stack's name, such as {@code shop}: 1 to {@value #MAX_STACK_LENGTH} lower-case letters, digits and hyphens.
     * It names the AWS resources and tags them with {@link #OWNERSHIP_TAG}, so that every run finds them again.
     *
     * @return the stack name
     */
    public String stack() {
        return stack;
    }

    /**
     * The AWS region of the instances, the load balancer and the certificate, such as {@code ap-northeast-2}.
     *
     * @return the region code
     */
    public String region() {
        return region;
    }

    /**
     * The names to serve and their hosted zone.
     *
     * @return the domain description
     */
    public DomainSpec domain() {
        return domain;
    }

    /**
     * The certificate (default: a new ACM certificate, see {@link CertificateSpec}).
     *
     * @return the certificate description
     */
    public CertificateSpec certificate() {
        return certificate;
    }

    /**
     * The instances that serve the application.
     *
     * @return the targets description
     */
    public TargetsSpec targets() {
        return targets;
    }

    /**
     * The load balancer (default: see {@link LoadBalancerSpec}).
     *
     * @return the load balancer description
     */
    public LoadBalancerSpec loadBalancer() {
        return loadBalancer;
    }

    /**
     * The HTTPS listener (default: port 443 with the recommended TLS policy, see {@link HttpsListenerSpec}).
     *
     * @return the HTTPS listener description
     */
    public HttpsListenerSpec httpsListener() {
        return httpsListener;
    }

    /**
     * The plain-HTTP listener (default: port 80, redirecting to HTTPS, see {@link HttpListenerSpec}).
     *
     * @return the HTTP listener description
     */
    public HttpListenerSpec httpListener() {
        return httpListener;
    }

    /**
     * The alias records (default: written, evaluating target health, see {@link RecordsSpec}).
     *
     * @return the records description
     */
    public RecordsSpec records() {
        return records;
    }

    /**
     * Tags added to every AWS resource the stack creates, next to {@link #OWNERSHIP_TAG}; at most 40. Empty by
     * default.
     *
     * @return the tags in the given order, unmodifiable
     */
    public Map<String, String> tags() {
        return tags;
    }

    /**
     * Whether resources that exist with the expected names but are not owned by the stack are taken over (default
     * {@value #DEFAULT_ADOPT}: they are conflicts, and {@code apply} refuses to touch them).
     *
     * @return {@code true} when unowned resources are adopted
     */
    public boolean adopt() {
        return adopt;
    }

    /**
     * How long to wait for AWS to reach an expected state, between 1 second and 2 hours (default
     * {@link #DEFAULT_WAIT_TIMEOUT}, 15 minutes). The certificate has its own
     * {@link CertificateSpec#validationTimeout()}.
     *
     * @return the wait timeout
     */
    public Duration waitTimeout() {
        return waitTimeout;
    }

    /**
     * The named sites served by the stack's one load balancer, in the given order. Empty (the default) = the stack
     * serves one site, described by {@link #domain()} and {@link #targets()}; when sites are given, those two are
     * not set and each site has its own.
     *
     * @return the sites by name, unmodifiable
     */
    public Map<String, SiteSpec> sites() {
        return sites;
    }

    /**
     * The site that answers requests for a host no site names (its certificate is the HTTPS listener's default one).
     * Empty (the default) with {@link #sites()} = such requests get a fixed 404 response, and the first site's
     * certificate is the listener's default one.
     *
     * @return the default site's name, if given
     */
    public Optional<String> defaultSite() {
        return Optional.ofNullable(defaultSite);
    }

    /**
     * Every name served: the domain name followed by the alternative names, normalized (lower case, no trailing dot);
     * with {@link #sites()}, every site's names in site order.
     *
     * @return the names, unmodifiable
     */
    public List<String> allNames() {
        List<String> names = new ArrayList<>();
        if (sites.isEmpty()) {
            names.add(domain.name());
            names.addAll(domain.alternativeNames());
        } else {
            sites.values().forEach(site -> names.addAll(site.allNames()));
        }
        return Collections.unmodifiableList(names);
    }

    /**
     * The address of the application: {@code https://} and the domain name, with the port when the HTTPS listener is
     * not on 443, such as {@code https://example.com} or {@code https://example.com:8443}. With {@link #sites()}, the
     * default site's address (the first site's when there is no default site).
     *
     * @return the HTTPS URL
     */
    public String url() {
        if (sites.isEmpty()) {
            return urlOf(domain.name());
        }
        return siteUrl(
                defaultSite != null ? defaultSite : sites.keySet().iterator().next());
    }

    /**
     * The address of one site: {@code https://} and its domain name, with the port when the HTTPS listener is not on
     * 443.
     *
     * @param site the site's name, a key of {@link #sites()}
     * @return the site's HTTPS URL
     * @throws IllegalArgumentException when there is no such site
     */
    public String siteUrl(String site) {
        SiteSpec spec = sites.get(site);
        if (spec == null) {
            throw new IllegalArgumentException("no site named \"" + site + "\"; the sites are " + sites.keySet());
        }
        return urlOf(spec.domain().name());
    }

    /**
     * One line saying what the description serves, as {@code validate} prints it: the stack, its region and its URL
     * with how many names more, or with sites how many and each one's name, URL and names more.
     *
     * <pre>{@code
     * setup.summary();   // "stack web in ap-northeast-2, 2 sites: shop https://example.com (+1 names),
     *                    //  blog https://blog.example.org"
     * }</pre>
     *
     * @return the summary line
     */
    public String summary() {
        String served;
        if (sites.isEmpty()) {
            served = url() + moreNames(allNames().size());
        } else {
            List<String> each = new ArrayList<>();
            sites.forEach((name, site) -> each.add(
                    name + " " + siteUrl(name) + moreNames(site.allNames().size())));
            served = sites.size() + " sites: " + String.join(", ", each);
        }
        return "stack " + stack + " in " + region + ", " + served;
    }

    private static String moreNames(int names) {
        return names > 1 ? " (+" + (names - 1) + " names)" : "";
    }

    private String urlOf(String name) {
        int port = httpsListener.port();
        return "https://" + name + (port == STANDARD_HTTPS_PORT ? "" : ":" + port);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HttpsSetup)) {
            return false;
        }
        HttpsSetup other = (HttpsSetup) o;
        return adopt == other.adopt
                && Objects.equals(stack, other.stack)
                && Objects.equals(region, other.region)
                && Objects.equals(domain, other.domain)
                && certificate.equals(other.certificate)
                && Objects.equals(targets, other.targets)
                && loadBalancer.equals(other.loadBalancer)
                && httpsListener.equals(other.httpsListener)
                && httpListener.equals(other.httpListener)
                && records.equals(other.records)
                && tags.equals(other.tags)
                && waitTimeout.equals(other.waitTimeout)
                && sites.equals(other.sites)
                && Objects.equals(defaultSite, other.defaultSite);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                stack,
                region,
                domain,
                certificate,
                targets,
                loadBalancer,
                httpsListener,
                httpListener,
                records,
                tags,
                adopt,
                waitTimeout,
                sites,
                defaultSite);
    }

    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", "HttpsSetup(", ")")
                .add("stack=" + stack)
                .add("region=" + region)
                .add("domain=" + domain)
                .add("certificate=" + certificate)
                .add("targets=" + targets);
        if (!sites.isEmpty()) {
            s.add("sites=" + sites);
            s.add("defaultSite=" + defaultSite);
        }
        s.add("loadBalancer=" + loadBalancer)
                .add("httpsListener=" + httpsListener)
                .add("httpListener=" + httpListener)
                .add("records=" + records);
        if (!tags.isEmpty()) {
            s.add("tags=" + tags);
        }
        return s.add("adopt=" + adopt)
                .add("waitTimeout=" + Durations.format(waitTimeout))
                .toString();
    }

    /**
     * Builds an {@link HttpsSetup}. {@link #stack(String)}, {@link #region(String)}, a domain and targets are required;
     * everything else has a default. Setting a part with a default to {@code null} restores that default.
     */
    public static final class Builder {
        private String stack;
        private String region;
        private DomainSpec domain;
        private CertificateSpec certificate;
        private TargetsSpec targets;
        private LoadBalancerSpec loadBalancer;
        private HttpsListenerSpec httpsListener;
        private HttpListenerSpec httpListener;
        private RecordsSpec records;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private boolean adopt = DEFAULT_ADOPT;
        private Duration waitTimeout = DEFAULT_WAIT_TIMEOUT;
        private final Map<String, SiteSpec> sites = new LinkedHashMap<>();
        private String defaultSite;

        private Builder() {}

        private Builder(HttpsSetup setup) {
            this.stack = setup.stack;
            this.region = setup.region;
            this.domain = setup.domain;
            this.certificate = setup.certificate;
            this.targets = setup.targets;
            this.loadBalancer = setup.loadBalancer;
            this.httpsListener = setup.httpsListener;
            this.httpListener = setup.httpListener;
            this.records = setup.records;
            this.tags.putAll(setup.tags);
            this.adopt = setup.adopt;
            this.waitTimeout = setup.waitTimeout;
            this.sites.putAll(setup.sites);
            this.defaultSite = setup.defaultSite;
        }

        /**
         * The stack's name (required).
         *
         * @param stack 1 to {@value HttpsSetup#MAX_STACK_LENGTH} lower-case letters, digits and hyphens, such as
         *              {@code shop}
         * @return this builder
         */
        public Builder stack(String stack) {
            this.stack = stack;
            return this;
        }

        /**
         * The AWS region (required).
         *
         * @param region a region code, such as {@code us-east-1}
         * @return this builder
         */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /**
         * The names to serve (required).
         *
         * @param domain the domain description
         * @return this builder
         */
        public Builder domain(DomainSpec domain) {
            this.domain = domain;
            return this;
        }

        /**
         * The names to serve (required), described on a fresh {@link DomainSpec.Builder}.
         *
         * @param domain sets the domain's values, such as {@code d -> d.name("example.com")}
         * @return this builder
         */
        public Builder domain(Consumer<DomainSpec.Builder> domain) {
            DomainSpec.Builder builder = DomainSpec.builder();
            domain.accept(builder);
            return domain(builder.build());
        }

        /**
         * Adds (or replaces) a named site: with sites, the stack serves several domains from one load balancer, and
         * {@link #domain(DomainSpec)} and {@link #targets(TargetsSpec)} are left unset.
         *
         * <pre>{@code
         * builder.site("blog", s -> s
         *     .domain(d -> d.name("blog.example.org"))
         *     .targets(t -> t.instanceIds("i-0123456789abcdef0").port(3000)));
         * }</pre>
         *
         * @param name the site's name: 1 to 32 lower-case letters, digits and hyphens, such as {@code blog}
         * @param site the site description
         * @return this builder
         */
        public Builder site(String name, SiteSpec site) {
            this.sites.put(name, site);
            return this;
        }

        /**
         * Adds (or replaces) a named site, described on a fresh {@link SiteSpec.Builder}.
         *
         * @param name the site's name: 1 to 32 lower-case letters, digits and hyphens, such as {@code blog}
         * @param site sets the site's values, such as {@code s -> s.domain(d -> d.name("blog.example.org"))}
         * @return this builder
         */
        public Builder site(String name, Consumer<SiteSpec.Builder> site) {
            SiteSpec.Builder builder = SiteSpec.builder();
            site.accept(builder);
            return site(name, builder.build());
        }

        /**
         * Replaces the sites with a copy of the given ones, keeping their order.
         *
         * @param sites the sites by name; {@code null} = none (the single-site form)
         * @return this builder
         */
        public Builder sites(Map<String, SiteSpec> sites) {
            this.sites.clear();
            if (sites != null) {
                this.sites.putAll(sites);
            }
            return this;
        }

        /**
         * The site that answers requests for a host no site names.
         *
         * @param defaultSite the name of one of the {@link #sites(Map) sites}; {@code null} = a fixed 404 response
         * @return this builder
         */
        public Builder defaultSite(String defaultSite) {
            this.defaultSite = defaultSite;
            return this;
        }

        /**
         * The certificate.
         *
         * @param certificate the certificate description; {@code null} = the default (a new ACM certificate)
         * @return this builder
         */
        public Builder certificate(CertificateSpec certificate) {
            this.certificate = certificate;
            return this;
        }

        /**
         * The certificate, described on a fresh {@link CertificateSpec.Builder}.
         *
         * @param certificate sets the certificate's values, such as {@code c -> c.arn("arn:aws:acm:...")}
         * @return this builder
         */
        public Builder certificate(Consumer<CertificateSpec.Builder> certificate) {
            CertificateSpec.Builder builder = CertificateSpec.builder();
            certificate.accept(builder);
            return certificate(builder.build());
        }

        /**
         * The instances that serve the application (required).
         *
         * @param targets the targets description
         * @return this builder
         */
        public Builder targets(TargetsSpec targets) {
            this.targets = targets;
            return this;
        }

        /**
         * The instances that serve the application (required), described on a fresh {@link TargetsSpec.Builder}.
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
         * The load balancer.
         *
         * @param loadBalancer the load balancer description; {@code null} = the default
         * @return this builder
         */
        public Builder loadBalancer(LoadBalancerSpec loadBalancer) {
            this.loadBalancer = loadBalancer;
            return this;
        }

        /**
         * The load balancer, described on a fresh {@link LoadBalancerSpec.Builder}.
         *
         * @param loadBalancer sets the load balancer's values, such as {@code lb -> lb.ipAddressType(DUALSTACK)}
         * @return this builder
         */
        public Builder loadBalancer(Consumer<LoadBalancerSpec.Builder> loadBalancer) {
            LoadBalancerSpec.Builder builder = LoadBalancerSpec.builder();
            loadBalancer.accept(builder);
            return loadBalancer(builder.build());
        }

        /**
         * The HTTPS listener.
         *
         * @param httpsListener the listener description; {@code null} = the default
         * @return this builder
         */
        public Builder httpsListener(HttpsListenerSpec httpsListener) {
            this.httpsListener = httpsListener;
            return this;
        }

        /**
         * The HTTPS listener, described on a fresh {@link HttpsListenerSpec.Builder}.
         *
         * @param httpsListener sets the listener's values, such as {@code l -> l.port(8443)}
         * @return this builder
         */
        public Builder httpsListener(Consumer<HttpsListenerSpec.Builder> httpsListener) {
            HttpsListenerSpec.Builder builder = HttpsListenerSpec.builder();
            httpsListener.accept(builder);
            return httpsListener(builder.build());
        }

        /**
         * The plain-HTTP listener.
         *
         * @param httpListener the listener description; {@code null} = the default
         * @return this builder
         */
        public Builder httpListener(HttpListenerSpec httpListener) {
            this.httpListener = httpListener;
            return this;
        }

        /**
         * The plain-HTTP listener, described on a fresh {@link HttpListenerSpec.Builder}.
         *
         * @param httpListener sets the listener's values, such as {@code l -> l.port(8080)}
         * @return this builder
         */
        public Builder httpListener(Consumer<HttpListenerSpec.Builder> httpListener) {
            HttpListenerSpec.Builder builder = HttpListenerSpec.builder();
            httpListener.accept(builder);
            return httpListener(builder.build());
        }

        /**
         * Sets only what the plain-HTTP listener does, keeping its port.
         *
         * @param action {@link HttpAction#REDIRECT}, {@link HttpAction#FORWARD} or {@link HttpAction#NONE};
         *               {@code null} = the default
         * @return this builder
         */
        public Builder httpListener(HttpAction action) {
            HttpListenerSpec current = httpListener != null
                    ? httpListener
                    : HttpListenerSpec.builder().build();
            return httpListener(current.toBuilder().action(action).build());
        }

        /**
         * The alias records.
         *
         * @param records the records description; {@code null} = the default
         * @return this builder
         */
        public Builder records(RecordsSpec records) {
            this.records = records;
            return this;
        }

        /**
         * The alias records, described on a fresh {@link RecordsSpec.Builder}.
         *
         * @param records sets the records' values, such as {@code r -> r.enabled(false)}
         * @return this builder
         */
        public Builder records(Consumer<RecordsSpec.Builder> records) {
            RecordsSpec.Builder builder = RecordsSpec.builder();
            records.accept(builder);
            return records(builder.build());
        }

        /**
         * Replaces the tags with a copy of the given ones, keeping their order.
         *
         * @param tags tag keys and values, such as {@code Map.of("team", "web")}; {@code null} = none
         * @return this builder
         */
        public Builder tags(Map<String, String> tags) {
            this.tags.clear();
            if (tags != null) {
                this.tags.putAll(tags);
            }
            return this;
        }

        /**
         * Adds (or replaces) one tag.
         *
         * @param key   the tag key, such as {@code team}; not starting with {@code aws:} or {@code https-setup:}
         * @param value the tag value, such as {@code web}
         * @return this builder
         */
        public Builder addTag(String key, String value) {
            this.tags.put(key, value);
            return this;
        }

        /**
         * Whether to take over resources that exist with the expected names but are not owned by the stack (default
         * {@value HttpsSetup#DEFAULT_ADOPT}).
         *
         * @param adopt {@code true} to adopt them
         * @return this builder
         */
        public Builder adopt(boolean adopt) {
            this.adopt = adopt;
            return this;
        }

        /**
         * How long to wait for AWS to reach an expected state (default {@link HttpsSetup#DEFAULT_WAIT_TIMEOUT},
         * 15 minutes).
         *
         * @param waitTimeout 1 second to 2 hours; {@code null} = the default
         * @return this builder
         */
        public Builder waitTimeout(Duration waitTimeout) {
            this.waitTimeout = waitTimeout;
            return this;
        }

        /**
         * Checks the whole description and builds it.
         *
         * @return the valid description
         * @throws InvalidSpecException with every problem found, in property order, when the description is invalid
         */
        public HttpsSetup build() {
            HttpsSetup setup = new HttpsSetup(this);
            List<Violation> violations = SpecValidator.validate(setup);
            if (!violations.isEmpty()) {
                throw new InvalidSpecException(violations);
            }
            return setup;
        }
    }
}
