package io.github.httpssetup.core;

/** The kind of registrant of a domain, as Route 53 Domains names it. */
public enum ContactType {
    /** A natural person (the default). */
    PERSON,
    /** A company. */
    COMPANY,
    /** An association. */
    ASSOCIATION,
    /** A public body. */
    PUBLIC_BODY,
    /** A reseller. */
    RESELLER
}
