package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.httpssetup.core.internal.ApiCallCounter;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53domains.model.ContactDetail;

/**
 * Issue 15, readiness and pre-flight, against the strict profile: a fresh apply ends when its targets turned from
 * {@code initial} to {@code healthy} and its records are {@code INSYNC}; a converged stack's re-apply reads the targets'
 * health once, as before; a target that fails its health checks ends apply with its reason code and what to check (or
 * a warning with {@code targets.waitUntilHealthy: false}); plan warns about CAA records that leave Amazon out.
 */
@AwsEmulatorTest
class ReadinessIT {

    /** The strict profile's stand-in for an application that fails its health checks (elbv2_strict.py). */
    private static final String HEALTH_TAG = "https-setup-strict:target-health";

    private ReferenceWorld fx;

    @BeforeEach
    void setUp(AwsEmulator aws) {
        fx = new ReferenceWorld(aws).seed(2, 2, false).withZone();
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private static int calls(ApiCalls calls, String operation) {
        return calls.byOperation().entrySet().stream()
                .filter(e -> e.getKey().endsWith(":" + operation))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    private List<ProgressEvent> events(ProgressEvent.Type type, String step) {
        return fx.events.stream()
                .filter(e -> e.type() == type && step.equals(e.step()))
                .toList();
    }

    @Test
    void apply_onAFreshStack_waitsUntilTheTargetsAreHealthy_andTheRecordsInSync_thenAReapplyReadsTheHealthOnce() {
        // Without records, readiness starts as soon as the listener forwards to the group: its targets are initial.
        ApplyResult withoutRecords =
                fx.executor().apply(fx.spec().records(r -> r.enabled(false)).build());

        assertThat(events(ProgressEvent.Type.WAITING, "readiness"))
                .as("the targets were initial after the listener was created")
                .isNotEmpty();
        assertThat(events(ProgressEvent.Type.INFO, "readiness"))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("2 targets healthy"));
        assertThat(calls(withoutRecords.apiCalls(), "DescribeTargetHealth")).isGreaterThanOrEqualTo(2);
        assertThat(fx.elb
                        .describeTargetHealth(
                                r -> r.targetGroupArn(withoutRecords.outputs().targetGroupArn()))
                        .targetHealthDescriptions())
                .allSatisfy(d -> assertThat(d.targetHealth().stateAsString()).isEqualTo("healthy"));

        HttpsSetup spec = fx.spec().build();
        ApplyResult withRecords = fx.executor().apply(spec);

        assertThat(withRecords.changes())
                .filteredOn(c -> c.action().writes())
                .extracting(Change::kind)
                .containsOnly(ResourceKind.ALIAS_RECORD, ResourceKind.OWNERSHIP_RECORD);
        assertThat(calls(withRecords.apiCalls(), "GetChange"))
                .as("records waited for until INSYNC (PENDING first in the strict profile)")
                .isPositive();

        fx.events.clear();
        ApplyResult again = fx.executor().apply(spec);

        assertThat(again.apiCalls().writes()).isZero();
        assertThat(calls(again.apiCalls(), "DescribeTargetHealth"))
                .as("the target group's read, used again")
                .isEqualTo(1);
        assertThat(calls(again.apiCalls(), "GetChange")).isZero();
        assertThat(events(ProgressEvent.Type.WAITING, "readiness")).isEmpty();
        assertThat(events(ProgressEvent.Type.INFO, "readiness")).hasSize(1);
    }

    @Test
    void apply_whenATargetFailsItsHealthChecks_failsWithTheReasonAndWhatToCheck_andAReapplyWritesNothing() {
        String failing = fx.network.instanceIds().get(0);
        fx.ec2.createTags(
                r -> r.resources(failing).tags(t -> t.key(HEALTH_TAG).value("Target.ResponseCodeMismatch 404")));
        HttpsSetup spec = fx.spec().build();

        assertThatThrownBy(() -> fx.executor().apply(spec))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TARGETS_UNHEALTHY))
                .hasMessageContaining("1 of 2 targets")
                .hasMessageContaining(failing + " is unhealthy (Target.ResponseCodeMismatch)")
                .hasMessageContaining("[404]")
                .hasMessageContaining("outside the matcher 200")
                .hasMessageContaining("at path /health")
                .hasMessageContaining("targets.waitUntilHealthy: false");
        assertThat(fx.route53
                        .listResourceRecordSets(r -> r.hostedZoneId(fx.zoneId))
                        .resourceRecordSets())
                .as("the records are in place all the same")
                .anySatisfy(s -> {
                    assertThat(s.name()).isEqualTo("www.example.com.");
                    assertThat(s.type()).isEqualTo(RRType.A);
                });

        ApiCallCounter calls = new ApiCallCounter();
        assertThatThrownBy(() -> fx.executor(calls).apply(spec))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TARGETS_UNHEALTHY));
        assertThat(calls.snapshot().writes()).isZero();

        fx.events.clear();
        ApplyResult warned = fx.executor()
                .apply(fx.spec()
                        .targets(t -> t.instanceIds(fx.network.instanceIds())
                                .port(8080)
                                .healthCheck(h -> h.path("/health"))
                                .waitUntilHealthy(false))
                        .build());
        assertThat(warned.apiCalls().writes()).isZero();
        assertThat(events(ProgressEvent.Type.WARNING, "readiness"))
                .singleElement()
                .satisfies(e -> assertThat(e.message())
                        .contains("targets.waitUntilHealthy is false")
                        .contains(failing + " is unhealthy (Target.ResponseCodeMismatch)"));

        fx.ec2.deleteTags(r -> r.resources(failing).tags(t -> t.key(HEALTH_TAG)));
        assertThat(fx.executor().apply(spec).apiCalls().writes()).isZero();
    }

    @Test
    void plan_whenTheZoneHasCaaRecordsWithoutAmazon_warnsWithTheRecordToAdd_andWithAmazonDoesNot() {
        fx.route53.changeResourceRecordSets(r -> r.hostedZoneId(fx.zoneId)
                .changeBatch(b -> b.changes(c -> c.action("UPSERT")
                        .resourceRecordSet(s -> s.name("example.com.")
                                .type(RRType.CAA)
                                .ttl(300L)
                                .resourceRecords(v -> v.value("0 issue \"letsencrypt.org\""))))));
        HttpsSetup spec = fx.spec().build();
        ApiCallCounter calls = new ApiCallCounter();

        fx.executor(calls).plan(spec);

        assertThat(events(ProgressEvent.Type.WARNING, "certificate"))
                .extracting(ProgressEvent::message)
                .anySatisfy(m -> assertThat(m)
                        .contains("do not allow Amazon to issue a certificate for www.example.com")
                        .contains("example.com CAA 0 issue \"amazon.com\""));
        assertThat(calls(calls.snapshot(), "ListResourceRecordSets"))
                .as("the zone's records as read for the certificate")
                .isEqualTo(1);
        assertThat(calls.snapshot().byOperation().keySet())
                .as("the zone exists and no certificate waits for validation: no delegation check")
                .noneMatch(k -> k.startsWith("Route53Domains:"));

        fx.events.clear();
        fx.route53.changeResourceRecordSets(r -> r.hostedZoneId(fx.zoneId)
                .changeBatch(b -> b.changes(c -> c.action("UPSERT")
                        .resourceRecordSet(s -> s.name("example.com.")
                                .type(RRType.CAA)
                                .ttl(300L)
                                .resourceRecords(
                                        v -> v.value("0 issue \"letsencrypt.org\""),
                                        v -> v.value("0 issue \"amazon.com\""))))));
        fx.executor().plan(spec);

        assertThat(events(ProgressEvent.Type.WARNING, "certificate")).isEmpty();
    }

    @Test
    void plan_whenItCreatesTheZoneOfADomainRegisteredInTheAccount_warnsThatTheDelegationMustChange()
            throws InterruptedException {
        ContactDetail contact = ContactDetail.builder()
                .firstName("Jane")
                .lastName("Doe")
                .contactType("PERSON")
                .email("jane@example.com")
                .phoneNumber("+1.2065550100")
                .addressLine1("1 Main St")
                .city("Seattle")
                .state("WA")
                .countryCode("US")
                .zipCode("98101")
                .build();
        fx.domains.registerDomain(r -> r.domainName(ReferenceWorld.DOMAIN)
                .durationInYears(2) // moto refuses 1: its expiry check counts from a moment later
                .adminContact(contact)
                .registrantContact(contact)
                .techContact(contact));
        for (int i = 0; i < 100 && fx.domains.listDomains().domains().isEmpty(); i++) {
            Thread.sleep(100); // the strict profile registers after a second
        }
        // Neither the fixture's zone nor the one the registration made: the stack is to create it.
        fx.route53.listHostedZonesByName(r -> r.dnsName(ReferenceWorld.DOMAIN)).hostedZones().stream()
                .filter(z -> z.name().equals(ReferenceWorld.DOMAIN + "."))
                .forEach(z -> fx.route53.deleteHostedZone(r -> r.id(z.id().replace("/hostedzone/", ""))));
        HttpsSetup spec = fx.spec()
                .domain(d -> d.name(ReferenceWorld.DOMAIN)
                        .alternativeNames("www." + ReferenceWorld.DOMAIN)
                        .hostedZone(z -> z.create(true)))
                .build();

        fx.executor().plan(spec);

        assertThat(events(ProgressEvent.Type.WARNING, "name servers"))
                .singleElement()
                .satisfies(e -> assertThat(e.message())
                        .contains("example.com is registered in this account and delegates to")
                        .contains("the hosted zone this stack creates gets name servers of its own")
                        .contains("domain.registration"));
    }
}
