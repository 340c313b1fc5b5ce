package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.AttributeChange;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.KeyAlgorithm;
import io.github.httpssetup.core.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.LimitExceededException;
import software.amazon.awssdk.services.acm.model.ListCertificatesResponse;
import software.amazon.awssdk.services.acm.model.ResourceInUseException;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.acm.model.ResourceRecord;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.acm.model.ValidationMethod;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/**
 * The ACM certificate for the domain and its alternative names, validated through DNS records in the
 * hosted zone. An owned certificate with exactly the same names is reused; otherwise one is requested
 * with a deterministic idempotency token, and the one it replaces is deleted after the listener swap.
 */
final class Certificates {

    /** Every key type: ACM's ListCertificates returns only RSA 1024/2048 certificates unless told otherwise. */
    private static final List<String> ALL_KEY_TYPES =
            List.of("RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1");

    private static final Set<CertificateStatus> USABLE =
            Set.of(CertificateStatus.ISSUED, CertificateStatus.PENDING_VALIDATION);
    private static final long VALIDATION_RECORD_TTL = 300;
    private static final String STEP = "certificate";
    /** ACM's default quota of names on one certificate (the domain name included); accounts can have it raised. */
    static final int DEFAULT_NAMES_QUOTA = 10;
    /** The longest a just-requested certificate may stay unknown before its ARN counts as a stale answer. */
    private static final Duration MAX_UNKNOWN = Duration.ofMinutes(2);
    /** Stale answers in a row before giving up: each is a certificate of the same names deleted within the hour. */
    private static final int MAX_STALE_ANSWERS = 5;

    private final Run run;
    private final HttpsSetup spec;

    Certificates(Run run) {
        this.run = run;
        this.spec = run.spec();
    }

    /**
     * Pre-flight, in a plan (an apply's plan included): CAA records of the zone that keep Amazon from issuing for a name.
     * Uses the zone's records as already read; no call of its own.
     */
    private void preflight(States.Zone zone) {
        if (run.mode() == Run.Mode.APPLY || zone == null || zone.id() == null) {
            return;
        }
        CaaRecords.blocked(zone.name(), run.zoneRecords(zone.id()).all(), spec.allNames())
                .forEach(blocked -> run.warn(STEP, blocked.message()));
    }

    /** An owned certificate: its details (names, status, validation records). */
    record Owned(CertificateDetail detail) {
        Set<String> names() {
            Set<String> names = new TreeSet<>();
            names.add(DnsNames.normalize(detail.domainName()));
            detail.subjectAlternativeNames().forEach(n -> names.add(DnsNames.normalize(n)));
            return names;
        }
    }

    States.Certificate converge(States.Zone zone) {
        List<Owned> owned = owned();
        List<Owned> handedOver = found().handedOver();
        if (spec.certificate().arn().isPresent()) {
            String arn = spec.certificate().arn().get();
            checkGiven(arn);
            run.unchanged(ResourceKind.CERTIFICATE, "given certificate", arn);
            run.outputs().certificateArn = arn;
            return new States.Certificate(
                    arn, owned.stream().map(o -> o.detail().certificateArn()).toList());
        }
        preflight(zone);
        Set<String> wanted = new TreeSet<>(spec.allNames());
        Optional<Owned> own = owned.stream()
                .filter(o ->
                        o.names().equals(wanted) && USABLE.contains(o.detail().status()) && sameKey(o.detail()))
                .max(Comparator.comparing(o -> o.detail().status() == CertificateStatus.ISSUED));
        List<String> replaced = owned.stream()
                .filter(o -> own.isEmpty() || o != own.get())
                .map(o -> o.detail().certificateArn())
                .toList();
        String name = String.join(", ", spec.allNames());
        Optional<Owned> claimed = own.isPresent()
                ? Optional.empty()
                : handedOver.stream()
                        .filter(o -> o.names().equals(wanted)
                                && USABLE.contains(o.detail().status())
                                && sameKey(o.detail()))
                        .max(Comparator.comparing(o -> o.detail().status() == CertificateStatus.ISSUED));
        Optional<Owned> match = own.isPresent() ? own : claimed;
        if (claimed.isPresent()) {
            claim(name, claimed.get().detail().certificateArn());
        }
        if (match.isPresent()) {
            CertificateDetail detail = match.get().detail();
            String arn = detail.certificateArn();
            if (claimed.isEmpty()) {
                run.unchanged(ResourceKind.CERTIFICATE, name, arn);
            }
            run.outputs().certificateArn = arn;
            ensureValidationRecords(zone, validationRecords(detail));
            if (detail.status() == CertificateStatus.PENDING_VALIDATION && zone.id() != null) {
                // stuck in validation: the delegation is the usual cause (costs a call only in this case)
                new DomainRegistration(run)
                        .checkDelegation(
                                zone, "certificate " + arn + " stays PENDING_VALIDATION (ACM cannot see its records)");
            }
            if (detail.status() != CertificateStatus.ISSUED && run.writing()) {
                awaitIssued(arn, zone);
            }
            return new States.Certificate(arn, replaced);
        }
        Optional<Owned> previous =
                owned.stream().filter(o -> !o.names().equals(wanted)).findFirst();
        List<AttributeChange> attributes = new ArrayList<>();
        attributes.add(new AttributeChange(
                "names", previous.map(p -> String.join(", ", p.names())).orElse(null), name));
        attributes.add(new AttributeChange(
                "keyAlgorithm", null, spec.certificate().keyAlgorithm().awsName()));
        attributes.add(new AttributeChange("validation", null, "DNS"));
        attributes.add(new AttributeChange(
                "arn", previous.map(p -> p.detail().certificateArn()).orElse(null), AttributeChange.KNOWN_AFTER_APPLY));
        // apply starts with a plan: warn once
        if (spec.allNames().size() > DEFAULT_NAMES_QUOTA && run.mode() != Run.Mode.APPLY) {
            run.warn(
                    STEP,
                    "The certificate covers " + spec.allNames().size() + " names; ACM allows " + DEFAULT_NAMES_QUOTA
                            + " per certificate unless the account's quota \"Domain names per ACM certificate\" was raised"
                            + " (Service Quotas, AWS Certificate Manager). Without it, apply stops when requesting the certificate.");
        }
        ChangeAction action = previous.isPresent() ? ChangeAction.REPLACE : ChangeAction.CREATE;
        String reason = previous.isPresent()
                ? "names changed; the old certificate is deleted after the listener uses the new one"
                : "";
        String arn = run.change(
                new Change(action, ResourceKind.CERTIFICATE, name, null, attributes, reason),
                () -> request(owned),
                created -> created);
        if (arn == null) { // a plan
            planValidationRecords(zone, owned);
            return new States.Certificate(null, replaced);
        }
        run.outputs().certificateArn = arn;
        CertificateDetail detail = awaitValidationOptions(arn);
        ensureValidationRecords(zone, validationRecords(detail));
        awaitIssued(arn, zone);
        return new States.Certificate(arn, replaced);
    }

    /**
     * A site's part takes over the certificate its stack requested in the single-site form for the same names: it is
     * tagged as the site's ({@code <stack>/<site>}) instead of a new one being requested; its validation records stay.
     */
    private void claim(String name, String arn) {
        String from = run.stackOwner();
        run.change(
                new Change(
                        ChangeAction.UPDATE,
                        ResourceKind.CERTIFICATE,
                        name,
                        arn,
                        List.of(new AttributeChange("tags." + HttpsSetup.OWNERSHIP_TAG, from, run.owner())),
                        "requested by stack " + from + " in the single-site form for the same names; claimed by site "
                                + run.scope() + " instead of a new certificate"),
                () -> run.aws()
                        .acm()
                        .addTagsToCertificate(r -> r.certificateArn(arn).tags(acmTags())));
    }

    /**
     * In a site's part: the certificates its stack owns at stack level (the single-site form's) that carry the site's
     * domain name, as {@link #converge} reads them (no call of its own). Those it does not claim (their names, key or
     * status differ) the stack deletes once the listener no longer uses them.
     */
    List<String> handedOver() {
        return found().handedOver().stream()
                .map(o -> o.detail().certificateArn())
                .toList();
    }

    /** The run's tags (the ownership tag included), as ACM takes them. */
    private List<Tag> acmTags() {
        return run.tags().entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList();
    }

    private boolean sameKey(CertificateDetail detail) {
        return sameKey(spec.certificate().keyAlgorithm(), detail.keyAlgorithmAsString());
    }

    /**
     * Whether ACM's key algorithm is the wanted one. RequestCertificate takes {@code RSA_2048}, but
     * DescribeCertificate answers {@code RSA-2048} (and {@code EC-prime256v1}): compare them alike.
     */
    static boolean sameKey(KeyAlgorithm wanted, String acmSpelling) {
        return acmSpelling == null || wanted.awsName().equalsIgnoreCase(acmSpelling.replace('-', '_'));
    }

    private void checkGiven(String arn) {
        CertificateDetail detail;
        try {
            detail = run.aws()
                    .acm()
                    .describeCertificate(r -> r.certificateArn(arn))
                    .certificate();
        } catch (ResourceNotFoundException e) {
            throw new HttpsSetupException(
                    ErrorCode.CERTIFICATE_UNUSABLE,
                    "certificate.arn " + arn + " does not exist in "
                            + spec.region()
                            + ". The load balancer needs a certificate in its own region: request or import one there,"
                            + " or remove certificate.arn to let https-setup manage one.",
                    e);
        }
        if (detail.status() != CertificateStatus.ISSUED) {
            throw new HttpsSetupException(
                    ErrorCode.CERTIFICATE_UNUSABLE,
                    "certificate.arn " + arn + " is " + detail.statusAsString()
                            + ", not ISSUED. Complete its validation in ACM, or remove certificate.arn to let https-setup manage one.");
        }
        Set<String> covered = new LinkedHashSet<>();
        covered.add(DnsNames.normalize(detail.domainName()));
        detail.subjectAlternativeNames().forEach(n -> covered.add(DnsNames.normalize(n)));
        List<String> missing =
                spec.allNames().stream().filter(n -> !covers(covered, n)).toList();
        if (!missing.isEmpty()) {
            throw new HttpsSetupException(
                    ErrorCode.CERTIFICATE_UNUSABLE,
                    "certificate.arn " + arn + " does not cover "
                            + String.join(", ", missing) + " (it covers " + String.join(", ", covered)
                            + "). Use a certificate for"
                            + " every name, or remove certificate.arn to let https-setup manage one.");
        }
    }

    /** Whether a certificate name list covers the name, directly or by a one-label wildcard. */
    static boolean covers(Set<String> certificateNames, String name) {
        if (certificateNames.contains(name)) {
            return true;
        }
        int dot = name.indexOf('.');
        return dot > 0 && certificateNames.contains("*" + name.substring(dot));
    }

    // ---- reading ----

    /** Certificates in the region; with {@code all == false} only those named like one of the description's names. */
    private List<CertificateSummary> candidateSummaries(boolean all) {
        Set<String> names = new TreeSet<>(spec.allNames());
        if (run.isScoped() && !all) { // with sites: the account's list read once for all of them
            return run.observeStack(ResourceKind.CERTIFICATE, "certificate list", () -> listAll()).stream()
                    .filter(s -> names.contains(DnsNames.normalize(s.domainName())))
                    .toList();
        }
        return list(names, all);
    }

    private List<CertificateSummary> listAll() {
        return list(Set.of(), true);
    }

    private List<CertificateSummary> list(Set<String> names, boolean all) {
        List<CertificateSummary> result = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListCertificatesResponse page = run.aws()
                    .acm()
                    .listCertificates(r -> r.includes(i -> i.keyTypesWithStrings(ALL_KEY_TYPES))
                            .maxItems(1000)
                            .nextToken(t));
            page.certificateSummaryList().stream()
                    .filter(s -> all || names.contains(DnsNames.normalize(s.domainName())))
                    .forEach(result::add);
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return result;
    }

    /** The stack's certificates named like the description's names, read once per run (see {@link Run#observe}). */
    List<Owned> owned() {
        return found().owned();
    }

    /**
     * The certificates named like the description's names that this run owns, and (in a site's part) those its stack
     * owns at stack level, for the site to claim.
     */
    private record Found(List<Owned> owned, List<Owned> handedOver) {}

    private Found found() {
        return run.observe(ResourceKind.CERTIFICATE, "owned certificates", () -> found(candidateSummaries(false)));
    }

    private List<Owned> owned(List<CertificateSummary> summaries) {
        return found(summaries).owned();
    }

    private Found found(List<CertificateSummary> summaries) {
        List<Owned> owned = new ArrayList<>();
        List<Owned> handedOver = new ArrayList<>();
        for (CertificateSummary summary : summaries) {
            Map<String, String> tags =
                    run
                            .aws()
                            .acm()
                            .listTagsForCertificate(r -> r.certificateArn(summary.certificateArn()))
                            .tags()
                            .stream()
                            .collect(Collectors.toMap(Tag::key, t -> t.value() == null ? "" : t.value(), (a, b) -> b));
            if (run.owns(tags) || run.handedOver(tags)) {
                (run.owns(tags) ? owned : handedOver)
                        .add(new Owned(run.aws()
                                .acm()
                                .describeCertificate(r -> r.certificateArn(summary.certificateArn()))
                                .certificate()));
            }
        }
        return new Found(owned, handedOver);
    }

    /** The distinct validation CNAMEs (name → value) of a certificate: {@code *.x} and {@code x} share one. */
    static Map<String, String> validationRecords(CertificateDetail detail) {
        Map<String, String> records = new LinkedHashMap<>();
        for (DomainValidation validation : detail.domainValidationOptions()) {
            ResourceRecord record = validation.resourceRecord();
            if (record != null) {
                records.put(DnsNames.normalize(record.name()), record.value());
            }
        }
        return records;
    }

    // ---- writing ----

    /**
     * Requests the certificate and returns its ARN once ACM knows it. ACM answers a token used in the last hour
     * with that request's certificate, even when it was deleted since (destroy then apply, or names A, B, A):
     * such an ARN never becomes known, so after {@link #unknownLimit()} the request is made again with a token
     * that also names the stale ARN (still deterministic, so a rerun after a crash finds the same certificate).
     */
    private String request(List<Owned> owned) {
        List<String> stale = new ArrayList<>();
        while (true) {
            String arn = requestOnce(idempotencyToken(owned, stale));
            if (stale.contains(arn) || !known(arn)) {
                if (stale.contains(arn) || stale.size() >= MAX_STALE_ANSWERS) {
                    throw new HttpsSetupException(
                            ErrorCode.CERTIFICATE_NOT_ISSUED,
                            "ACM answered the certificate request for "
                                    + String.join(", ", spec.allNames()) + " with " + arn
                                    + ", which it does not know (a request"
                                    + " made within the hour whose certificate was deleted since). Run apply again in an hour, or"
                                    + " check the certificate in the ACM console of " + spec.region() + ".");
                }
                stale.add(arn);
                run.info(
                        STEP,
                        "ACM answered the request with " + arn + ", a certificate deleted since (idempotency tokens"
                                + " last an hour): requesting a new one");
                continue;
            }
            return arn;
        }
    }

    /** How long a just-requested certificate may stay unknown: ACM documents seconds; Terraform waits up to 5 min. */
    private Duration unknownLimit() {
        Duration limit = spec.waitTimeout();
        return limit.compareTo(MAX_UNKNOWN) < 0 ? limit : MAX_UNKNOWN;
    }

    /** Whether ACM knows the certificate within {@link #unknownLimit()} (it answers "not found" for a few seconds). */
    private boolean known(String arn) {
        HttpsSetupException unknown = new HttpsSetupException(ErrorCode.CERTIFICATE_NOT_ISSUED, arn + " unknown");
        try {
            return run.await(
                    STEP,
                    "waiting for ACM to know the new certificate " + arn,
                    unknownLimit(),
                    Duration.ofMillis(500),
                    Duration.ofSeconds(5),
                    () -> describeIfKnown(arn).map(d -> Boolean.TRUE),
                    () -> unknown);
        } catch (HttpsSetupException e) {
            if (e == unknown) {
                return false;
            }
            throw e;
        }
    }

    /** The certificate's details, or empty while ACM answers ResourceNotFoundException. */
    private Optional<CertificateDetail> describeIfKnown(String arn) {
        try {
            return Optional.of(run.aws()
                    .acm()
                    .describeCertificate(r -> r.certificateArn(arn))
                    .certificate());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    private String requestOnce(String token) {
        List<String> alternatives = spec.allNames().subList(1, spec.allNames().size());
        try {
            return run.aws()
                    .acm()
                    .requestCertificate(r -> r.domainName(spec.domain().name())
                            .subjectAlternativeNames(alternatives.isEmpty() ? null : alternatives)
                            .validationMethod(ValidationMethod.DNS)
                            .keyAlgorithm(spec.certificate().keyAlgorithm().awsName())
                            .idempotencyToken(token)
                            .tags(acmTags()))
                    .certificateArn();
        } catch (LimitExceededException e) {
            throw quotaExceeded(
                    e.awsErrorDetails() == null
                            ? e.getMessage()
                            : e.awsErrorDetails().errorMessage());
        }
    }

    /** ACM's quotas that RequestCertificate can hit, and what to do about each. */
    private HttpsSetupException quotaExceeded(String awsMessage) {
        int names = spec.allNames().size();
        return new HttpsSetupException(
                ErrorCode.QUOTA_EXCEEDED,
                "ACM refused to request a certificate for " + names
                        + " name" + (names == 1 ? "" : "s") + " (domain.name and domain.alternativeNames) in "
                        + spec.region() + ": "
                        + awsMessage + ". An account may put " + DEFAULT_NAMES_QUOTA
                        + " names on a certificate unless the quota"
                        + " \"Domain names per ACM certificate\" was raised: ask for more in Service Quotas (AWS Certificate Manager) or list fewer"
                        + " domain.alternativeNames (a wildcard such as *."
                        + spec.domain().name() + " covers every first-level"
                        + " name). ACM also limits how many certificates an account may hold and request a year; Service Quotas"
                        + " shows those too.");
    }

    /**
     * Same stack, names and key → same token, so a request retried after a crash returns the same
     * certificate. Owned certificates that are no longer usable (failed, expired) change it, so that a
     * new request is not answered with the failed one; so do the ARNs ACM answered that no longer exist.
     */
    private String idempotencyToken(List<Owned> owned, List<String> stale) {
        String unusable = owned.stream()
                .filter(o -> !USABLE.contains(o.detail().status()))
                .map(o -> o.detail().certificateArn())
                .sorted()
                .collect(Collectors.joining(","));
        return HostedZones.sha256(run.owner() + "|" + String.join(",", new TreeSet<>(spec.allNames())) + "|"
                        + spec.certificate().keyAlgorithm().awsName() + "|" + unusable
                        + (stale.isEmpty() ? "" : "|" + String.join(",", stale)))
                .substring(0, 32);
    }

    /** ACM adds the validation records to the certificate a few seconds after the request. */
    private CertificateDetail awaitValidationOptions(String arn) {
        int names = new TreeSet<>(spec.allNames()).size();
        return run.await(
                "certificate",
                "waiting for ACM to publish the DNS validation records",
                Duration.ofMinutes(5),
                Duration.ofMillis(500),
                Duration.ofSeconds(5),
                () -> {
                    Optional<CertificateDetail> detail = describeIfKnown(arn);
                    long withRecords = detail.map(d -> d.domainValidationOptions().stream()
                                    .filter(v -> v.resourceRecord() != null)
                                    .count())
                            .orElse(0L);
                    return withRecords >= names ? detail : Optional.empty();
                },
                () -> new HttpsSetupException(
                        ErrorCode.CERTIFICATE_NOT_ISSUED,
                        "ACM published no DNS validation records for " + arn
                                + " within 5 min. Run apply again; if it persists, check the certificate in the ACM console."));
    }

    /**
     * The plan of the validation records of a certificate still to be requested, one change per record as apply
     * makes them: one per name, {@code *.x} and {@code x} sharing one. ACM gives a name the same record in every
     * certificate of the account, so a record an owned certificate already has is planned by its name and value
     * (unchanged when the zone has it); the others become known when the certificate is requested.
     */
    private void planValidationRecords(States.Zone zone, List<Owned> owned) {
        Map<String, ResourceRecord> known = new LinkedHashMap<>();
        for (Owned o : owned) {
            for (DomainValidation validation : o.detail().domainValidationOptions()) {
                if (validation.resourceRecord() != null) {
                    known.putIfAbsent(validationDomain(validation.domainName()), validation.resourceRecord());
                }
            }
        }
        Map<String, String> records = new LinkedHashMap<>();
        Set<String> domains = new LinkedHashSet<>();
        spec.allNames().forEach(n -> domains.add(validationDomain(n)));
        for (String domain : domains) {
            ResourceRecord record = known.get(domain);
            if (record != null) {
                records.put(DnsNames.normalize(record.name()), record.value());
            } else {
                run.change(
                        Change.of(
                                ChangeAction.CREATE,
                                ResourceKind.VALIDATION_RECORD,
                                "CNAME for " + domain,
                                null,
                                "value known after the certificate is requested"),
                        () -> {});
            }
        }
        ensureValidationRecords(zone, records);
    }

    /** The name whose validation record covers {@code name}: {@code *.x} is validated with {@code x}'s record. */
    static String validationDomain(String name) {
        String normalized = DnsNames.normalize(name);
        return normalized.startsWith("*.") ? normalized.substring(2) : normalized;
    }

    private void ensureValidationRecords(States.Zone zone, Map<String, String> records) {
        if (zone.id() == null) {
            records.forEach((recordName, value) -> run.change(
                    new Change(
                            ChangeAction.CREATE,
                            ResourceKind.VALIDATION_RECORD,
                            recordName,
                            null,
                            List.of(new AttributeChange("CNAME", null, value)),
                            "in the hosted zone to be created"),
                    () -> {}));
            return;
        }
        ZoneRecords existing = run.zoneRecords(zone.id());
        List<ZoneRecords.Write> upserts = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, String> record : records.entrySet()) {
            Optional<ResourceRecordSet> current = existing.find(record.getKey(), RRType.CNAME);
            String value = current.flatMap(c -> c.resourceRecords().stream().findFirst())
                    .map(v -> v.value())
                    .orElse(null);
            if (value != null && DnsNames.normalize(value).equals(DnsNames.normalize(record.getValue()))) {
                run.unchanged(ResourceKind.VALIDATION_RECORD, record.getKey(), null);
                continue;
            }
            ResourceRecordSet set = ResourceRecordSet.builder()
                    .name(DnsNames.absolute(record.getKey()))
                    .type(RRType.CNAME)
                    .ttl(VALIDATION_RECORD_TTL)
                    .resourceRecords(v -> v.value(record.getValue()))
                    .build();
            changes.add(new Change(
                    value == null ? ChangeAction.CREATE : ChangeAction.UPDATE,
                    ResourceKind.VALIDATION_RECORD,
                    record.getKey(),
                    null,
                    List.of(new AttributeChange("CNAME", value, record.getValue())),
                    "proves control of the domain to ACM"));
            upserts.add(ZoneRecords.upsert(set));
        }
        if (run.writing() && !upserts.isEmpty()) {
            ZoneRecords.change(
                    run, zone.id(), upserts, "https-setup " + spec.stack() + ": certificate validation", false);
        }
        changes.forEach(c -> run.change(c, () -> {})); // after the batch: only what Route 53 took counts as made
    }

    private void awaitIssued(String arn, States.Zone zone) {
        Duration limit = spec.certificate().validationTimeout();
        run.await(
                "certificate",
                "waiting for ACM to issue " + String.join(", ", spec.allNames()),
                limit,
                Duration.ofMillis(500),
                Duration.ofSeconds(15),
                () -> {
                    CertificateDetail detail = run.aws()
                            .acm()
                            .describeCertificate(r -> r.certificateArn(arn))
                            .certificate();
                    if (detail.status() == CertificateStatus.ISSUED) {
                        return Optional.of(Boolean.TRUE);
                    }
                    if (detail.status() == CertificateStatus.FAILED
                            && failureHint(detail.failureReasonAsString()) != null) {
                        throw failed(arn, detail, zone);
                    }
                    if (detail.status() != CertificateStatus.PENDING_VALIDATION) {
                        throw notIssued(
                                arn,
                                detail.statusAsString()
                                        + (detail.failureReasonAsString() == null
                                                ? ""
                                                : " (" + detail.failureReasonAsString() + ")"),
                                detail,
                                zone);
                    }
                    return Optional.empty();
                },
                () -> notIssued(
                        arn,
                        "still PENDING_VALIDATION after " + minutes(limit),
                        run.aws()
                                .acm()
                                .describeCertificate(r -> r.certificateArn(arn))
                                .certificate(),
                        zone));
    }

    private HttpsSetupException notIssued(String arn, String state, CertificateDetail detail, States.Zone zone) {
        String records = validationRecords(detail).entrySet().stream()
                .map(e -> "\n    " + e.getKey() + " CNAME " + e.getValue())
                .collect(Collectors.joining());
        return new HttpsSetupException(
                ErrorCode.CERTIFICATE_NOT_ISSUED,
                "Certificate " + arn + " for "
                        + String.join(", ", spec.allNames()) + " is " + state
                        + ".\n  ACM looks up these records, which are in"
                        + " hosted zone " + zone.name() + " (" + zone.id() + "):" + records
                        + "\n  The domain's name servers at its registrar must be the zone's: "
                        + String.join(", ", zone.nameServers())
                        + " (check with `dig NS " + zone.name() + "`)."
                        + "\n  Fix the delegation and run apply again (it keeps waiting), or raise certificate.validationTimeout.");
    }

    /** A FAILED certificate whose reason is not the delegation: ACM's reason, and what to do about it. */
    private HttpsSetupException failed(String arn, CertificateDetail detail, States.Zone zone) {
        String records = validationRecords(detail).entrySet().stream()
                .map(e -> "\n    " + e.getKey() + " CNAME " + e.getValue())
                .collect(Collectors.joining());
        return new HttpsSetupException(
                ErrorCode.CERTIFICATE_NOT_ISSUED,
                "Certificate " + arn + " for "
                        + String.join(", ", spec.allNames()) + " is FAILED: ACM's reason is "
                        + detail.failureReasonAsString() + ".\n  "
                        + failureHint(detail.failureReasonAsString())
                        + "\n  The validation records are in hosted zone " + zone.name() + " (" + zone.id() + "):"
                        + records
                        + "\n  A failed certificate cannot be retried: once the cause is fixed, apply requests a new one (and"
                        + " deletes the failed one after the listener uses the new one).");
    }

    /**
     * What to do about ACM's {@code FailureReason} of a FAILED public certificate (API reference:
     * CertificateDetail.FailureReason); {@code null} for reasons that say nothing more than "validation failed",
     * where the delegation is the likely cause.
     */
    static String failureHint(String reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case "CAA_ERROR" ->
                "A CAA record of one of the names, or of a parent domain, does not allow Amazon to issue"
                        + " certificates. Add one such as `0 issue \"amazon.com\"` next to the existing CAA records"
                        + " (amazontrust.com, awstrust.com and amazonaws.com are accepted too), or remove them; check with"
                        + " `dig CAA <name>`.";
            case "ADDITIONAL_VERIFICATION_REQUIRED" ->
                "ACM needs more information before it issues a certificate for one"
                        + " of these names (it reviews some well-known domains by hand): open a case with AWS Support, then"
                        + " run apply again.";
            case "DOMAIN_NOT_ALLOWED" ->
                "ACM does not issue certificates for one of these names (for example names"
                        + " under amazonaws.com, or names reported for abuse): use names of a domain you own, or ask AWS"
                        + " Support.";
            case "INVALID_PUBLIC_DOMAIN" ->
                "One of the names is not a valid public domain name (its top-level domain is"
                        + " not public, or a label is invalid): check domain.name and domain.alternativeNames.";
            case "DOMAIN_VALIDATION_DENIED" ->
                "Validation was denied for one of the names (the domain's owner or AWS"
                        + " refused it): check that the domain is yours and not blocked, then ask AWS Support.";
            case "NO_AVAILABLE_CONTACTS" ->
                "ACM found no contact for one of the names; this happens with email"
                        + " validation, and https-setup uses DNS validation: check the certificate in the ACM console, then"
                        + " run apply again.";
            case "SLR_NOT_FOUND" ->
                "ACM's service-linked role is missing from the account: let ACM create"
                        + " AWSServiceRoleForCertificateManager (IAM), then run apply again.";
            default ->
                reason.startsWith("PCA_")
                        ? "This is a private CA's error, which a public certificate should not"
                                + " have: check the certificate in the ACM console."
                        : null;
        };
    }

    private static String minutes(Duration d) {
        return d.toMinutes() > 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    // ---- deleting ----

    /** After the listener uses the new certificate: delete the ones it replaced, and their validation records. */
    void deleteReplaced(States.Certificate certificate, States.Zone zone) {
        deleteReplaced(certificate, zone, "replaced");
    }

    /**
     * With sites, in the stack run: deletes the stack-level certificates (the single-site form's) that no site claimed,
     * once the listener no longer uses them. Their validation records stay, as a replaced certificate's do.
     */
    void deleteUnclaimed(List<String> arns) {
        deleteReplaced(
                new States.Certificate(null, arns),
                null,
                "the single-site form's certificate; the sites' certificates replace it");
    }

    private void deleteReplaced(States.Certificate certificate, States.Zone zone, String reason) {
        if (certificate.replacedArns().isEmpty()) {
            return;
        }
        List<CertificateDetail> replaced = new ArrayList<>();
        for (String arn : certificate.replacedArns()) {
            if (!run.writing()) {
                run.change(Change.of(ChangeAction.DELETE, ResourceKind.CERTIFICATE, arn, arn, reason), () -> {});
                continue;
            }
            replaced.add(run.aws()
                    .acm()
                    .describeCertificate(r -> r.certificateArn(arn))
                    .certificate());
        }
        delete(replaced, zone, reason);
    }

    /**
     * Deletes every certificate the stack owns, and validation records no remaining certificate uses. In a site's
     * part, returns the certificates its stack owns at stack level (the single-site form's) that it left alone: the
     * stack run deletes them ({@link #deleteUnclaimed}).
     */
    List<String> destroy(States.Zone zone) {
        Found found = found(candidateSummaries(true));
        List<CertificateDetail> owned =
                found.owned().stream().map(Owned::detail).toList();
        delete(owned, zone, run.mode() == Run.Mode.DESTROY ? "destroy" : "replaced");
        return found.handedOver().stream().map(o -> o.detail().certificateArn()).toList();
    }

    private void delete(List<CertificateDetail> certificates, States.Zone zone, String reason) {
        for (CertificateDetail detail : certificates) {
            String arn = detail.certificateArn();
            List<String> foreign = foreignUsers(detail.inUseBy());
            if (!foreign.isEmpty()) {
                run.warn(
                        STEP,
                        "Certificate " + arn + " is not deleted: " + String.join(", ", foreign) + " uses it, and stack "
                                + spec.stack() + " does not own " + (foreign.size() == 1 ? "it" : "them") + ". Point "
                                + (foreign.size() == 1 ? "it" : "them") + " at another certificate and run "
                                + (run.mode() == Run.Mode.DESTROY ? "destroy" : "apply") + " again to delete it.");
                continue;
            }
            run.change(
                    Change.of(
                            ChangeAction.DELETE,
                            ResourceKind.CERTIFICATE,
                            String.join(", ", new Owned(detail).names()),
                            arn,
                            reason),
                    () -> deleteCertificate(arn));
        }
        if (zone == null || zone.id() == null || certificates.isEmpty() || !deletesZone(zone)) {
            return; // validation records are kept: see deletesZone
        }
        ZoneRecords records = ZoneRecords.read(run, zone.id());
        List<ZoneRecords.Write> deletes = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (CertificateDetail detail : certificates) {
            for (Map.Entry<String, String> record : validationRecords(detail).entrySet()) {
                if (!seen.add(record.getKey())) {
                    continue;
                }
                records.find(record.getKey(), RRType.CNAME)
                        .filter(set -> set.resourceRecords().stream()
                                .anyMatch(v ->
                                        DnsNames.normalize(v.value()).equals(DnsNames.normalize(record.getValue()))))
                        .ifPresent(set -> {
                            run.change(
                                    Change.of(
                                            ChangeAction.DELETE,
                                            ResourceKind.VALIDATION_RECORD,
                                            record.getKey(),
                                            null,
                                            "the hosted zone is deleted"),
                                    () -> {});
                            deletes.add(ZoneRecords.delete(set));
                        });
            }
        }
        if (run.writing()) {
            ZoneRecords.change(
                    run, zone.id(), deletes, "https-setup " + spec.stack() + ": remove validation records", false);
        }
    }

    /**
     * Whether this destroy deletes the zone (created by the stack, {@code deleteOnDestroy}): only then do the
     * validation records go. Otherwise they stay, as Terraform and the CDK leave them: ACM uses one record per
     * name for every certificate of the account in every region, also to renew them, and which of those exist
     * cannot be known from one region.
     */
    private boolean deletesZone(States.Zone zone) {
        if (run.mode() != Run.Mode.DESTROY || !spec.domain().hostedZone().deleteOnDestroy()) {
            return false;
        }
        return run
                .route53()
                .listTagsForResource(
                        r -> r.resourceType(TagResourceType.HOSTEDZONE).resourceId(zone.id()))
                .resourceTagSet()
                .tags()
                .stream()
                .anyMatch(t ->
                        HttpsSetup.OWNERSHIP_TAG.equals(t.key()) && run.owner().equals(t.value()));
    }

    /**
     * Deletes the certificate, retrying while ACM still sees it in use: its view lags the load balancer by
     * seconds to minutes (Terraform retries for 20 min), so the retries last up to the description's
     * {@code waitTimeout}. A certificate already gone counts as deleted.
     */
    private void deleteCertificate(String arn) {
        try {
            run.retryingFor(
                    spec.waitTimeout(),
                    STEP,
                    "deleting certificate " + arn,
                    () -> {
                        try {
                            run.aws().acm().deleteCertificate(r -> r.certificateArn(arn));
                        } catch (ResourceInUseException e) {
                            List<String> foreign = describeIfKnown(arn)
                                    .map(d -> foreignUsers(d.inUseBy()))
                                    .orElse(List.of());
                            if (!foreign.isEmpty()) {
                                throw new HttpsSetupException(
                                        ErrorCode.AWS_ERROR,
                                        "Certificate " + arn + " cannot be deleted: "
                                                + String.join(", ", foreign) + " uses it, and stack " + spec.stack()
                                                + " does not own it."
                                                + " Point it at another certificate and run again.",
                                        e);
                            }
                            throw e;
                        }
                    },
                    "ResourceInUseException");
        } catch (ResourceNotFoundException e) {
            // deleted meanwhile: what was wanted
        }
    }

    /**
     * The resources in {@code inUseBy} that the stack does not own. A load balancer that no longer exists is
     * not one of them (ACM has not noticed yet that the stack deleted it).
     */
    private List<String> foreignUsers(List<String> inUseBy) {
        List<String> foreign = new ArrayList<>();
        for (String user : inUseBy) {
            if (!user.contains(":elasticloadbalancing:") || !user.contains(":loadbalancer/")) {
                foreign.add(user);
                continue;
            }
            try {
                Map<String, String> tags = new LinkedHashMap<>();
                run.aws()
                        .elb()
                        .describeTags(r -> r.resourceArns(user))
                        .tagDescriptions()
                        .forEach(d -> d.tags().forEach(t -> tags.put(t.key(), t.value())));
                if (!run.owns(tags)) {
                    foreign.add(user);
                }
            } catch (LoadBalancerNotFoundException e) {
                // gone
            }
        }
        return foreign;
    }
}
