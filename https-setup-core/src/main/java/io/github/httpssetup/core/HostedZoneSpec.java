package io.github.httpssetup.core;

import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The Route 53 public hosted zone that holds the domain's records. By default it is the closest enclosing public
 * zone of {@link DomainSpec#name()} that already exists; give its {@link #id()} when several zones share the name, or
 * set {@link #create()} to have it created.
 *
 * <pre>{@code
 * HostedZoneSpec zone = HostedZoneSpec.builder().id("Z0123456789ABCDEFGHIJ").build();
 * }</pre>
 */
public final class HostedZoneSpec {
    /** By default a missing zone is an error, not created: {@value}. */
    public static final boolean DEFAULT_CREATE = false;
    /** By default {@code destroy} keeps the zone: {@value}. */
    public static final boolean DEFAULT_DELETE_ON_DESTROY = false;

    private static final String ID_PREFIX = "/hostedzone/";

    private final String id;
    private final String name;
    private final boolean create;
    private final boolean deleteOnDestroy;
    private final String roleArn;

    private HostedZoneSpec(Builder builder) {
        this.id = normalizeId(builder.id);
        this.name = builder.name == null || builder.name.isBlank() ? null : DomainSpec.normalizeName(builder.name);
        this.create = builder.create;
        this.deleteOnDestroy = builder.deleteOnDestroy;
        this.roleArn = builder.roleArn == null || builder.roleArn.isBlank() ? null : builder.roleArn.trim();
    }

    /** {@return a builder with the defaults: no id, no name, {@code create} and {@code deleteOnDestroy} off} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this zone's values} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The zone's id, such as {@code Z0123456789ABCDEFGHIJ}, without the {@code /hostedzone/} prefix Route 53 sometimes
     * adds. Empty (the default) = find the zone by name.
     *
     * @return the zone id, if given
     */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /**
     * The zone's name, normalized like {@link DomainSpec#name()}. Empty (the default) = the closest enclosing public
     * zone of the domain name, or the domain name itself when the zone is created.
     *
     * @return the zone name, if given
     */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * Whether to create the zone when it does not exist (default {@value #DEFAULT_CREATE}). Creating a zone costs a
     * monthly fee, and the domain's registrar must then delegate to the new zone's name servers.
     *
     * @return {@code true} when a missing zone is created
     */
    public boolean create() {
        return create;
    }

    /**
     * Whether {@code destroy} also deletes the zone, when the stack created it (default
     * {@value #DEFAULT_DELETE_ON_DESTROY}).
     *
     * @return {@code true} when {@code destroy} deletes an owned zone
     */
    public boolean deleteOnDestroy() {
        return deleteOnDestroy;
    }

    /**
     * The IAM role to assume ({@code sts:AssumeRole}) for every Route 53 call on this zone, when the zone is in
     * another AWS account, such as {@code arn:aws:iam::222233334444:role/dns}. Empty (the default) = the zone is
     * reached with the executor's own credentials.
     *
     * @return the role's ARN, if given
     */
    public Optional<String> roleArn() {
        return Optional.ofNullable(roleArn);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HostedZoneSpec)) {
            return false;
        }
        HostedZoneSpec other = (HostedZoneSpec) o;
        return create == other.create
                && deleteOnDestroy == other.deleteOnDestroy
                && Objects.equals(id, other.id)
                && Objects.equals(name, other.name)
                && Objects.equals(roleArn, other.roleArn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, create, deleteOnDestroy, roleArn);
    }

    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", "HostedZoneSpec(", ")");
        if (id != null) {
            s.add("id=" + id);
        }
        if (name != null) {
            s.add("name=" + name);
        }
        if (roleArn != null) {
            s.add("roleArn=" + roleArn);
        }
        return s.add("create=" + create)
                .add("deleteOnDestroy=" + deleteOnDestroy)
                .toString();
    }

    private static String normalizeId(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        String trimmed = id.trim();
        return trimmed.startsWith(ID_PREFIX) ? trimmed.substring(ID_PREFIX.length()) : trimmed;
    }

    /**
     * Builds a {@link HostedZoneSpec}; never throws for bad values: {@link HttpsSetup.Builder#build()} reports them.
     */
    public static final class Builder {
        private String id;
        private String name;
        private boolean create = DEFAULT_CREATE;
        private boolean deleteOnDestroy = DEFAULT_DELETE_ON_DESTROY;
        private String roleArn;

        private Builder() {}

        private Builder(HostedZoneSpec zone) {
            this.id = zone.id;
            this.name = zone.name;
            this.create = zone.create;
            this.deleteOnDestroy = zone.deleteOnDestroy;
            this.roleArn = zone.roleArn;
        }

        /**
         * Uses the zone with this id; a {@code /hostedzone/} prefix is removed.
         *
         * @param id the zone id, such as {@code Z0123456789ABCDEFGHIJ}; {@code null} or blank = find it by name
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * The zone's name; trimmed, lower-cased, one trailing dot removed.
         *
         * @param name the zone name, such as {@code example.com}; {@code null} or blank = derived from the domain name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Whether to create the zone when it does not exist (default {@value HostedZoneSpec#DEFAULT_CREATE}).
         *
         * @param create {@code true} to create a missing zone
         * @return this builder
         */
        public Builder create(boolean create) {
            this.create = create;
            return this;
        }

        /**
         * Whether {@code destroy} deletes the zone when the stack created it (default
         * {@value HostedZoneSpec#DEFAULT_DELETE_ON_DESTROY}).
         *
         * @param deleteOnDestroy {@code true} to delete an owned zone on {@code destroy}
         * @return this builder
         */
        public Builder deleteOnDestroy(boolean deleteOnDestroy) {
            this.deleteOnDestroy = deleteOnDestroy;
            return this;
        }

        /**
         * Reaches the zone through this IAM role, assumed with {@code sts:AssumeRole}, for DNS in another account.
         *
         * @param roleArn the role's ARN, such as {@code arn:aws:iam::222233334444:role/dns}; {@code null} or blank =
         *                the executor's own credentials
         * @return this builder
         */
        public Builder roleArn(String roleArn) {
            this.roleArn = roleArn;
            return this;
        }

        /** {@return the zone description; checked when the enclosing {@link HttpsSetup} is built} */
        public HostedZoneSpec build() {
            return new HostedZoneSpec(this);
        }
    }
}
