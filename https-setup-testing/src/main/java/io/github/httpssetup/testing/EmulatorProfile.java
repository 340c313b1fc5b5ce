package io.github.httpssetup.testing;

import java.util.Locale;
import java.util.Optional;

/**
 * How closely the started moto answers like AWS.
 *
 * <p>{@link #LENIENT} is moto as released: every resource is ready at once and many of AWS's refusals are
 * missing. {@link #STRICT} starts moto through a launcher that patches its models first, so that the
 * behaviours an engine must cope with on AWS — eventual consistency, resources that take a while to become
 * ready, refusals moto does not implement — are there, each after a short configurable delay. The behaviours,
 * their AWS sources and their delay settings are listed in the README's testing section; each delay is read
 * from {@code HTTPS_SETUP_STRICT_<NAME>_SECONDS}.
 *
 * <table>
 * <caption>The strict profile's behaviours (the README has their AWS sources in full)</caption>
 * <tr><th>#</th><th>behaviour</th><th>AWS call</th><th>emulated in</th><th>delay setting (default s)</th></tr>
 * <tr><td>S1</td><td>ACM spells KeyAlgorithm with a hyphen (RSA-2048, EC-prime256v1) and honours the requested one</td><td>ACM DescribeCertificate</td><td>acm_strict.py</td><td>none</td></tr>
 * <tr><td>S2</td><td>a new certificate is unknown for a while, then described without validation records</td><td>ACM RequestCertificate, DescribeCertificate</td><td>acm_strict.py</td><td>ACM_NOT_FOUND (2), ACM_NO_RECORD (1)</td></tr>
 * <tr><td>S3</td><td>a certificate a listener uses, or used a moment ago, cannot be deleted (ResourceInUseException)</td><td>ACM DeleteCertificate</td><td>acm_strict.py</td><td>ACM_IN_USE_AFTER_DETACH (2)</td></tr>
 * <tr><td>S4</td><td>an idempotency token used in the last hour returns the earlier ARN, even if deleted since</td><td>ACM RequestCertificate</td><td>acm_strict.py</td><td>none</td></tr>
 * <tr><td>S5</td><td>one validation CNAME per domain name, account-wide, in every region</td><td>ACM DomainValidation</td><td>acm_strict.py</td><td>none</td></tr>
 * <tr><td>S6</td><td>targets of an unused group are unused; in a used group initial, then healthy (or unhealthy with the reason an
 * instance tag {@code https-setup-strict:target-health} names)</td><td>ELBv2 DescribeTargetHealth</td><td>elbv2_strict.py</td><td>ELB_TARGET_INITIAL (2)</td></tr>
 * <tr><td>S7</td><td>a new load balancer is provisioning, then active</td><td>ELBv2 DescribeLoadBalancers</td><td>elbv2_strict.py</td><td>ELB_PROVISIONING (2)</td></tr>
 * <tr><td>S7b</td><td>DescribeTags takes at most 20 ARNs</td><td>ELBv2 DescribeTags</td><td>elbv2_strict.py</td><td>none</td></tr>
 * <tr><td>S8</td><td>a certificate issued seconds ago is CertificateNotFound to the load balancer</td><td>ELBv2 CreateListener, ModifyListener</td><td>acm_strict.py</td><td>ELB_CERT_NOT_FOUND (2)</td></tr>
 * <tr><td>S9</td><td>a hosted-zone caller reference is never accepted twice (HostedZoneAlreadyExists)</td><td>Route 53 CreateHostedZone</td><td>route53_strict.py</td><td>none</td></tr>
 * <tr><td>S9b</td><td>each zone has its own name servers</td><td>Route 53 CreateHostedZone</td><td>route53_strict.py</td><td>none</td></tr>
 * <tr><td>S10</td><td>at most 10 tags per call (InvalidInput)</td><td>Route 53 ChangeTagsForResource</td><td>route53_strict.py</td><td>none</td></tr>
 * <tr><td>S11</td><td>names outside the zone at a dot boundary refused (InvalidChangeBatch); changes PENDING, then INSYNC</td><td>Route 53 ChangeResourceRecordSets, GetChange</td><td>route53_strict.py</td><td>ROUTE53_PENDING (1)</td></tr>
 * <tr><td>S11b</td><td>record sets paged by record identifier</td><td>Route 53 ListResourceRecordSets</td><td>route53_strict.py</td><td>none</td></tr>
 * <tr><td>S12</td><td>a security group stays held (DependencyViolation) while and a while after a load balancer used it</td><td>EC2 DeleteSecurityGroup</td><td>ec2_strict.py</td><td>EC2_SG_DEPENDENCY (2)</td></tr>
 * <tr><td>S12b</td><td>group names starting with sg- refused</td><td>EC2 CreateSecurityGroup</td><td>ec2_strict.py</td><td>none</td></tr>
 * <tr><td>S13</td><td>a registration is IN_PROGRESS for a while (DuplicateRequest meanwhile) and creates the zone; CheckDomainAvailability</td><td>Route 53 Domains RegisterDomain, GetOperationDetail</td><td>domains_strict.py</td><td>DOMAINS_REGISTRATION (2)</td></tr>
 * <tr><td>S14</td><td>with IAM enforced, requests are authorized against the resource ARNs AWS checks</td><td>IAM (Service Authorization Reference)</td><td>iam_strict.py</td><td>none</td></tr>
 * <tr><td>S15</td><td>IAM refusals in each service's own error shape</td><td>each service's Common Errors</td><td>iam_strict.py</td><td>none</td></tr>
 * </table>
 *
 * <p>Chosen with the system property {@code https-setup.emulator.profile} or the environment variable
 * {@code HTTPS_SETUP_EMULATOR_PROFILE} ({@code strict} or {@code lenient}); lenient when neither is set.
 * In Maven:
 *
 * <pre>{@code
 * <environmentVariables>
 *   <HTTPS_SETUP_EMULATOR_PROFILE>strict</HTTPS_SETUP_EMULATOR_PROFILE>
 * </environmentVariables>
 * }</pre>
 *
 * <p>The strict profile needs the harness to start moto itself from its pinned virtual environment: it is
 * not available with {@code AWS_ENDPOINT_URL} or LocalStack.
 */
public enum EmulatorProfile {
    /** moto as released. */
    LENIENT,
    /** moto patched to answer like AWS where the engine depends on it. */
    STRICT;

    /** The system property that selects the profile. */
    public static final String PROPERTY = "https-setup.emulator.profile";
    /** The environment variable that selects the profile when the system property is not set. */
    public static final String VARIABLE = "HTTPS_SETUP_EMULATOR_PROFILE";

    /** The profile the property or the variable names, lenient when neither is set. */
    static EmulatorProfile of(EmulatorSelector.Host host) {
        Optional<String> value = Optional.ofNullable(System.getProperty(PROPERTY))
                .filter(s -> !s.isBlank())
                .or(() -> host.variable(VARIABLE).filter(s -> !s.isBlank()));
        return value.map(EmulatorProfile::parse).orElse(LENIENT);
    }

    static EmulatorProfile parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new EmulatorUnavailableException(
                    VARIABLE + " (or -D" + PROPERTY + ") is '" + value + "'; set it to strict or lenient");
        }
    }
}
