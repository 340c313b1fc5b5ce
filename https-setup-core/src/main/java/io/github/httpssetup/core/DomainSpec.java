package io.github.httpssetup.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * The names to serve: the domain name, its alternative names (all on one certificate, all aliased to the load
 * balancer), the hosted zone that holds them and, optionally, the registration of the domain.
 *
 * <p>Names are normalized as they are stored: trimmed, lower-cased, and one trailing dot removed, since Route 53
 * writes {@code example.com.} for {@code example.com}.
 *
 * <pre>{@code
 * DomainSpec domain = DomainSpec.builder()
 *     .name("example.com")
 *     .alternativeNames("www.example.com", "*.api.example.com")
 *     .hostedZone(z -> z.id("Z0123456789ABCDEFGHIJ"))
 *     .build();
 * }</pre>
 */
public final class DomainSpec {
    private final String name;
    private final List<String> alternativeNames;
    private final HostedZoneSpec hostedZone;
    private final RegistrationSpec registration;

    private DomainSpec(Builder builder) {
        this.name = builder.name == null ? null : normalizeName(builder.name);
        List<String> names = new ArrayList<>(builder.alternativeNames.size());
        for (String alternativeName : builder.alternativeNames) {
            names.add(alternativeName == null ? null : normalizeName(alternativeName));
        }
        this.alternativeNames = Collections.unmodifiableList(names);
        this.hostedZone = Objects.requireNonNullElseGet(
                builder.hostedZone, () -> HostedZoneSpec.builder().build());
        this.registration = builder.registration;
    }

    /** {@return a builder with no name, no alternative names, the default hosted zone and no registration} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this domain's values} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The domain name, such as {@code example.com}: the certificate's subject and the first alias record. Required;
     * {@code null} only in a description that has not been part of a built {@link HttpsSetup}.
     *
     * @return the normalized domain name
     */
    public String name() {
        return name;
    }

    /**
     * The other names the certificate covers and the alias records point to the load balancer, such as
     * {@code www.example.com} or {@code *.example.com}, normalized like {@link #name()}. Empty by default.
     *
     * @return the alternative names in the given order, unmodifiable
     */
    public List<String> alternativeNames() {
        return alternativeNames;
    }

    /**
     * The hosted zone holding the names; by default the closest enclosing public zone of {@link #name()}, which must
     * already exist.
     *
     * @return the hosted zone description
     */
    public HostedZoneSpec hostedZone() {
        return hostedZone;
    }

    /**
     * The registration of the domain through Route 53 Domains, which costs money. Empty (the default) = the domain is
     * already registered, here or elsewhere.
     *
     * @return the registration, if asked for
     */
    public Optional<RegistrationSpec> registration() {
        return Optional.ofNullable(registration);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DomainSpec)) {
            return false;
        }
        DomainSpec other = (DomainSpec) o;
        return Objects.equals(name, other.name)
                && alternativeNames.equals(other.alternativeNames)
                && hostedZone.equals(other.hostedZone)
                && Objects.equals(registration, other.registration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, alternativeNames, hostedZone, registration);
    }

    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", "DomainSpec(", ")").add("name=" + name);
        if (!alternativeNames.isEmpty()) {
            s.add("alternativeNames=" + alternativeNames);
        }
        s.add("hostedZone=" + hostedZone);
        if (registration != null) {
            s.add("registration=" + registration);
        }
        return s.toString();
    }

    /** Trims, lower-cases and removes one trailing dot: {@code " Example.COM. "} becomes {@code "example.com"}. */
    static String normalizeName(String name) {
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        return normalized.endsWith(".") ? normalized.substring(0, normalized.length() - 1) : normalized;
    }

    /**
     * Builds a {@link DomainSpec}; never throws for bad values: {@link HttpsSetup.Builder#build()} reports them.
     */
    public static final class Builder {
        private String name;
        private final List<String> alternativeNames = new ArrayList<>();
        private HostedZoneSpec hostedZone;
        private RegistrationSpec registration;

        private Builder() {}

        private Builder(DomainSpec domain) {
            this.name = domain.name;
            this.alternativeNames.addAll(domain.alternativeNames);
            this.hostedZone = domain.hostedZone;
            this.registration = domain.registration;
        }

        /**
         * The domain name; trimmed, lower-cased, one trailing dot removed. Internationalized names are given in
         * punycode ({@code xn--...}); wildcards belong in the alternative names.
         *
         * @param name the domain name, such as {@code example.com}
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Replaces the alternative names.
         *
         * @param alternativeNames names such as {@code www.example.com} or {@code *.example.com}; {@code null} = none
         * @return this builder
         */
        public Builder alternativeNames(String... alternativeNames) {
            return alternativeNames(alternativeNames == null ? null : Arrays.asList(alternativeNames));
        }

        /**
         * Replaces the alternative names with a copy of the given ones.
         *
         * @param alternativeNames names such as {@code www.example.com} or {@code *.example.com}; {@code null} = none
         * @return this builder
         */
        public Builder alternativeNames(Collection<String> alternativeNames) {
            this.alternativeNames.clear();
            if (alternativeNames != null) {
                this.alternativeNames.addAll(alternativeNames);
            }
            return this;
        }

        /**
         * Appends one alternative name.
         *
         * @param alternativeName a name such as {@code www.example.com}
         * @return this builder
         */
        public Builder addAlternativeName(String alternativeName) {
            this.alternativeNames.add(alternativeName);
            return this;
        }

        /**
         * The hosted zone holding the names.
         *
         * @param hostedZone the zone; {@code null} = the default (closest enclosing existing public zone)
         * @return this builder
         */
        public Builder hostedZone(HostedZoneSpec hostedZone) {
            this.hostedZone = hostedZone;
            return this;
        }

        /**
         * The hosted zone holding the names, described on a fresh {@link HostedZoneSpec.Builder}.
         *
         * @param hostedZone sets the zone's values, such as {@code z -> z.create(true)}
         * @return this builder
         */
        public Builder hostedZone(Consumer<HostedZoneSpec.Builder> hostedZone) {
            HostedZoneSpec.Builder builder = HostedZoneSpec.builder();
            hostedZone.accept(builder);
            return hostedZone(builder.build());
        }

        /**
         * Registers the domain through Route 53 Domains (this costs money and is not undone by {@code destroy}).
         *
         * @param registration the registration; {@code null} = the domain is already registered
         * @return this builder
         */
        public Builder registration(RegistrationSpec registration) {
            this.registration = registration;
            return this;
        }

        /**
         * Registers the domain through Route 53 Domains, described on a fresh {@link RegistrationSpec.Builder}.
         *
         * @param registration sets the registration's values, such as {@code r -> r.contact(c -> c.firstName("Ada"))}
         * @return this builder
         */
        public Builder registration(Consumer<RegistrationSpec.Builder> registration) {
            RegistrationSpec.Builder builder = RegistrationSpec.builder();
            registration.accept(builder);
            return registration(builder.build());
        }

        /** {@return the domain description; checked when the enclosing {@link HttpsSetup} is built} */
        public DomainSpec build() {
            return new DomainSpec(this);
        }
    }
}
