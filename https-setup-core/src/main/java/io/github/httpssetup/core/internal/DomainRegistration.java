package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.AttributeChange;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.ContactSpec;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.RegistrationSpec;
import io.github.httpssetup.core.ResourceKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.route53domains.model.CheckDomainAvailabilityResponse;
import software.amazon.awssdk.services.route53domains.model.ContactDetail;
import software.amazon.awssdk.services.route53domains.model.DomainAvailability;
import software.amazon.awssdk.services.route53domains.model.GetDomainDetailResponse;
import software.amazon.awssdk.services.route53domains.model.InvalidInputException;
import software.amazon.awssdk.services.route53domains.model.ListOperationsResponse;
import software.amazon.awssdk.services.route53domains.model.Nameserver;
import software.amazon.awssdk.services.route53domains.model.OperationStatus;
import software.amazon.awssdk.services.route53domains.model.OperationSummary;
import software.amazon.awssdk.services.route53domains.model.OperationType;

/**
 * Opt-in registration of the domain through Route 53 Domains (it costs money, hence opt-in), and the
 * registered domain's name servers kept equal to the hosted zone's.
 */
final class DomainRegistration {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DomainRegistration.class);

    private final Run run;

    DomainRegistration(Run run) {
        this.run = run;
    }

    /** Registers the domain unless the account already holds it. Runs before the hosted zone: registration makes the zone. */
    void converge() {
        Optional<RegistrationSpec> registration = run.spec().domain().registration();
        if (registration.isEmpty()) {
            return;
        }
        String domain = registrableDomain();
        String partition = AwsClients.partition(run.spec().region());
        if (!"aws".equals(partition)) {
            throw new HttpsSetupException(
                    ErrorCode.DOMAIN_REGISTRATION,
                    "domain.registration: Route 53 Domains exists only"
                            + " in the commercial AWS partition (us-east-1), not in " + partition + " where region "
                            + run.spec().region() + " is. Register " + domain
                            + " elsewhere, remove domain.registration, and"
                            + " delegate the domain to the hosted zone's name servers.");
        }
        if (detail(domain).isPresent()) {
            run.unchanged(ResourceKind.DOMAIN_REGISTRATION, domain, null);
            run.outputs().domainRegisteredInAccount = true;
            return;
        }
        RegistrationSpec r = registration.get();
        Optional<OperationSummary> inProgress = registrationInProgress(domain);
        if (inProgress.isPresent()) {
            // An earlier apply registered it and stopped waiting: registering again would be a DuplicateRequest.
            String operation = inProgress.get().operationId();
            run.change(
                    Change.of(
                            ChangeAction.CREATE,
                            ResourceKind.DOMAIN_REGISTRATION,
                            domain,
                            null,
                            "registration in progress (operation " + operation + "): waiting for it"),
                    () -> {
                        awaitOperation(operation, "registering " + domain);
                        run.outputs().domainRegisteredInAccount = true;
                    });
            run.outputs().domainRegisteredInAccount = run.writing();
            return;
        }
        checkAvailable(domain);
        run.change(
                new Change(
                        ChangeAction.CREATE,
                        ResourceKind.DOMAIN_REGISTRATION,
                        domain,
                        null,
                        Run.attributes(
                                "durationInYears",
                                r.durationInYears(),
                                "autoRenew",
                                r.autoRenew(),
                                "privacyProtection",
                                r.privacyProtection()),
                        "billed by Route 53 Domains"),
                () -> register(domain, r));
        run.outputs().domainRegisteredInAccount = run.writing();
    }

    /** After the zone is known: the registered domain must delegate to the zone's name servers. */
    void convergeNameServers(States.Zone zone) {
        if (run.spec().domain().registration().isEmpty() || zone.id() == null) {
            return;
        }
        String domain = registrableDomain();
        Optional<GetDomainDetailResponse> detail = detail(domain);
        if (detail.isEmpty()) {
            return; // a plan before registration
        }
        Set<String> current = new TreeSet<>();
        detail.get().nameservers().forEach(n -> current.add(DnsNames.normalize(n.name())));
        Set<String> wanted = new TreeSet<>(zone.nameServers());
        if (current.equals(wanted) || wanted.isEmpty()) {
            run.unchanged(ResourceKind.DOMAIN_REGISTRATION, domain + " name servers", null);
            return;
        }
        run.change(
                new Change(
                        ChangeAction.UPDATE,
                        ResourceKind.DOMAIN_REGISTRATION,
                        domain + " name servers",
                        null,
                        List.of(new AttributeChange(
                                "nameServers", String.join(",", current), String.join(",", wanted))),
                        "must equal the hosted zone's"),
                () -> {
                    String operation = run.aws()
                            .domains()
                            .updateDomainNameservers(u -> u.domainName(domain)
                                    .nameservers(wanted.stream()
                                            .map(n ->
                                                    Nameserver.builder().name(n).build())
                                            .toList()))
                            .operationId();
                    awaitOperation(operation, "updating the name servers of " + domain);
                });
    }

    /**
     * Pre-flight without {@code domain.registration}, in a plan only: when the zone's apex is a domain registered in this
     * account (Route 53 Domains) that delegates to other name servers than the zone's, ACM cannot validate and the site
     * is not reachable by name; warns with the fix. One GetDomainDetail, made only on the occasions the callers choose
     * (the stack creates the zone; the certificate is still waiting for validation), never on a converged stack. A
     * policy without {@code route53domains:GetDomainDetail}, or any other error, skips the check.
     *
     * @param zone     the zone; no name servers when the plan creates it
     * @param occasion why the check runs, for the warning: what waits on the delegation
     */
    void checkDelegation(States.Zone zone, String occasion) {
        if (run.spec().domain().registration().isPresent()
                || run.mode() == Run.Mode.APPLY
                || zone == null
                || zone.name() == null
                || !"aws".equals(AwsClients.partition(run.spec().region()))) {
            return;
        }
        String domain = DnsNames.normalize(zone.name());
        Optional<GetDomainDetailResponse> detail;
        try {
            detail = detail(domain);
        } catch (AwsServiceException e) {
            LOG.debug("Name servers of {} not checked: Route 53 Domains answered {}", domain, e.getMessage());
            return;
        }
        if (detail.isEmpty()) {
            return; // not registered in this account: its registrar is elsewhere, out of reach
        }
        Set<String> registered = new TreeSet<>();
        detail.get().nameservers().forEach(n -> registered.add(DnsNames.normalize(n.name())));
        Set<String> zoneServers = new TreeSet<>();
        zone.nameServers().forEach(n -> zoneServers.add(DnsNames.normalize(n)));
        String mismatch = delegationMismatch(domain, registered, zoneServers, occasion);
        if (mismatch != null) {
            run.warn("name servers", mismatch);
        }
    }

    /**
     * The warning when a registered domain delegates elsewhere than its zone; {@code null} when it delegates to the zone.
     *
     * @param zoneServers the zone's name servers; empty for a zone still to be created
     */
    static String delegationMismatch(String domain, Set<String> registered, Set<String> zoneServers, String occasion) {
        if (!zoneServers.isEmpty() && registered.equals(zoneServers)) {
            return null;
        }
        String fix = " Add domain.registration to the description so apply sets them (the domain is already"
                + " registered: nothing is bought), or set them in Route 53 Domains (Registered domains, " + domain
                + ", Name servers).";
        if (zoneServers.isEmpty()) {
            return domain + " is registered in this account and delegates to " + String.join(", ", registered)
                    + "; the hosted zone this stack creates gets name servers of its own, so " + occasion
                    + " until the domain delegates to them (outputs.nameServers after apply)." + fix;
        }
        return domain + " is registered in this account and delegates to " + String.join(", ", registered)
                + ", not to its hosted zone's name servers " + String.join(", ", zoneServers) + ": " + occasion
                + " until it does." + fix;
    }

    /** The name servers the registered domain delegates to; empty when the account does not hold the domain (yet). */
    Optional<Set<String>> registeredNameServers() {
        if (run.spec().domain().registration().isEmpty()) {
            return Optional.empty();
        }
        return detail(registrableDomain()).map(d -> {
            Set<String> servers = new TreeSet<>();
            d.nameservers().forEach(n -> servers.add(DnsNames.normalize(n.name())));
            return Set.copyOf(servers);
        });
    }

    /** A registration of the domain that Route 53 Domains is still working on (submitted or in progress). */
    private Optional<OperationSummary> registrationInProgress(String domain) {
        return run.observe(ResourceKind.DOMAIN_REGISTRATION, "registration in progress " + domain, () -> {
            String marker = null;
            do {
                String m = marker;
                ListOperationsResponse page = run.aws().domains().listOperations(r -> {
                    r.status(OperationStatus.IN_PROGRESS, OperationStatus.SUBMITTED)
                            .type(OperationType.REGISTER_DOMAIN);
                    if (m != null) {
                        r.marker(m);
                    }
                });
                Optional<OperationSummary> found = page.operations().stream()
                        .filter(o -> o.type() == OperationType.REGISTER_DOMAIN)
                        .filter(o ->
                                o.status() == OperationStatus.IN_PROGRESS || o.status() == OperationStatus.SUBMITTED)
                        .filter(o -> o.domainName() != null
                                && DnsNames.normalize(o.domainName()).equals(domain))
                        .findFirst();
                if (found.isPresent()) {
                    return found;
                }
                marker = page.nextPageMarker();
            } while (marker != null && !marker.isEmpty());
            return Optional.<OperationSummary>empty();
        });
    }

    /** Before anything is billed: the name must be free to register. */
    private void checkAvailable(String domain) {
        CheckDomainAvailabilityResponse answer = run.observe(
                ResourceKind.DOMAIN_REGISTRATION,
                "availability " + domain,
                () -> run.aws().domains().checkDomainAvailability(r -> r.domainName(domain)));
        DomainAvailability availability = answer.availability();
        if (availability == DomainAvailability.AVAILABLE) {
            return;
        }
        String why = switch (availability == null ? DomainAvailability.UNKNOWN_TO_SDK_VERSION : availability) {
            case UNAVAILABLE ->
                "someone else holds it. Choose another name; or, if it is yours at another registrar or in"
                        + " another AWS account, remove domain.registration and delegate the domain to the hosted zone's name"
                        + " servers";
            case UNAVAILABLE_PREMIUM -> "it is a premium name, which Route 53 does not sell. Choose another name";
            case UNAVAILABLE_RESTRICTED -> "its registry restricts who may register it. Choose another name";
            case RESERVED, AVAILABLE_RESERVED, AVAILABLE_PREORDER ->
                "its registry reserves it or offers it only by"
                        + " pre-order, which Route 53 does not handle. Choose another name";
            case INVALID_NAME_FOR_TLD -> "the name is not valid for its top-level domain. Check the spelling";
            case PENDING, DONT_KNOW -> "Route 53 Domains could not tell yet. Run plan again in a few minutes";
            default -> "Route 53 Domains answered " + answer.availabilityAsString() + ". Choose another name";
        };
        throw new HttpsSetupException(
                ErrorCode.DOMAIN_REGISTRATION,
                "domain.registration: " + domain + " cannot be" + " registered (" + answer.availabilityAsString()
                        + "): " + why + ".");
    }

    /** The domain is never deleted: it was paid for. */
    void destroy(List<String> kept) {
        if (run.spec().domain().registration().isPresent()) {
            kept.add("domain registration " + registrableDomain() + ": registered domains are never deleted (disable"
                    + " auto-renew in the Route 53 console to let it lapse)");
        }
    }

    /** The registered domain: the zone's name when given, else the domain itself. */
    private String registrableDomain() {
        return run.spec()
                .domain()
                .hostedZone()
                .name()
                .orElse(run.spec().domain().name());
    }

    private Optional<GetDomainDetailResponse> detail(String domain) {
        return run.observe(ResourceKind.DOMAIN_REGISTRATION, "domain " + domain, () -> readDetail(domain));
    }

    private Optional<GetDomainDetailResponse> readDetail(String domain) {
        try {
            return Optional.of(run.aws().domains().getDomainDetail(r -> r.domainName(domain)));
        } catch (InvalidInputException e) {
            return Optional.empty(); // "Domain ... is not associated with this account" (or not registered at all)
        }
    }

    private void register(String domain, RegistrationSpec r) {
        ContactDetail contact = contact(r.contact());
        String operation = run.aws()
                .domains()
                .registerDomain(b -> b.domainName(domain)
                        .durationInYears(r.durationInYears())
                        .autoRenew(r.autoRenew())
                        .adminContact(contact)
                        .registrantContact(contact)
                        .techContact(contact)
                        .privacyProtectAdminContact(r.privacyProtection())
                        .privacyProtectRegistrantContact(r.privacyProtection())
                        .privacyProtectTechContact(r.privacyProtection()))
                .operationId();
        awaitOperation(operation, "registering " + domain);
        run.outputs().domainRegisteredInAccount = true;
    }

    private void awaitOperation(String operationId, String what) {
        Duration limit = run.spec().waitTimeout();
        run.await(
                "domain",
                what,
                limit,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                () -> {
                    var detail = run.aws().domains().getOperationDetail(r -> r.operationId(operationId));
                    OperationStatus status = detail.status();
                    if (status == OperationStatus.SUCCESSFUL) {
                        return Optional.of(Boolean.TRUE);
                    }
                    if (status == OperationStatus.FAILED || status == OperationStatus.ERROR) {
                        throw new HttpsSetupException(
                                ErrorCode.DOMAIN_REGISTRATION,
                                what + " failed (operation " + operationId + ", " + status + "): " + detail.message()
                                        + ". See the Route 53 Domains console for details.");
                    }
                    return Optional.empty();
                },
                () -> new HttpsSetupException(
                        ErrorCode.WAIT_TIMEOUT,
                        what + " is still in progress after "
                                + format(limit) + " (operation " + operationId
                                + "); Route 53 Domains goes on with it. Registrations can take longer for some top-level domains: run"
                                + " apply again later (or raise waitTimeout); it waits for this operation instead of registering again."));
    }

    private static String format(Duration d) {
        return d.toMinutes() > 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private static ContactDetail contact(ContactSpec c) {
        return ContactDetail.builder()
                .firstName(c.firstName())
                .lastName(c.lastName())
                .organizationName(c.organizationName().orElse(null))
                .contactType(c.contactType().name())
                .email(c.email())
                .phoneNumber(c.phoneNumber())
                .addressLine1(c.addressLine1())
                .addressLine2(c.addressLine2().orElse(null))
                .city(c.city())
                .state(c.state().orElse(null))
                .countryCode(c.countryCode())
                .zipCode(c.zipCode())
                .build();
    }
}
