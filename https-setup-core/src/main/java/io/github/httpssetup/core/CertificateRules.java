package io.github.httpssetup.core;

import java.net.IDN;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rules of {@code certificate}, and of {@code domain.name} as the certificate's first name. */
final class CertificateRules extends Rules {
    private static final Pattern CERTIFICATE_ARN =
            Pattern.compile("arn:aws[a-z-]*:acm:([a-z0-9-]+):\\d{12}:certificate/[A-Za-z0-9-]+");
    /** ACM's limit on a certificate's first name (its common name). */
    private static final int MAX_COMMON_NAME_LENGTH = 64;

    CertificateRules(List<Violation> violations) {
        super(violations);
    }

    /** @param region the description's region when it is valid, else {@code null} */
    void check(CertificateSpec certificate, String region) {
        Optional<String> arn = certificate.arn();
        if (arn.isPresent()) {
            Matcher matcher = CERTIFICATE_ARN.matcher(arn.get());
            if (!matcher.matches()) {
                add(
                        "certificate.arn",
                        quote(arn.get()) + " is not an ACM certificate ARN: use one such as"
                                + " \"arn:aws:acm:" + (region != null ? region : "us-east-1")
                                + ":123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab\"");
            } else if (region != null && !matcher.group(1).equals(region)) {
                add(
                        "certificate.arn",
                        "the certificate is in " + quote(matcher.group(1)) + ", not in the load"
                                + " balancer's region " + quote(region)
                                + ": an ALB only uses certificates of its own region;"
                                + " give a certificate from " + region + ", or remove arn to have one requested");
            }
        } else if (!certificate.keyAlgorithm().requestable()) {
            add(
                    "certificate.keyAlgorithm",
                    certificate.keyAlgorithm() + " cannot be requested from ACM: use"
                            + " RSA_2048, EC_PRIME256V1 or EC_SECP384R1, or import a certificate with this key and give its"
                            + " arn");
        }
        checkDuration("certificate.validationTimeout", certificate.validationTimeout(), Limits.VALIDATION_TIMEOUT);
    }

    /**
     * ACM puts the certificate's first name (domain.name) in its common name, which holds at most 64 characters
     * (RFC 5280's ub-common-name; ACM's RequestCertificate DomainName); alternative names may be up to 253.
     */
    void checkCommonName(DomainSpec domain, CertificateSpec certificate) {
        if (domain == null
                || isBlank(domain.name())
                || certificate.arn().isPresent()
                || DomainNames.problem(domain.name(), "domain name", false) != null) {
            return; // a bad name is reported once, as such
        }
        String name = domain.name().endsWith(".")
                ? domain.name().substring(0, domain.name().length() - 1)
                : domain.name();
        try {
            name = IDN.toASCII(name);
        } catch (IllegalArgumentException e) {
            return; // reported as a bad domain name
        }
        if (name.length() > MAX_COMMON_NAME_LENGTH) {
            add(
                    "domain.name",
                    "is " + name.length() + " characters long; ACM requests the certificate with domain.name as its"
                            + " first name (the common name), which holds at most " + MAX_COMMON_NAME_LENGTH
                            + ". Names that long can"
                            + " only be alternative names, and https-setup always puts domain.name first: use a domain.name of at most "
                            + MAX_COMMON_NAME_LENGTH
                            + " characters, or give certificate.arn of a certificate requested with a shorter"
                            + " first name and this one among its alternative names");
        }
    }
}
