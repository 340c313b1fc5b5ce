package io.github.httpssetup.core;

import java.net.IDN;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every rule an {@link HttpsSetup} must follow, with AWS's real limits, checked before any AWS call. Collects all
 * problems, in property order, each with its YAML property path and a message that names the bad value, what is
 * allowed and how to fix it.
 */
final class SpecValidator {
    private static final Pattern STACK = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern HOSTED_ZONE_ID = Pattern.compile("[A-Z0-9]{1,32}");
    private static final Pattern PHONE = Pattern.compile("\\+\\d{1,3}\\.\\d{4,15}");
    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Z]{2}");
    private static final Pattern TWO_LETTERS = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern CERTIFICATE_ARN =
            Pattern.compile("arn:aws[a-z-]*:acm:([a-z0-9-]+):\\d{12}:certificate/[A-Za-z0-9-]+");
    private static final Pattern INSTANCE_ID = Pattern.compile("i-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern CODE_LIST = Pattern.compile("\\d{1,9}(,\\d{1,9})*");
    private static final Pattern CODE_RANGE = Pattern.compile("(\\d{1,9})-(\\d{1,9})");
    private static final Pattern LOAD_BALANCER_NAME = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?");
    private static final Pattern SUBNET_ID = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern SECURITY_GROUP_ID = Pattern.compile("sg-[0-9a-f]{8,17}");
    private static final Pattern SSL_POLICY = Pattern.compile("[A-Za-z0-9-]{1,128}");
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private static final int MAX_DOMAIN_NAME_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;
    /** ACM's limit on a certificate's first name (its common name). */
    private static final int MAX_COMMON_NAME_LENGTH = 64;
    /** ACM covers at most 100 names per certificate, the domain name included. */
    private static final int MAX_ALTERNATIVE_NAMES = 99;
    private static final int MAX_INSTANCES = 500;
    private static final int MAX_HEALTH_CHECK_PATH_LENGTH = 1024;
    private static final int MIN_HTTP_CODE = 200;
    private static final int MAX_HTTP_CODE = 499;
    private static final int MAX_LOAD_BALANCER_NAME_LENGTH = 32;
    private static final int MAX_SECURITY_GROUPS = 5;
    /** AWS allows 50 tags per resource; the stack adds its own. */
    private static final int MAX_TAGS = 40;
    private static final int MAX_TAG_KEY_LENGTH = 128;
    private static final int MAX_TAG_VALUE_LENGTH = 256;
    private static final int MAX_QUOTED_LENGTH = 64;

    private static final String EXAMPLE_INSTANCE_ID = "i-0abc1234def567890";
    private static final String TAG_CHARACTERS = "use letters, digits, spaces and _ . : / = + - @";

    private final List<Violation> violations = new ArrayList<>();

    private SpecValidator() {
    }

    /**
     * Checks a description against every rule.
     *
     * @param setup the description, possibly missing required parts
     * @return every problem found, in property order; empty when the description is valid
     */
    static List<Violation> validate(HttpsSetup setup) {
        SpecValidator validator = new SpecValidator();
        validator.check(setup);
        return List.copyOf(validator.violations);
    }

    private void check(HttpsSetup setup) {
        checkStack(setup.stack());
        boolean regionValid = checkRegion(setup.region());
        checkDomain(setup.domain());
        checkCertificate(setup.certificate(), regionValid ? setup.region() : null);
        checkCommonName(setup.domain(), setup.certificate());
        checkTargets(setup.targets());
        checkLoadBalancer(setup.loadBalancer());
        checkListeners(setup.httpsListener(), setup.httpListener());
        checkTags("tags", setup.tags(), true);
        checkDuration("waitTimeout", setup.waitTimeout(), Duration.ofSeconds(1), Duration.ofHours(2), "1s-2h", null,
                false);
    }

    private void checkStack(String stack) {
        if (isBlank(stack)) {
            add("stack", "is required; set it to a short name such as \"shop\"");
        } else if (!STACK.matcher(stack).matches()) {
            add("stack", quote(stack) + " is not a valid stack name: use 1-" + HttpsSetup.MAX_STACK_LENGTH
                    + " lower-case letters, digits and hyphens, starting and ending with a letter or digit");
        } else if (stack.length() > HttpsSetup.MAX_STACK_LENGTH) {
            add("stack", quote(stack) + " is too long (" + stack.length() + " characters): use at most "
                    + HttpsSetup.MAX_STACK_LENGTH + ", so that the load balancer and target group names derived from"
                    + " it stay within AWS's 32 characters");
        } else if (stack.startsWith("internal")) {
            add("stack", quote(stack) + " must not start with \"internal\": AWS reserves load balancer names that"
                    + " begin with \"internal-\"; choose another name");
        }
    }

    private boolean checkRegion(String region) {
        if (isBlank(region)) {
            add("region", "is required; set it to the region of the instances, such as \"us-east-1\"");
            return false;
        }
        if (!REGION.matcher(region).matches()) {
            add("region", quote(region) + " is not an AWS region code: use one such as \"us-east-1\" or"
                    + " \"ap-northeast-2\"");
            return false;
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------------- domain

    private void checkDomain(DomainSpec domain) {
        if (domain == null) {
            add("domain", "is required; set at least its name, such as \"example.com\"");
            return;
        }
        HostedZoneSpec zone = domain.hostedZone();
        String zoneName = zone.name().filter(name -> domainNameProblem(name, "hosted zone name", false) == null)
                .orElse(null);

        String name = domain.name();
        if (isBlank(name)) {
            add("domain.name", "is required; set it to the domain to serve, such as \"example.com\"");
        } else if (name.startsWith("*.")) {
            add("domain.name", quote(name) + " is a wildcard, which the domain name cannot be: set name to "
                    + quote(name.substring(2)) + " and put " + quote(name) + " in alternativeNames");
        } else {
            String problem = domainNameProblem(name, "domain name", false);
            if (problem != null) {
                add("domain.name", problem);
            } else if (zoneName != null && !inZone(name, zoneName)) {
                add("domain.name", notInZone(name, zoneName));
            }
        }

        List<String> alternativeNames = domain.alternativeNames();
        if (alternativeNames.size() > MAX_ALTERNATIVE_NAMES) {
            add("domain.alternativeNames", "has " + alternativeNames.size() + " names; at most "
                    + MAX_ALTERNATIVE_NAMES + " are allowed, as an ACM certificate covers at most 100 names with the"
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
            String problem = domainNameProblem(alternativeName, "domain name", true);
            if (problem != null) {
                add(path, problem);
            } else if (alternativeName.equals(name)) {
                add(path, quote(alternativeName) + " is already the domain name; remove it from alternativeNames");
            } else if (seen.containsKey(alternativeName)) {
                add(path, alreadyListed(alternativeName, "domain.alternativeNames", seen.get(alternativeName)));
            } else {
                seen.put(alternativeName, i);
                if (zoneName != null && !inZone(alternativeName, zoneName)) {
                    add(path, notInZone(alternativeName, zoneName));
                }
            }
        }

        checkHostedZone(zone);
        domain.registration().ifPresent(registration -> checkRegistration(registration, domain));
    }

    private void checkHostedZone(HostedZoneSpec zone) {
        zone.id().ifPresent(id -> {
            if (!HOSTED_ZONE_ID.matcher(id).matches()) {
                add("domain.hostedZone.id", quote(id) + " is not a hosted zone id: use the id Route 53 shows for the"
                        + " zone, such as \"Z0123456789ABCDEFGHIJ\"");
            }
        });
        zone.name().ifPresent(name -> {
            String problem = domainNameProblem(name, "hosted zone name", false);
            if (problem != null) {
                add("domain.hostedZone.name", problem);
            }
        });
        if (zone.id().isPresent() && zone.create()) {
            add("domain.hostedZone.create", "cannot be true when id is given: remove create to use the existing zone "
                    + quote(zone.id().get()) + ", or remove id to create a new zone");
        }
    }

    private void checkRegistration(RegistrationSpec registration, DomainSpec domain) {
        // hostedZone.id is allowed: registration then still makes a zone of its own, and the domain is delegated to
        // the given one.
        String registered = domain.hostedZone().name().orElse(domain.name());
        if (!isBlank(registered) && domainNameProblem(registered, "domain name", false) == null) {
            String root = registrableDomain(registered);
            if (root == null) {
                add("domain.registration", quote(registered) + " is a public suffix (like \"com\" or \"co.uk\"),"
                        + " which cannot be registered: register a name directly below it, such as "
                        + quote("example." + registered));
            } else if (!root.equals(registered)) {
                add("domain.registration", quote(registered) + " is not a registrable domain: Route 53 Domains"
                        + " registers " + quote(root) + ", whose sub-domains then need no registration. Set"
                        + " domain.hostedZone.name to " + quote(root) + " to register it (the certificate still covers "
                        + quote(domain.name()) + "), or remove registration if " + quote(root) + " is already registered");
            }
        }
        checkContact(registration.contact());
        int years = registration.durationInYears();
        if (years < 1 || years > 10) {
            add("domain.registration.durationInYears", years + " is out of range (1-10 years)");
        }
    }

    private void checkContact(ContactSpec contact) {
        String path = "domain.registration.contact";
        if (contact == null) {
            add(path, "is required; registering a domain needs the registrant's name, address, email and phone"
                    + " number");
            return;
        }
        requireForRegistration(path + ".firstName", contact.firstName());
        requireForRegistration(path + ".lastName", contact.lastName());
        if (requireForRegistration(path + ".email", contact.email()) && !isEmailAddress(contact.email())) {
            add(path + ".email", quote(contact.email()) + " is not an email address: use one such as"
                    + " \"admin@example.com\"");
        }
        if (requireForRegistration(path + ".phoneNumber", contact.phoneNumber())
                && !PHONE.matcher(contact.phoneNumber()).matches()) {
            add(path + ".phoneNumber", quote(contact.phoneNumber()) + " is not a phone number as Route 53 Domains"
                    + " takes it: use \"+\", the country code, a dot and the number, digits only, such as"
                    + " \"+1.2065550100\"");
        }
        requireForRegistration(path + ".addressLine1", contact.addressLine1());
        requireForRegistration(path + ".city", contact.city());
        String countryCode = contact.countryCode();
        if (requireForRegistration(path + ".countryCode", countryCode)
                && !COUNTRY_CODE.matcher(countryCode).matches()) {
            String example = TWO_LETTERS.matcher(countryCode).matches() ? countryCode.toUpperCase(Locale.ROOT) : "US";
            add(path + ".countryCode", quote(countryCode) + " is not a country code: use the two upper-case letters"
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

    /**
     * What is wrong with a normalized domain name, or {@code null} when it is valid.
     *
     * @param name             the normalized name, not blank
     * @param what             what the name is, for the message: "domain name", "hosted zone name"
     * @param wildcardAllowed  whether the first label may be {@code *}
     */
    private static String domainNameProblem(String name, String what, boolean wildcardAllowed) {
        if (!name.chars().allMatch(c -> c < 0x80)) {
            return quote(name) + " is an internationalized name: use its punycode form " + punycode(name);
        }
        String invalid = quote(name) + " is not a valid " + what + ": ";
        if (name.length() > MAX_DOMAIN_NAME_LENGTH) {
            return invalid + "it is " + name.length() + " characters long; at most " + MAX_DOMAIN_NAME_LENGTH
                    + " are allowed";
        }
        String[] labels = name.split("\\.", -1);
        int first = wildcardAllowed && labels[0].equals("*") ? 1 : 0;
        for (int i = first; i < labels.length; i++) {
            if (labels[i].contains("*")) {
                return invalid + (wildcardAllowed
                        ? "\"*\" may only be the entire first label, as in \"*.example.com\""
                        : "it cannot contain a wildcard \"*\"");
            }
        }
        if (labels.length - first < 2) {
            return invalid + (first == 1
                    ? "\"*.\" must be followed by at least two labels, as in \"*.example.com\""
                    : "use at least two labels, such as \"example.com\"");
        }
        for (int i = first; i < labels.length; i++) {
            String label = labels[i];
            if (label.isEmpty()) {
                return invalid + "it has an empty label";
            }
            if (label.length() > MAX_LABEL_LENGTH) {
                return invalid + "label " + quote(label) + " is " + label.length() + " characters long; at most "
                        + MAX_LABEL_LENGTH + " are allowed";
            }
            if (!LABEL.matcher(label).matches()) {
                return invalid + "label " + quote(label) + " may only contain letters, digits and hyphens, and"
                        + " cannot start or end with a hyphen";
            }
        }
        String last = labels[labels.length - 1];
        if (DIGITS.matcher(last).matches()) {
            return invalid + "its last label " + quote(last) + " cannot be all digits";
        }
        return null;
    }

    private static String punycode(String name) {
        try {
            return quote(IDN.toASCII(name, IDN.ALLOW_UNASSIGNED));
        } catch (IllegalArgumentException e) {
            return "(xn--...)";
        }
    }

    /**
     * The registrable domain of {@code name} (one label below its public suffix, by the Public Suffix List that the
     * SDK's HTTP client bundles): {@code example.co.uk} for {@code app.example.co.uk}; {@code null} for a public suffix.
     */
    static String registrableDomain(String name) {
        String ascii;
        try {
            ascii = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return name;
        }
        String root = org.apache.http.conn.util.PublicSuffixMatcherLoader.getDefault()
                .getDomainRoot(ascii, org.apache.http.conn.util.DomainType.ICANN);
        if (root == null) {
            return null;
        }
        return ascii.equals(name) ? root : IDN.toUnicode(root, IDN.ALLOW_UNASSIGNED);
    }

    private static boolean inZone(String name, String zoneName) {
        return name.equals(zoneName) || name.endsWith("." + zoneName);
    }

    private static String notInZone(String name, String zoneName) {
        return quote(name) + " is not in the hosted zone " + quote(zoneName) + ": use a name ending in "
                + quote("." + zoneName) + ", or change domain.hostedZone.name";
    }

    // ----------------------------------------------------------------------------------------------- certificate

    private void checkCertificate(CertificateSpec certificate, String region) {
        Optional<String> arn = certificate.arn();
        if (arn.isPresent()) {
            Matcher matcher = CERTIFICATE_ARN.matcher(arn.get());
            if (!matcher.matches()) {
                add("certificate.arn", quote(arn.get()) + " is not an ACM certificate ARN: use one such as"
                        + " \"arn:aws:acm:" + (region != null ? region : "us-east-1")
                        + ":123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab\"");
            } else if (region != null && !matcher.group(1).equals(region)) {
                add("certificate.arn", "the certificate is in " + quote(matcher.group(1)) + ", not in the load"
                        + " balancer's region " + quote(region) + ": an ALB only uses certificates of its own region;"
                        + " give a certificate from " + region + ", or remove arn to have one requested");
            }
        } else if (!certificate.keyAlgorithm().requestable()) {
            add("certificate.keyAlgorithm", certificate.keyAlgorithm() + " cannot be requested from ACM: use"
                    + " RSA_2048, EC_PRIME256V1 or EC_SECP384R1, or import a certificate with this key and give its"
                    + " arn");
        }
        checkDuration("certificate.validationTimeout", certificate.validationTimeout(), Duration.ofSeconds(1),
                Duration.ofHours(72), "1s-72h", "ACM gives up a pending DNS validation after 72 hours", false);
    }

    /**
     * ACM puts the certificate's first name (domain.name) in its common name, which holds at most 64 characters
     * (RFC 5280's ub-common-name; ACM's RequestCertificate DomainName); alternative names may be up to 253.
     */
    private void checkCommonName(DomainSpec domain, CertificateSpec certificate) {
        if (domain == null || isBlank(domain.name()) || certificate.arn().isPresent()
                || domainNameProblem(domain.name(), "domain name", false) != null) {
            return; // a bad name is reported once, as such
        }
        String name = domain.name().endsWith(".") ? domain.name().substring(0, domain.name().length() - 1) : domain.name();
        try {
            name = IDN.toASCII(name);
        } catch (IllegalArgumentException e) {
            return; // reported as a bad domain name
        }
        if (name.length() > MAX_COMMON_NAME_LENGTH) {
            add("domain.name", "is " + name.length() + " characters long; ACM requests the certificate with domain.name as its"
                    + " first name (the common name), which holds at most " + MAX_COMMON_NAME_LENGTH + ". Names that long can"
                    + " only be alternative names, and https-setup always puts domain.name first: use a domain.name of at most "
                    + MAX_COMMON_NAME_LENGTH + " characters, or give certificate.arn of a certificate requested with a shorter"
                    + " first name and this one among its alternative names");
        }
    }

    // --------------------------------------------------------------------------------------------------- targets

    private void checkTargets(TargetsSpec targets) {
        if (targets == null) {
            add("targets", "is required; set instanceIds, such as [\"" + EXAMPLE_INSTANCE_ID + "\"], or"
                    + " instanceTags, such as {app: shop}");
            return;
        }
        List<String> instanceIds = targets.instanceIds();
        Map<String, String> instanceTags = targets.instanceTags();
        if (instanceIds.isEmpty() && instanceTags.isEmpty()) {
            add("targets", "has no instances: set instanceIds to name them, such as [\"" + EXAMPLE_INSTANCE_ID
                    + "\"], or instanceTags to select them by tag, such as {app: shop}");
        }
        if (instanceIds.size() > MAX_INSTANCES) {
            add("targets.instanceIds", "has " + instanceIds.size() + " instances; at most " + MAX_INSTANCES
                    + " are allowed");
        }
        checkIds("targets.instanceIds", instanceIds, INSTANCE_ID, "an EC2 instance id",
                "\"i-\" and 8 or 17 hexadecimal digits, such as \"" + EXAMPLE_INSTANCE_ID + "\"");
        if (!instanceTags.isEmpty()) {
            if (!instanceIds.isEmpty()) {
                add("targets.instanceTags", "cannot be combined with instanceIds: use instanceIds to name the"
                        + " instances, or instanceTags to select them by tag, not both");
            }
            checkTags("targets.instanceTags", instanceTags, false);
        }
        checkPort("targets.port", targets.port());
        checkHealthCheck(targets.healthCheck());
        checkDuration("targets.deregistrationDelay", targets.deregistrationDelay(), Duration.ZERO,
                Duration.ofSeconds(3600), "0s-3600s", null, true);
        targets.stickiness().ifPresent(stickiness -> checkDuration("targets.stickiness", stickiness,
                Duration.ofSeconds(1), Duration.ofDays(7), "1s-604800s", "a load-balancer cookie lasts at most 7 days",
                true));
    }

    private void checkHealthCheck(HealthCheckSpec healthCheck) {
        String path = "targets.healthCheck";
        String checkPath = healthCheck.path();
        if (!checkPath.startsWith("/")) {
            add(path + ".path", quote(checkPath) + " is not a path: start it with \"/\", such as \"/health\"");
        } else if (checkPath.length() > MAX_HEALTH_CHECK_PATH_LENGTH) {
            add(path + ".path", "is " + checkPath.length() + " characters long; at most "
                    + MAX_HEALTH_CHECK_PATH_LENGTH + " are allowed");
        }
        healthCheck.port().ifPresent(port -> checkPort(path + ".port", port));
        String problem = matcherProblem(healthCheck.matcher());
        if (problem != null) {
            add(path + ".matcher", problem);
        }
        boolean intervalValid = checkDuration(path + ".interval", healthCheck.interval(), Duration.ofSeconds(5),
                Duration.ofSeconds(300), "5s-300s", null, true);
        boolean timeoutValid = checkDuration(path + ".timeout", healthCheck.timeout(), Duration.ofSeconds(2),
                Duration.ofSeconds(120), "2s-120s", null, true);
        if (intervalValid && timeoutValid && healthCheck.timeout().compareTo(healthCheck.interval()) >= 0) {
            add(path + ".timeout", Durations.format(healthCheck.timeout()) + " is not less than the interval ("
                    + Durations.format(healthCheck.interval()) + "): a check must time out before the next one starts;"
                    + " shorten timeout or lengthen interval");
        }
        checkRange(path + ".healthyThreshold", healthCheck.healthyThreshold(), 2, 10);
        checkRange(path + ".unhealthyThreshold", healthCheck.unhealthyThreshold(), 2, 10);
    }

    private static String matcherProblem(String matcher) {
        Matcher range = CODE_RANGE.matcher(matcher);
        if (range.matches()) {
            int low = Integer.parseInt(range.group(1));
            int high = Integer.parseInt(range.group(2));
            String outside = outsideCodes(matcher, low, high);
            if (outside != null) {
                return outside;
            }
            return low > high
                    ? quote(matcher) + " is not a valid range: put the lower code first, as in \"200-299\""
                    : null;
        }
        if (CODE_LIST.matcher(matcher).matches()) {
            String[] codes = matcher.split(",");
            int[] values = new int[codes.length];
            for (int i = 0; i < codes.length; i++) {
                values[i] = Integer.parseInt(codes[i]);
            }
            return outsideCodes(matcher, values);
        }
        return quote(matcher) + " is not a list of HTTP codes: use codes from " + MIN_HTTP_CODE + " to "
                + MAX_HTTP_CODE + " separated by commas, such as \"200,204\", or a range, such as \"200-299\"";
    }

    private static String outsideCodes(String matcher, int... codes) {
        for (int code : codes) {
            if (code < MIN_HTTP_CODE || code > MAX_HTTP_CODE) {
                return quote(matcher) + " has code " + code + ", outside the " + MIN_HTTP_CODE + "-" + MAX_HTTP_CODE
                        + " an ALB health check accepts";
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------- load balancer

    private void checkLoadBalancer(LoadBalancerSpec loadBalancer) {
        loadBalancer.name().ifPresent(name -> {
            if (!LOAD_BALANCER_NAME.matcher(name).matches()) {
                add("loadBalancer.name", quote(name) + " is not a valid load balancer name: use 1-"
                        + MAX_LOAD_BALANCER_NAME_LENGTH + " letters, digits and hyphens, starting and ending with a"
                        + " letter or digit");
            } else if (name.length() > MAX_LOAD_BALANCER_NAME_LENGTH) {
                add("loadBalancer.name", quote(name) + " is too long (" + name.length() + " characters): a load"
                        + " balancer name has at most " + MAX_LOAD_BALANCER_NAME_LENGTH);
            } else if (name.toLowerCase(Locale.ROOT).startsWith("internal-")) {
                add("loadBalancer.name", quote(name) + " must not start with \"internal-\", which AWS reserves for"
                        + " internal load balancers; choose another name");
            }
        });
        List<String> subnets = loadBalancer.subnets();
        if (subnets.size() == 1) {
            add("loadBalancer.subnets", "has only one subnet; an application load balancer needs at least two, in"
                    + " different availability zones: add one, or remove subnets to have them chosen automatically");
        }
        checkIds("loadBalancer.subnets", subnets, SUBNET_ID, "a subnet id",
                "\"subnet-\" and 8 to 17 hexadecimal digits, such as \"subnet-0123456789abcdef0\"");
        List<String> securityGroups = loadBalancer.securityGroups();
        if (securityGroups.size() > MAX_SECURITY_GROUPS) {
            add("loadBalancer.securityGroups", "has " + securityGroups.size() + " security groups; a load balancer"
                    + " takes at most " + MAX_SECURITY_GROUPS);
        }
        checkIds("loadBalancer.securityGroups", securityGroups, SECURITY_GROUP_ID, "a security group id",
                "\"sg-\" and 8 to 17 hexadecimal digits, such as \"sg-0123456789abcdef0\"");
        checkDuration("loadBalancer.idleTimeout", loadBalancer.idleTimeout(), Duration.ofSeconds(1),
                Duration.ofSeconds(4000), "1s-4000s", null, true);
    }

    // -------------------------------------------------------------------------------------------------- listeners

    private void checkListeners(HttpsListenerSpec https, HttpListenerSpec http) {
        boolean httpsPortValid = checkPort("listeners.https.port", https.port());
        String sslPolicy = https.sslPolicy();
        if (sslPolicy.isBlank()) {
            add("listeners.https.sslPolicy", "is empty; give an ELB security policy name, or remove it to use "
                    + quote(HttpsListenerSpec.DEFAULT_SSL_POLICY));
        } else if (!SSL_POLICY.matcher(sslPolicy).matches()) {
            add("listeners.https.sslPolicy", quote(sslPolicy) + " is not a security policy name: use at most 128"
                    + " letters, digits and hyphens, such as " + quote(HttpsListenerSpec.DEFAULT_SSL_POLICY));
        }
        boolean httpPortValid = checkPort("listeners.http.port", http.port());
        if (httpsPortValid && httpPortValid && http.action() != HttpAction.NONE && http.port() == https.port()) {
            add("listeners.http.port", http.port() + " is already the HTTPS listener's port: give the HTTP listener"
                    + " another port, or set its action to none");
        }
    }

    // ------------------------------------------------------------------------------------------------------ tags

    /**
     * Checks tags against AWS's tag rules.
     *
     * @param path          {@code tags} or {@code targets.instanceTags}
     * @param resourceTags  whether the tags are written on resources (count limit, reserved prefixes), rather than
     *                      only used to select instances, where tags set by AWS such as {@code aws:autoscaling:...}
     *                      are fair game
     */
    private void checkTags(String path, Map<String, String> tags, boolean resourceTags) {
        if (resourceTags && tags.size() > MAX_TAGS) {
            add(path, "has " + tags.size() + " tags; at most " + MAX_TAGS + " are allowed, since AWS allows 50 per"
                    + " resource and https-setup adds its own");
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String key = tag.getKey();
            if (key == null || key.isEmpty()) {
                add(path, "has a tag without a key; give every tag a key of 1-" + MAX_TAG_KEY_LENGTH + " characters");
                continue;
            }
            String keyPath = path + "." + key;
            String lowerKey = key.toLowerCase(Locale.ROOT);
            if (key.length() > MAX_TAG_KEY_LENGTH) {
                add(keyPath, "key is " + key.length() + " characters long; at most " + MAX_TAG_KEY_LENGTH
                        + " are allowed");
            } else if (!TAG_TEXT.matcher(key).matches()) {
                add(keyPath, "key " + quote(key) + " has characters AWS does not allow in tags: " + TAG_CHARACTERS);
            } else if (resourceTags && lowerKey.startsWith("aws:")) {
                add(keyPath, "key " + quote(key) + " is reserved: AWS keeps keys starting with \"aws:\" for itself;"
                        + " choose another key");
            } else if (resourceTags && lowerKey.startsWith("https-setup:")) {
                add(keyPath, "key " + quote(key) + " is reserved: https-setup sets " + quote(HttpsSetup.OWNERSHIP_TAG)
                        + " itself and keeps keys starting with \"https-setup:\"; choose another key");
            }
            String value = tag.getValue();
            if (value == null) {
                add(keyPath, "has no value; give one, or \"\" for an empty value");
            } else if (value.length() > MAX_TAG_VALUE_LENGTH) {
                add(keyPath, "value is " + value.length() + " characters long; at most " + MAX_TAG_VALUE_LENGTH
                        + " are allowed");
            } else if (!TAG_TEXT.matcher(value).matches()) {
                add(keyPath, "value " + quote(value) + " has characters AWS does not allow in tags: "
                        + TAG_CHARACTERS);
            }
        }
    }

    // --------------------------------------------------------------------------------------------------- shared

    /** Checks a list of AWS ids: each present, well formed, and listed once. */
    private void checkIds(String path, List<String> ids, Pattern pattern, String what, String allowed) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String itemPath = path + "[" + i + "]";
            if (isBlank(id)) {
                add(itemPath, "is empty; give " + what + ", or remove the entry");
            } else if (!pattern.matcher(id).matches()) {
                add(itemPath, quote(id) + " is not " + what + ": use " + allowed);
            } else if (seen.containsKey(id)) {
                add(itemPath, alreadyListed(id, path, seen.get(id)));
            } else {
                seen.put(id, i);
            }
        }
    }

    private static String alreadyListed(String value, String path, int index) {
        return quote(value) + " is already listed at " + path + "[" + index + "]; remove one of them";
    }

    private boolean checkPort(String path, int port) {
        if (port < 1 || port > 65535) {
            add(path, port + " is not a port (1-65535)");
            return false;
        }
        return true;
    }

    private void checkRange(String path, int value, int min, int max) {
        if (value < min || value > max) {
            add(path, value + " is out of range (" + min + "-" + max + ")");
        }
    }

    /**
     * Checks that a duration lies within its range and, when AWS takes it in seconds, is a whole number of them.
     *
     * @param range        the allowed range as written in the message
     * @param why          why the range is what it is, or {@code null}
     * @param wholeSeconds whether AWS takes the value in whole seconds
     * @return whether the duration is valid
     */
    private boolean checkDuration(String path, Duration value, Duration min, Duration max, String range, String why,
            boolean wholeSeconds) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            add(path, Durations.format(value) + " is out of range (" + range + ")" + (why == null ? "" : ": " + why));
            return false;
        }
        if (wholeSeconds && value.getNano() != 0) {
            add(path, Durations.format(value) + " is not a whole number of seconds: use "
                    + Durations.format(value.withNanos(0)) + " or " + Durations.format(value.withNanos(0).plusSeconds(1))
                    + " (AWS takes this setting in seconds)");
            return false;
        }
        return true;
    }

    private void add(String path, String message) {
        violations.add(new Violation(path, message));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** The value in double quotes, shortened when very long. */
    private static String quote(String value) {
        String shown = value.length() > MAX_QUOTED_LENGTH ? value.substring(0, MAX_QUOTED_LENGTH - 3) + "..." : value;
        return "\"" + shown + "\"";
    }
}
