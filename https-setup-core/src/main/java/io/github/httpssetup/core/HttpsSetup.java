package io.github.httpssetup.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
     * Every name served: the domain name followed by the alternative names, normalized (lower case, no trailing dot).
     *
     * @return the names, unmodifiable
     */
    public List<String> allNames() {
        List<String> names = new ArrayList<>(1 + domain.alternativeNames().size());
        names.add(domain.name());
        names.addAll(domain.alternativeNames());
        return Collections.unmodifiableList(names);
    }

    /**
     * The address of the application: {@code https://} and the domain name, with the port when the HTTPS listener is
     * not on 443, such as {@code https://example.com} or {@code https://example.com:8443}.
     *
     * @return the HTTPS URL
     */
    public String url() {
        int port = httpsListener.port();
        return "https://" + domain.name() + (port == STANDARD_HTTPS_PORT ? "" : ":" + port);
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
                && waitTimeout.equals(other.waitTimeout);
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
                waitTimeout);
    }

    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", "HttpsSetup(", ")")
                .add("stack=" + stack)
                .add("region=" + region)
                .add("domain=" + domain)
                .add("certificate=" + certificate)
                .add("targets=" + targets)
                .add("loadBalancer=" + loadBalancer)
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
