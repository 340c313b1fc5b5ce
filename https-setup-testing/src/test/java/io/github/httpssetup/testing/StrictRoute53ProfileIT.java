package io.github.httpssetup.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53domains.Route53DomainsClient;
import software.amazon.awssdk.services.route53domains.model.ContactDetail;
import software.amazon.awssdk.services.route53domains.model.DomainAvailability;
import software.amazon.awssdk.services.route53domains.model.OperationStatus;

/** The strict profile's Route 53 and Route 53 Domains behaviours (S9, S9b, S10, S11, S11b, S13), seen through the SDK. */
@AwsEmulatorTest
class StrictRoute53ProfileIT {

    private Route53Client route53;
    private Route53DomainsClient domains;
    private AwsEmulator dedicated;

    @BeforeEach
    void setUp(AwsEmulator shared) {
        AwsEmulator aws = shared;
        if (shared.profile() != EmulatorProfile.STRICT) {
            dedicated = AwsEmulator.startDedicated(EmulatorProfile.STRICT, java.util.Map.of());
            aws = dedicated;
        }
        aws.reset();
        route53 = aws.withRegion("us-east-1").client(Route53Client.builder());
        domains = aws.withRegion("us-east-1").client(Route53DomainsClient.builder());
    }

    @AfterEach
    void tearDown() {
        route53.close();
        domains.close();
        if (dedicated != null) {
            dedicated.close();
        }
    }

    @Test
    void s9_createHostedZone_refusesACallerReferenceUsedBefore_evenAfterItsZoneWasDeleted() {
        String id = route53.createHostedZone(r -> r.name("example.com").callerReference("ref-1"))
                .hostedZone()
                .id();
        route53.deleteHostedZone(r -> r.id(id));

        assertThatThrownBy(() ->
                        route53.createHostedZone(r -> r.name("example.com").callerReference("ref-1")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("HostedZoneAlreadyExists");
                    assertThat(e.statusCode()).isEqualTo(409);
                });
    }

    @Test
    void s9b_everyZoneHasItsOwnNameServers() {
        List<String> first = route53.createHostedZone(r -> r.name("example.com").callerReference("a"))
                .delegationSet()
                .nameServers();
        List<String> second = route53.createHostedZone(
                        r -> r.name("example.com").callerReference("b"))
                .delegationSet()
                .nameServers();

        assertThat(first).hasSize(4).doesNotContainAnyElementsOf(second);
    }

    @Test
    void s10_changeTagsForResource_takesAtMostTenTagsPerCall() {
        String id = zone("example.com");
        List<Tag> eleven = IntStream.rangeClosed(1, 11)
                .mapToObj(i -> Tag.builder().key("k" + i).value("v").build())
                .toList();

        assertThatThrownBy(() -> route53.changeTagsForResource(
                        r -> r.resourceType("hostedzone").resourceId(id).addTags(eleven)))
                .isInstanceOfSatisfying(
                        AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInput"));
        route53.changeTagsForResource(
                r -> r.resourceType("hostedzone").resourceId(id).addTags(eleven.subList(0, 10)));
        assertThat(route53.listTagsForResource(r -> r.resourceType("hostedzone").resourceId(id))
                        .resourceTagSet()
                        .tags())
                .hasSize(10);
    }

    @Test
    void s11_changeResourceRecordSets_refusesANameOutsideTheZoneAtADotBoundary() {
        String id = zone("example.com");

        assertThatThrownBy(() -> txt(id, "shopexample.com")).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidChangeBatch");
            assertThat(e.awsErrorDetails().errorMessage())
                    .contains("shopexample.com", "not permitted in zone example.com");
        });
    }

    @Test
    void s11_aChangeIsPendingForAWhile_thenInSync() throws InterruptedException {
        String id = zone("example.com");

        ChangeInfo change = txt(id, "www.example.com");
        ChangeInfo other = txt(id, "api.example.com");

        assertThat(change.status()).isEqualTo(ChangeStatus.PENDING);
        assertThat(other.id()).isNotEqualTo(change.id());
        assertThat(route53.getChange(r -> r.id(change.id())).changeInfo().status())
                .isEqualTo(ChangeStatus.PENDING);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (route53.getChange(r -> r.id(change.id())).changeInfo().status() != ChangeStatus.INSYNC) {
            assertThat(System.nanoTime()).as("INSYNC within 30 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void s11b_recordSetsArePagedByRecordIdentifierInsideAGroupOfWeightedRecords() {
        String id = zone("example.com");
        route53.changeResourceRecordSets(r -> r.hostedZoneId(id)
                .changeBatch(b -> b.changes(IntStream.range(0, 5)
                        .mapToObj(i -> Change.builder()
                                .action("CREATE")
                                .resourceRecordSet(s -> s.name("w.example.com")
                                        .type(RRType.A)
                                        .setIdentifier("w" + i)
                                        .weight(1L)
                                        .ttl(60L)
                                        .resourceRecords(v -> v.value("10.0.0." + i)))
                                .build())
                        .toList())));

        var first = route53.listResourceRecordSets(r -> r.hostedZoneId(id).maxItems("4"));
        var second = route53.listResourceRecordSets(r -> r.hostedZoneId(id)
                .maxItems("4")
                .startRecordName(first.nextRecordName())
                .startRecordType(first.nextRecordType())
                .startRecordIdentifier(first.nextRecordIdentifier()));

        assertThat(first.isTruncated()).isTrue();
        assertThat(first.nextRecordIdentifier()).isEqualTo("w2");
        assertThat(second.resourceRecordSets())
                .extracting(s -> s.setIdentifier())
                .containsExactly("w2", "w3", "w4");
    }

    @Test
    void s13_aRegistrationIsInProgressForAWhile_refusesASecondRequest_andMakesTheDomainsZone()
            throws InterruptedException {
        ContactDetail contact = ContactDetail.builder()
                .firstName("Jane")
                .lastName("Doe")
                .contactType("PERSON")
                .email("jane@shop-demo.com")
                .phoneNumber("+1.2065550100")
                .addressLine1("1 Main St")
                .city("Seattle")
                .state("WA")
                .countryCode("US")
                .zipCode("98101")
                .build();
        assertThat(domains.checkDomainAvailability(r -> r.domainName("shop-demo.com"))
                        .availability())
                .isEqualTo(DomainAvailability.AVAILABLE);

        String operation = domains.registerDomain(r -> r.domainName("shop-demo.com")
                        .durationInYears(2)
                        .adminContact(contact)
                        .registrantContact(contact)
                        .techContact(contact))
                .operationId();

        assertThat(domains.getOperationDetail(r -> r.operationId(operation)).status())
                .isEqualTo(OperationStatus.IN_PROGRESS);
        assertThat(domains.checkDomainAvailability(r -> r.domainName("shop-demo.com"))
                        .availability())
                .isEqualTo(DomainAvailability.UNAVAILABLE);
        assertThatThrownBy(() -> domains.registerDomain(r -> r.domainName("shop-demo.com")
                        .durationInYears(2)
                        .adminContact(contact)
                        .registrantContact(contact)
                        .techContact(contact)))
                .isInstanceOfSatisfying(
                        AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DuplicateRequest"));
        assertThat(domains.listDomains().domains()).isEmpty();
        List<String> zoneServers = route53.listHostedZones().hostedZones().stream()
                .filter(z -> z.name().replaceAll("\\.$", "").equals("shop-demo.com"))
                .map(z ->
                        route53.getHostedZone(r -> r.id(z.id())).delegationSet().nameServers())
                .findFirst()
                .orElseThrow();

        long deadline = System.nanoTime() + 30_000_000_000L;
        while (domains.getOperationDetail(r -> r.operationId(operation)).status() != OperationStatus.SUCCESSFUL) {
            assertThat(System.nanoTime()).as("SUCCESSFUL within 30 s").isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(domains.getDomainDetail(r -> r.domainName("shop-demo.com")).nameservers())
                .extracting(n -> n.name())
                .containsExactlyInAnyOrderElementsOf(zoneServers);
    }

    private String zone(String name) {
        return route53.createHostedZone(r -> r.name(name).callerReference("test-" + System.nanoTime()))
                .hostedZone()
                .id()
                .replace("/hostedzone/", "");
    }

    private ChangeInfo txt(String zoneId, String name) {
        return route53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId)
                        .changeBatch(b -> b.changes(c -> c.action("UPSERT")
                                .resourceRecordSet(s -> s.name(name)
                                        .type(RRType.TXT)
                                        .ttl(60L)
                                        .resourceRecords(v -> v.value("\"x\""))))))
                .changeInfo();
    }
}
