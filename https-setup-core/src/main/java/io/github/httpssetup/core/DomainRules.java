package io.github.httpssetup.core;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules of {@code domain}: its names, its hosted zone and its registration with the registrant's contact. */
final class DomainRules extends Rules {
    /** ACM covers at most 100 names per certificate, the domain name included. */
    private static final int MAX_ALTERNATIVE_NAMES = 99;

    private static final Pattern HOSTED_ZONE_ID = Pattern.compile("[A-Z0-9]{1,32}");
    /** An IAM role's ARN, in any partition. */
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

    private static final Pattern PHONE = Pattern.compile("\\+\\d{1,3}\\.\\d{4,15}");
    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Z]{2}");
    private static final Pattern TWO_LETTERS = Pattern.compile("[A-Za-z]{2}");

    DomainRules(List<Violation> violations) {
        super(violations);
    }

    /** Checks {@code domain}, reporting it as required when it is {@code null}. */
    void check(DomainSpec domain) {
        if (domain == null) {
            add("domain", "is required; set at least its name, such as \"example.com\"");
            return;
        }
        HostedZoneSpec zone = domain.hostedZone();
        String zoneName = zone.name()
                .filter(name -> DomainNames.problem(name, "hosted zone name", false) == null)
                .orElse(null);

        String name = domain.name();
        if (isBlank(name)) {
            add("domain.name", "is required; set it to the domain to serve, such as \"example.com\"");
        } else if (name.startsWith("*.")) {
            add(
                    "domain.name",
                    quote(name) + " is a wildcard, which the domain name cannot be: set name to "
                            + quote(name.substring(2)) + " and put " + quote(name) + " in alternativeNames");
        } else {
            String problem = DomainNames.problem(name, "domain name", false);
            if (problem != null) {
                add("domain.name", problem);
            } else if (zoneName != null && !DomainNames.inZone(name, zoneName)) {
                add("domain.name", DomainNames.notInZone(name, zoneName));
            }
        }

        List<String> alternativeNames = domain.alternativeNames();
        if (alternativeNames.size() > MAX_ALTERNATIVE_NAMES) {
            add(
                    "domain.alternativeNames",
                    "has " + alternativeNames.size() + " names; at most "
                            + MAX_ALTERNATIVE_NAMES
                            + " are allowed, as an ACM certificate covers at most 100 names with the"
                            + " domain name");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < alternativeNames.size(); i++) {
            String path = "domain.alternativeNames[" + i + "]";
            String alternativeName = alternativeNames.get(i);
            if (isBlank(alternativeName)) {
                add(path, "is empty; give a name such as \"www.example.com\", or remove the entry");
                continue;
            }
            String problem = DomainNames.problem(alternativeName, "domain name", true);
            if (problem != null) {
                add(path, problem);
            } else if (alternativeName.equals(name)) {
                add(path, quote(alternativeName) + " is already the domain name; remove it from alternativeNames");
            } else if (seen.containsKey(alternativeName)) {
                add(path, alreadyListed(alternativeName, "domain.alternativeNames", seen.get(alternativeName)));
            } else {
                seen.put(alternativeName, i);
                if (zoneName != null && !DomainNames.inZone(alternativeName, zoneName)) {
                    add(path, DomainNames.notInZone(alternativeName, zoneName));
                }
            }
        }

        checkHostedZone(zone);
        domain.registration().ifPresent(registration -> checkRegistration(registration, domain));
    }

    private void checkHostedZone(HostedZoneSpec zone) {
        zone.id().ifPresent(id -> {
            if (!HOSTED_ZONE_ID.matcher(id).matches()) {
                add(
                        "domain.hostedZone.id",
                        quote(id) + " is not a hosted zone id: use the id Route 53 shows for the"
                                + " zone, such as \"Z0123456789ABCDEFGHIJ\"");
            }
        });
        zone.name().ifPresent(name -> {
            String problem = DomainNames.problem(name, "hosted zone name", false);
            if (problem != null) {
                add("domain.hostedZone.name", problem);
            }
        });
        zone.roleArn().ifPresent(arn -> {
            if (!ROLE_ARN.matcher(arn).matches()) {
                add(
                        "domain.hostedZone.roleArn",
                        quote(arn) + " is not an IAM role's ARN: use one such as"
                                + " \"arn:aws:iam::222233334444:role/dns\"");
            }
        });
        if (zone.id().isPresent() && zone.create()) {
            add(
                    "domain.hostedZone.create",
                    "cannot be true when id is given: remove create to use the existing zone "
                            + quote(zone.id().get()) + ", or remove id to create a new zone");
        }
    }

    private void checkRegistration(RegistrationSpec registration, DomainSpec domain) {
        // hostedZone.id is allowed: registration then still makes a zone of its own, and the domain is delegated to
        // the given one.
        String registered = domain.hostedZone().name().orElse(domain.name());
        if (!isBlank(registered) && DomainNames.problem(registered, "domain name", false) == null) {
            String root = DomainNames.registrableDomain(registered);
            if (root == null) {
                add(
                        "domain.registration",
                        quote(registered) + " is a public suffix (like \"com\" or \"co.uk\"),"
                                + " which cannot be registered: register a name directly below it, such as "
                                + quote("example." + registered));
            } else if (!root.equals(registered)) {
                add(
                        "domain.registration",
                        quote(registered) + " is not a registrable domain: Route 53 Domains"
                                + " registers " + quote(root) + ", whose sub-domains then need no registration. Set"
                                + " domain.hostedZone.name to " + quote(root)
                                + " to register it (the certificate still covers "
                                + quote(domain.name()) + "), or remove registration if " + quote(root)
                                + " is already registered");
            }
        }
        checkContact(registration.contact());
        int years = registration.durationInYears();
        if (!Limits.REGISTRATION_YEARS.contains(years)) {
            add(
                    "domain.registration.durationInYears",
                    years + " is out of range (" + Limits.REGISTRATION_YEARS.text() + " years)");
        }
    }

    private void checkContact(ContactSpec contact) {
        String path = "domain.registration.contact";
        if (contact == null) {
            add(
                    path,
                    "is required; registering a domain needs the registrant's name, address, email and phone"
                            + " number");
            return;
        }
        requireForRegistration(path + ".firstName", contact.firstName());
        requireForRegistration(path + ".lastName", contact.lastName());
        if (requireForRegistration(path + ".email", contact.email()) && !isEmailAddress(contact.email())) {
            add(
                    path + ".email",
                    quote(contact.email()) + " is not an email address: use one such as" + " \"admin@example.com\"");
        }
        if (requireForRegistration(path + ".phoneNumber", contact.phoneNumber())
                && !PHONE.matcher(contact.phoneNumber()).matches()) {
            add(
                    path + ".phoneNumber",
                    quote(contact.phoneNumber()) + " is not a phone number as Route 53 Domains"
                            + " takes it: use \"+\", the country code, a dot and the number, digits only, such as"
                            + " \"+1.2065550100\"");
        }
        requireForRegistration(path + ".addressLine1", contact.addressLine1());
        requireForRegistration(path + ".city", contact.city());
        String countryCode = contact.countryCode();
        if (requireForRegistration(path + ".countryCode", countryCode)
                && !COUNTRY_CODE.matcher(countryCode).matches()) {
            String example = TWO_LETTERS.matcher(countryCode).matches() ? countryCode.toUpperCase(Locale.ROOT) : "US";
            add(
                    path + ".countryCode",
                    quote(countryCode) + " is not a country code: use the two upper-case letters"
                            + " of ISO 3166, such as " + quote(example));
        }
        requireForRegistration(path + ".zipCode", contact.zipCode());
    }

    private boolean requireForRegistration(String path, String value) {
        if (isBlank(value)) {
            add(path, "is required to register the domain");
            return false;
        }
        return true;
    }

    private static boolean isEmailAddress(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@') || email.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        String domainPart = email.substring(at + 1);
        int dot = domainPart.indexOf('.');
        return dot > 0 && !domainPart.endsWith(".");
    }
}
