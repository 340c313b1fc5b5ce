package io.github.httpssetup.core;

import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The registrant of a domain registered through Route 53 Domains; also used as its administrative and technical
 * contact. Required values are reported when the enclosing {@link HttpsSetup} is built; optional ones that are
 * {@code null} or blank are absent.
 *
 * <pre>{@code
 * ContactSpec contact = ContactSpec.builder()
 *     .firstName("Ada").lastName("Lovelace").email("ada@example.com").phoneNumber("+1.2065550100")
 *     .addressLine1("1 Main St").city("Seattle").state("WA").countryCode("US").zipCode("98101")
 *     .build();
 * }</pre>
 */
public final class ContactSpec {
    /** By default the registrant is a {@link ContactType#PERSON}. */
    public static final ContactType DEFAULT_CONTACT_TYPE = ContactType.PERSON;

    private final String firstName;
    private final String lastName;
    private final String organizationName;
    private final String email;
    private final String phoneNumber;
    private final String addressLine1;
    private final String addressLine2;
    private final String city;
    private final String state;
    private final String countryCode;
    private final String zipCode;
    private final ContactType contactType;

    private ContactSpec(Builder builder) {
        this.firstName = builder.firstName;
        this.lastName = builder.lastName;
        this.organizationName = blankToNull(builder.organizationName);
        this.email = builder.email;
        this.phoneNumber = builder.phoneNumber;
        this.addressLine1 = builder.addressLine1;
        this.addressLine2 = blankToNull(builder.addressLine2);
        this.city = builder.city;
        this.state = blankToNull(builder.state);
        this.countryCode = builder.countryCode;
        this.zipCode = builder.zipCode;
        this.contactType = Objects.requireNonNullElse(builder.contactType, DEFAULT_CONTACT_TYPE);
    }

    /** {@return a builder with no values and the default contact type} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this contact's values} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The contact's first name, such as {@code Ada}. Required.
     *
     * @return the value as given
     */
    public String firstName() {
        return firstName;
    }

    /**
     * The contact's last name, such as {@code Lovelace}. Required.
     *
     * @return the value as given
     */
    public String lastName() {
        return lastName;
    }

    /**
     * The organization's name, for contact types other than {@link ContactType#PERSON}, such as
     * {@code Example Ltd}. Optional.
     *
     * @return the value, if given
     */
    public Optional<String> organizationName() {
        return Optional.ofNullable(organizationName);
    }

    /**
     * The contact's email address, such as {@code ada@example.com}; Route 53 Domains sends the confirmation mail
     * there. Required.
     *
     * @return the value as given
     */
    public String email() {
        return email;
    }

    /**
     * The contact's phone number in Route 53's format: {@code +}, the country code, a dot and the number, such as
     * {@code +1.2065550100}. Required.
     *
     * @return the value as given
     */
    public String phoneNumber() {
        return phoneNumber;
    }

    /**
     * The first line of the postal address, such as {@code 1 Main St}. Required.
     *
     * @return the value as given
     */
    public String addressLine1() {
        return addressLine1;
    }

    /**
     * The second line of the postal address, such as {@code Suite 100}. Optional.
     *
     * @return the value, if given
     */
    public Optional<String> addressLine2() {
        return Optional.ofNullable(addressLine2);
    }

    /**
     * The city, such as {@code Seattle}. Required.
     *
     * @return the value as given
     */
    public String city() {
        return city;
    }

    /**
     * The state or province, such as {@code WA}. Optional.
     *
     * @return the value, if given
     */
    public Optional<String> state() {
        return Optional.ofNullable(state);
    }

    /**
     * The country, as an upper-case ISO 3166 alpha-2 code, such as {@code US}. Required.
     *
     * @return the value as given
     */
    public String countryCode() {
        return countryCode;
    }

    /**
     * The postal code, such as {@code 98101}. Required.
     *
     * @return the value as given
     */
    public String zipCode() {
        return zipCode;
    }

    /**
     * The kind of registrant (default {@link ContactType#PERSON}).
     *
     * @return the contact type
     */
    public ContactType contactType() {
        return contactType;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ContactSpec)) {
            return false;
        }
        ContactSpec other = (ContactSpec) o;
        return Objects.equals(firstName, other.firstName)
                && Objects.equals(lastName, other.lastName)
                && Objects.equals(organizationName, other.organizationName)
                && Objects.equals(email, other.email)
                && Objects.equals(phoneNumber, other.phoneNumber)
                && Objects.equals(addressLine1, other.addressLine1)
                && Objects.equals(addressLine2, other.addressLine2)
                && Objects.equals(city, other.city)
                && Objects.equals(state, other.state)
                && Objects.equals(countryCode, other.countryCode)
                && Objects.equals(zipCode, other.zipCode)
                && contactType == other.contactType;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                firstName,
                lastName,
                organizationName,
                email,
                phoneNumber,
                addressLine1,
                addressLine2,
                city,
                state,
                countryCode,
                zipCode,
                contactType);
    }

    /** Names the contact concisely: name, organization, email, country and type; the address and phone are left out. */
    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", "ContactSpec(", ")")
                .add("firstName=" + firstName)
                .add("lastName=" + lastName);
        if (organizationName != null) {
            s.add("organizationName=" + organizationName);
        }
        return s.add("email=" + email)
                .add("countryCode=" + countryCode)
                .add("contactType=" + contactType)
                .toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * Builds a {@link ContactSpec}; never throws for bad values: {@link HttpsSetup.Builder#build()} reports them.
     */
    public static final class Builder {
        private String firstName;
        private String lastName;
        private String organizationName;
        private String email;
        private String phoneNumber;
        private String addressLine1;
        private String addressLine2;
        private String city;
        private String state;
        private String countryCode;
        private String zipCode;
        private ContactType contactType = DEFAULT_CONTACT_TYPE;

        private Builder() {}

        private Builder(ContactSpec contact) {
            this.firstName = contact.firstName;
            this.lastName = contact.lastName;
            this.organizationName = contact.organizationName;
            this.email = contact.email;
            this.phoneNumber = contact.phoneNumber;
            this.addressLine1 = contact.addressLine1;
            this.addressLine2 = contact.addressLine2;
            this.city = contact.city;
            this.state = contact.state;
            this.countryCode = contact.countryCode;
            this.zipCode = contact.zipCode;
            this.contactType = contact.contactType;
        }

        /**
         * The contact's first name (required).
         *
         * @param firstName such as {@code Ada}
         * @return this builder
         */
        public Builder firstName(String firstName) {
            this.firstName = firstName;
            return this;
        }

        /**
         * The contact's last name (required).
         *
         * @param lastName such as {@code Lovelace}
         * @return this builder
         */
        public Builder lastName(String lastName) {
            this.lastName = lastName;
            return this;
        }

        /**
         * The organization's name, for contact types other than {@link ContactType#PERSON} (optional).
         *
         * @param organizationName such as {@code Example Ltd}; {@code null} or blank = none
         * @return this builder
         */
        public Builder organizationName(String organizationName) {
            this.organizationName = organizationName;
            return this;
        }

        /**
         * The contact's email address; Route 53 Domains sends the confirmation mail there (required).
         *
         * @param email such as {@code ada@example.com}
         * @return this builder
         */
        public Builder email(String email) {
            this.email = email;
            return this;
        }

        /**
         * The contact's phone number in Route 53's format: {@code +}, the country code, a dot and the number
         * (required).
         *
         * @param phoneNumber such as {@code +1.2065550100}
         * @return this builder
         */
        public Builder phoneNumber(String phoneNumber) {
            this.phoneNumber = phoneNumber;
            return this;
        }

        /**
         * The first line of the postal address (required).
         *
         * @param addressLine1 such as {@code 1 Main St}
         * @return this builder
         */
        public Builder addressLine1(String addressLine1) {
            this.addressLine1 = addressLine1;
            return this;
        }

        /**
         * The second line of the postal address (optional).
         *
         * @param addressLine2 such as {@code Suite 100}; {@code null} or blank = none
         * @return this builder
         */
        public Builder addressLine2(String addressLine2) {
            this.addressLine2 = addressLine2;
            return this;
        }

        /**
         * The city (required).
         *
         * @param city such as {@code Seattle}
         * @return this builder
         */
        public Builder city(String city) {
            this.city = city;
            return this;
        }

        /**
         * The state or province (optional).
         *
         * @param state such as {@code WA}; {@code null} or blank = none
         * @return this builder
         */
        public Builder state(String state) {
            this.state = state;
            return this;
        }

        /**
         * The country, as an upper-case ISO 3166 alpha-2 code (required).
         *
         * @param countryCode such as {@code US}
         * @return this builder
         */
        public Builder countryCode(String countryCode) {
            this.countryCode = countryCode;
            return this;
        }

        /**
         * The postal code (required).
         *
         * @param zipCode such as {@code 98101}
         * @return this builder
         */
        public Builder zipCode(String zipCode) {
            this.zipCode = zipCode;
            return this;
        }

        /**
         * The kind of registrant (default {@link ContactType#PERSON}).
         *
         * @param contactType the contact type; {@code null} = the default
         * @return this builder
         */
        public Builder contactType(ContactType contactType) {
            this.contactType = contactType;
            return this;
        }

        /** {@return the contact; checked when the enclosing {@link HttpsSetup} is built} */
        public ContactSpec build() {
            return new ContactSpec(this);
        }
    }
}
