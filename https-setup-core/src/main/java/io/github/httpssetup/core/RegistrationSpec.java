package io.github.httpssetup.core;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Registration of the domain through Route 53 Domains: an explicit opt-in, because it costs money and cannot be
 * undone. Registration creates the domain's hosted zone itself, which is then used.
 *
 * <pre>{@code
 * RegistrationSpec registration = RegistrationSpec.builder()
 *     .contact(c -> c.firstName("Ada").lastName("Lovelace").email("ada@example.com").phoneNumber("+1.2065550100")
 *         .addressLine1("1 Main St").city("Seattle").state("WA").countryCode("US").zipCode("98101"))
 *     .durationInYears(2)
 *     .build();
 * }</pre>
 */
public final class RegistrationSpec {
    /** By default the domain is registered for {@value} year. */
    public static final int DEFAULT_DURATION_IN_YEARS = 1;
    /** By default the registration renews itself: {@value}. */
    public static final boolean DEFAULT_AUTO_RENEW = true;
    /** By default the contact details are hidden from the public WHOIS: {@value}. */
    public static final boolean DEFAULT_PRIVACY_PROTECTION = true;

    private final ContactSpec contact;
    private final int durationInYears;
    private final boolean autoRenew;
    private final boolean privacyProtection;

    private RegistrationSpec(Builder builder) {
        this.contact = builder.contact;
        this.durationInYears = builder.durationInYears;
        this.autoRenew = builder.autoRenew;
        this.privacyProtection = builder.privacyProtection;
    }

    /** {@return a builder with no contact and the default period, renewal and privacy} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this registration's values} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The registrant, also used as the administrative and technical contact. Required; {@code null} only in a
     * description that has not been part of a built {@link HttpsSetup}.
     *
     * @return the contact
     */
    public ContactSpec contact() {
        return contact;
    }

    /**
     * How long to register the domain for, 1 to 10 years (default {@value #DEFAULT_DURATION_IN_YEARS}).
     *
     * @return the registration period in years
     */
    public int durationInYears() {
        return durationInYears;
    }

    /**
     * Whether the registration renews itself before it expires (default {@value #DEFAULT_AUTO_RENEW}).
     *
     * @return {@code true} when the domain renews automatically
     */
    public boolean autoRenew() {
        return autoRenew;
    }

    /**
     * Whether the contact details are hidden from the public WHOIS (default {@value #DEFAULT_PRIVACY_PROTECTION}).
     *
     * @return {@code true} when privacy protection is on
     */
    public boolean privacyProtection() {
        return privacyProtection;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RegistrationSpec)) {
            return false;
        }
        RegistrationSpec other = (RegistrationSpec) o;
        return durationInYears == other.durationInYears
                && autoRenew == other.autoRenew
                && privacyProtection == other.privacyProtection
                && Objects.equals(contact, other.contact);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contact, durationInYears, autoRenew, privacyProtection);
    }

    @Override
    public String toString() {
        return "RegistrationSpec(contact=" + contact + ", durationInYears=" + durationInYears + ", autoRenew="
                + autoRenew + ", privacyProtection=" + privacyProtection + ")";
    }

    /**
     * Builds a {@link RegistrationSpec}; never throws for bad values: {@link HttpsSetup.Builder#build()} reports them.
     */
    public static final class Builder {
        private ContactSpec contact;
        private int durationInYears = DEFAULT_DURATION_IN_YEARS;
        private boolean autoRenew = DEFAULT_AUTO_RENEW;
        private boolean privacyProtection = DEFAULT_PRIVACY_PROTECTION;

        private Builder() {}

        private Builder(RegistrationSpec registration) {
            this.contact = registration.contact;
            this.durationInYears = registration.durationInYears;
            this.autoRenew = registration.autoRenew;
            this.privacyProtection = registration.privacyProtection;
        }

        /**
         * The registrant (required).
         *
         * @param contact the contact
         * @return this builder
         */
        public Builder contact(ContactSpec contact) {
            this.contact = contact;
            return this;
        }

        /**
         * The registrant (required), described on a fresh {@link ContactSpec.Builder}.
         *
         * @param contact sets the contact's values, such as {@code c -> c.firstName("Ada").lastName("Lovelace")}
         * @return this builder
         */
        public Builder contact(Consumer<ContactSpec.Builder> contact) {
            ContactSpec.Builder builder = ContactSpec.builder();
            contact.accept(builder);
            return contact(builder.build());
        }

        /**
         * How long to register the domain for (default {@value RegistrationSpec#DEFAULT_DURATION_IN_YEARS}).
         *
         * @param durationInYears 1 to 10
         * @return this builder
         */
        public Builder durationInYears(int durationInYears) {
            this.durationInYears = durationInYears;
            return this;
        }

        /**
         * Whether the registration renews itself (default {@value RegistrationSpec#DEFAULT_AUTO_RENEW}).
         *
         * @param autoRenew {@code true} to renew automatically
         * @return this builder
         */
        public Builder autoRenew(boolean autoRenew) {
            this.autoRenew = autoRenew;
            return this;
        }

        /**
         * Whether to hide the contact details from the public WHOIS (default
         * {@value RegistrationSpec#DEFAULT_PRIVACY_PROTECTION}).
         *
         * @param privacyProtection {@code true} to hide them
         * @return this builder
         */
        public Builder privacyProtection(boolean privacyProtection) {
            this.privacyProtection = privacyProtection;
            return this;
        }

        /** {@return the registration; checked when the enclosing {@link HttpsSetup} is built} */
        public RegistrationSpec build() {
            return new RegistrationSpec(this);
        }
    }
}
