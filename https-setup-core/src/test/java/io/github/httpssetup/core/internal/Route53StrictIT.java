package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.httpssetup.core.ApplyResult;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.HttpsSetupExecutor;
import io.github.httpssetup.core.Plan;
import io.github.httpssetup.core.ReferenceWorld;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import io.github.httpssetup.testing.Ec2World;
import io.github.httpssetup.testing.EmulatorProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53domains.Route53DomainsClient;
import software.amazon.awssdk.services.route53domains.model.ContactDetail;
import software.amazon.awssdk.services.route53domains.model.OperationType;

/**
 * The Route 53 and Route 53 Domains defects the strict profile exposes (S9-S11, S13): each test fails on the code
 * before its fix, under the strict profile.
 */
@AwsEmulatorTest
class Route53StrictIT {

    private static final String REGION = "ap-northeast-2";
    private static final String REGISTERED = "shop-demo.com";

    private final ApiCallCounter calls = new ApiCallCounter();
    private ReferenceWorld w;
    private AwsEmulator aws;
    private Route53Client route53;
    private Route53DomainsClient domains;
    private AcmClient acm;
    private Ec2World world;

    @BeforeEach
    void setUp(AwsEmulator emulator) {
        open(emulator);
    }

    private void open(AwsEmulator emulator) {
        w = new ReferenceWorld(emulator).seed(1, 3, false);
        aws = w.aws;
        route53 = w.route53;
        domains = w.domains;
        acm = w.acm;
        world = w.network;
    }

    @AfterEach
    void tearDown() {
        w.close();
    }

    // ---- defect 3: S9, caller references are never reused

    @Test
    void apply_afterDestroyWithZoneCreateAndDeleteOnDestroy_createsTheZoneAgainAndConverges() {
        // The same names again at once: ACM answers the reused idempotency token with the deleted certificate
        // (S4) for as long as the engine gives it to become known, so the wait is kept short.
        HttpsSetup spec = spec(d -> d.name("example.com")
                        .alternativeNames("www.example.com")
                        .hostedZone(z -> z.create(true).deleteOnDestroy(true)))
                .waitTimeout(Duration.ofSeconds(15))
                .build();
        executor().apply(spec);
        executor().destroy(spec);
        assertThat(zonesNamed("example.com")).isEmpty();

        ApplyResult again = executor().apply(spec);
        ApplyResult third = executor().apply(spec);

        List<HostedZone> zones = zonesNamed("example.com");
        assertThat(zones).hasSize(1);
        assertThat(again.outputs().hostedZoneId())
                .isEqualTo(DnsNames.zoneId(zones.get(0).id()));
        assertThat(zoneTags(zones.get(0).id())).containsEntry("https-setup:stack", "shop");
        assertThat(third.apiCalls().writes()).isZero();
    }

    // ---- defect 4: S10, at most 10 tags per call

    @Test
    void apply_withTwelveUserTagsAndZoneCreate_tagsTheZoneInCallsOfTen_andTheNextApplyMakesNoWrite() {
        HttpsSetup.Builder builder = spec(d -> d.name("example.com").hostedZone(z -> z.create(true)));
        IntStream.rangeClosed(1, 12).forEach(i -> builder.addTag("k" + i, "v" + i));
        HttpsSetup spec = builder.build();

        executor().apply(spec);
        ApplyResult again = executor().apply(spec);

        Map<String, String> tags = zoneTags(zonesNamed("example.com").get(0).id());
        assertThat(tags)
                .hasSize(14)
                .containsEntry("https-setup:stack", "shop")
                .containsEntry("k12", "v12")
                .containsEntry("team", "web");
        assertThat(calls.snapshot().byOperation()).containsEntry("Route53:ChangeTagsForResource", 2);
        assertThat(again.apiCalls().writes()).isZero();
    }

    // ---- defect 11: S11, names outside the zone at a dot boundary; names below a delegation

    @Test
    void apply_whenANameEndsWithTheZoneNameButIsOutsideIt_failsInPlanNamingTheZoneItNeeds_andRequestsNoCertificate() {
        zone("example.com");
        HttpsSetup spec = spec(d -> d.name("example.com").alternativeNames("shopexample.com"))
                .build();

        assertThatThrownBy(() -> executor().apply(spec)).isInstanceOfSatisfying(HttpsSetupException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.HOSTED_ZONE_NOT_FOUND);
            assertThat(e.getMessage())
                    .contains(
                            "\"shopexample.com\" is outside example.com",
                            "a hosted zone of its own, such as \"shopexample.com\"");
        });
        assertThat(acm.listCertificates().certificateSummaryList()).isEmpty();
        assertThat(calls.snapshot().writes()).isZero();
    }

    @Test
    void plan_whenANameIsBelowAnNsDelegationInTheZone_failsNamingTheDelegatedZone() {
        String zoneId = zone("example.com");
        route53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId)
                .changeBatch(b -> b.changes(c -> c.action("CREATE")
                        .resourceRecordSet(s -> s.name("sub.example.com")
                                .type(RRType.NS)
                                .ttl(300L)
                                .resourceRecords(v -> v.value("ns1.elsewhere.net"))))));
        HttpsSetup spec = spec(d -> d.name("example.com").alternativeNames("app.sub.example.com"))
                .build();

        assertThatThrownBy(() -> executor().plan(spec))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class,
                        e -> assertThat(e.getMessage())
                                .contains(
                                        "\"app.sub.example.com\" is below \"sub.example.com\"",
                                        "It needs the zone \"sub.example.com\""));
    }

    // ---- defect 17: S11b, paging inside a group of weighted record sets

    @Test
    void zoneRecords_whenAPageEndsInsideAGroupOfWeightedRecords_readsEachRecordSetOnce() {
        String zoneId = zone("example.com");
        List<Change> changes = new java.util.ArrayList<>();
        IntStream.range(0, 295)
                .forEach(i -> changes.add(create(s -> s.name(String.format("a%03d.example.com", i))
                        .type(RRType.TXT)
                        .ttl(60L)
                        .resourceRecords(v -> v.value("\"x\"")))));
        IntStream.range(0, 10)
                .forEach(i -> changes.add(create(s -> s.name("w.example.com")
                        .type(RRType.A)
                        .setIdentifier("weight-" + i)
                        .weight(1L)
                        .ttl(60L)
                        .resourceRecords(v -> v.value("10.0.0." + i)))));
        route53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId).changeBatch(b -> b.changes(changes)));
        HttpsSetup spec = spec(d -> d.name("example.com")).build();

        try (AwsClients clients = Runs.clients(aws, spec)) {
            List<ResourceRecordSet> read = ZoneRecords.read(Runs.run(clients, spec, Run.Mode.PLAN, null), zoneId)
                    .all();

            assertThat(read).hasSize(295 + 10 + 2); // with the zone's NS and SOA
            assertThat(read.stream().map(r -> r.name() + " " + r.type() + " " + r.setIdentifier()))
                    .doesNotHaveDuplicates();
        }
    }

    // ---- defect 13: S13, a registration that outlasts the wait is resumed, not repeated

    @Test
    void apply_whenTheRegistrationOutlastsTheWait_theNextApplyWaitsForItInsteadOfRegisteringAgain() {
        try (AwsEmulator slow = AwsEmulator.startDedicated(
                EmulatorProfile.STRICT, Map.of("HTTPS_SETUP_STRICT_DOMAINS_REGISTRATION_SECONDS", "8"))) {
            tearDown();
            open(slow);
            HttpsSetup spec = registration().build();

            assertThatThrownBy(() -> executor()
                            .apply(spec.toBuilder()
                                    .waitTimeout(Duration.ofSeconds(1))
                                    .build()))
                    .isInstanceOfSatisfying(HttpsSetupException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.WAIT_TIMEOUT);
                        assertThat(e.getMessage()).contains("waits for this operation instead of registering again");
                    });
            Plan plan = executor().plan(spec);
            ApplyResult resumed = executor().apply(spec);

            assertThat(plan.changes()).anySatisfy(c -> assertThat(c.reason()).contains("registration in progress"));
            assertThat(resumed.outputs().domainRegisteredInAccount()).isTrue();
            assertThat(domains.listOperations(r -> r.type(OperationType.REGISTER_DOMAIN))
                            .operations())
                    .hasSize(1);
            assertThat(domains.getDomainDetail(r -> r.domainName(REGISTERED)).domainName())
                    .isEqualTo(REGISTERED);
            assertThat(executor().apply(spec).apiCalls().writes()).isZero();
        }
    }

    // ---- defect 14: the zone the registration delegates to, next to one that existed

    @Test
    void apply_withRegistration_whenAZoneOfTheDomainAlreadyExists_usesTheZoneTheDomainDelegatesTo() {
        String existing = zone(REGISTERED);
        HttpsSetup spec = registration().build();

        ApplyResult result = executor().apply(spec);
        ApplyResult again = executor().apply(spec);

        Set<String> delegatedTo = domains.getDomainDetail(r -> r.domainName(REGISTERED)).nameservers().stream()
                .map(n -> DnsNames.normalize(n.name()))
                .collect(Collectors.toCollection(TreeSet::new));
        String used = result.outputs().hostedZoneId();
        Set<String> usedServers = route53.getHostedZone(r -> r.id(used)).delegationSet().nameServers().stream()
                .map(DnsNames::normalize)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(zonesNamed(REGISTERED)).hasSize(2);
        assertThat(used).isNotEqualTo(existing);
        assertThat(usedServers).isEqualTo(delegatedTo);
        assertThat(again.apiCalls().writes()).isZero();
        assertPolicyAllowsEveryCall(spec);
    }

    // ---- defect 16: a name someone else holds

    @Test
    void plan_withRegistration_whenAnotherAccountHoldsTheDomain_saysItIsUnavailable_andRegistersNothing() {
        try (Route53DomainsClient other = aws.configure(Route53DomainsClient.builder())
                .region(Region.US_EAST_1)
                .overrideConfiguration(c -> c.putHeader("x-moto-account-id", "111122223333"))
                .build()) {
            ContactDetail contact = ContactDetail.builder()
                    .firstName("Ann")
                    .lastName("Other")
                    .contactType("PERSON")
                    .email("ann@other.net")
                    .phoneNumber("+1.2065550111")
                    .addressLine1("2 Side St")
                    .city("Seattle")
                    .state("WA")
                    .countryCode("US")
                    .zipCode("98101")
                    .build();
            other.registerDomain(r -> r.domainName(REGISTERED)
                    .durationInYears(2)
                    .adminContact(contact)
                    .registrantContact(contact)
                    .techContact(contact));
        }

        assertThatThrownBy(() -> executor().plan(registration().build()))
                .isInstanceOfSatisfying(HttpsSetupException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DOMAIN_REGISTRATION);
                    assertThat(e.getMessage())
                            .contains(REGISTERED + " cannot be registered (UNAVAILABLE)", "someone else holds it");
                });
        assertThat(domains.listOperations(r -> r.type(OperationType.REGISTER_DOMAIN))
                        .operations())
                .isEmpty();
        assertThat(calls.snapshot().writes()).isZero();
    }

    // ---- defect 6: partitions

    @Test
    void plan_withRegistrationInAChinaRegion_isRefused_becauseRoute53DomainsIsCommercialOnly() {
        HttpsSetup spec = registration().region("cn-north-1").build();

        assertThatThrownBy(() -> executor().plan(spec))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class,
                        e -> assertThat(e.getMessage())
                                .contains("Route 53 Domains exists only in the commercial AWS partition", "aws-cn"));
        assertThat(calls.snapshot().byOperation().keySet()).noneMatch(k -> k.startsWith("Route53Domains:"));
    }

    // ---- helpers

    private HttpsSetup.Builder spec(Consumer<io.github.httpssetup.core.DomainSpec.Builder> domain) {
        return w.spec().domain(domain);
    }

    private HttpsSetup.Builder registration() {
        return spec(d -> d.name(REGISTERED)
                .alternativeNames("www." + REGISTERED)
                .registration(r -> r.durationInYears(2)
                        .contact(c -> c.firstName("Jane")
                                .lastName("Doe")
                                .email("jane@" + REGISTERED)
                                .phoneNumber("+1.2065550100")
                                .addressLine1("1 Main St")
                                .city("Seattle")
                                .state("WA")
                                .countryCode("US")
                                .zipCode("98101"))));
    }

    private HttpsSetupExecutor executor() {
        return w.executor(calls);
    }

    private static Change create(Consumer<ResourceRecordSet.Builder> set) {
        return Change.builder().action("CREATE").resourceRecordSet(set).build();
    }

    private String zone(String name) {
        return DnsNames.zoneId(route53.createHostedZone(r -> r.name(name).callerReference("test-" + System.nanoTime()))
                .hostedZone()
                .id());
    }

    private List<HostedZone> zonesNamed(String name) {
        return route53.listHostedZones().hostedZones().stream()
                .filter(z -> DnsNames.normalize(z.name()).equals(name))
                .toList();
    }

    private Map<String, String> zoneTags(String zoneId) {
        return route53
                .listTagsForResource(r -> r.resourceType("hostedzone").resourceId(DnsNames.zoneId(zoneId)))
                .resourceTagSet()
                .tags()
                .stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }

    private void assertPolicyAllowsEveryCall(HttpsSetup spec) {
        ReferenceWorld.assertPolicyAllows(spec, calls);
    }
}
