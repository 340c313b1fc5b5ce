package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.httpssetup.core.AttributeChange;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.IpAddressType;
import io.github.httpssetup.core.ReferenceWorld;
import io.github.httpssetup.core.ResourceKind;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The alias records alone, against the emulator: a hosted zone made through the SDK, and load balancers
 * as the chain hands them over (Route 53 does not check alias targets).
 */
@AwsEmulatorTest
class AliasRecordsIT {

    private static final String REGION = "eu-west-1";
    private static final States.LoadBalancer LB = new States.LoadBalancer(
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop-https/0123456789abcdef",
            "shop-https-1.eu-west-1.elb.amazonaws.com",
            "Z32O12XQLNTSW2");
    private static final States.LoadBalancer OTHER_LB = new States.LoadBalancer(
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/front/fedcba9876543210",
            "front-1.eu-west-1.elb.amazonaws.com",
            "Z32O12XQLNTSW2");

    private AwsEmulator aws;
    private Runs runs;
    private Route53Client route53;
    private States.Zone zone;

    @BeforeEach
    void setUp(AwsEmulator emulator) {
        emulator.reset();
        aws = emulator.withRegion(REGION);
        runs = new Runs(aws);
        route53 = aws.client(Route53Client.builder());
        String id = route53.createHostedZone(
                        r -> r.name("example.com").callerReference("alias-it-" + System.nanoTime()))
                .hostedZone()
                .id()
                .replace("/hostedzone/", "");
        zone = new States.Zone(id, "example.com", List.of());
    }

    @AfterEach
    void tearDown() {
        route53.close();
    }

    @Test
    void converge_forDualstack_createsAAndAaaaAliases_andAnOwnershipTxt_forEveryName_inOneBatch() {
        HttpsSetup spec = spec().loadBalancer(lb -> lb.ipAddressType(IpAddressType.DUALSTACK))
                .build();

        Outcome<Void> apply = converge(spec, Run.Mode.APPLY, LB);

        for (String name : List.of("example.com.", "www.example.com.")) {
            for (RRType type : List.of(RRType.A, RRType.AAAA)) {
                ResourceRecordSet record = record(name, type).orElseThrow(() -> new AssertionError(type + " " + name));
                assertThat(record.aliasTarget().hostedZoneId()).isEqualTo("Z32O12XQLNTSW2");
                assertThat(record.aliasTarget().dnsName())
                        .startsWith("dualstack.shop-https-1.eu-west-1.elb.amazonaws.com");
                assertThat(record.aliasTarget().evaluateTargetHealth()).isTrue();
            }
            ResourceRecordSet txt = record("_https-setup." + name, RRType.TXT).orElseThrow();
            assertThat(txt.ttl()).isEqualTo(300L);
            assertThat(txt.resourceRecords()).extracting(r -> r.value()).containsExactly("\"https-setup:stack=shop\"");
        }
        assertThat(apply.changes())
                .extracting(Change::kind, Change::action, Change::name)
                .containsExactlyInAnyOrder(
                        tuple(ResourceKind.ALIAS_RECORD, ChangeAction.CREATE, "example.com A"),
                        tuple(ResourceKind.ALIAS_RECORD, ChangeAction.CREATE, "example.com AAAA"),
                        tuple(ResourceKind.ALIAS_RECORD, ChangeAction.CREATE, "www.example.com A"),
                        tuple(ResourceKind.ALIAS_RECORD, ChangeAction.CREATE, "www.example.com AAAA"),
                        tuple(ResourceKind.OWNERSHIP_RECORD, ChangeAction.CREATE, "_https-setup.example.com"),
                        tuple(ResourceKind.OWNERSHIP_RECORD, ChangeAction.CREATE, "_https-setup.www.example.com"));
        assertThat(apply.writes()).isEqualTo(1);
    }

    @Test
    void converge_twice_theSecondMakesZeroWrites_withOneRead() {
        HttpsSetup spec = spec().build();
        converge(spec, Run.Mode.APPLY, LB);

        Outcome<Void> second = converge(spec, Run.Mode.APPLY, LB);

        assertThat(second.writes()).isZero();
        assertThat(second.reads()).isEqualTo(1);
        assertThat(second.changes()).extracting(Change::action).containsOnly(ChangeAction.UNCHANGED);
        assertThat(second.changes())
                .extracting(Change::kind)
                .contains(ResourceKind.ALIAS_RECORD, ResourceKind.OWNERSHIP_RECORD);
    }

    @Test
    void converge_whenAForeignARecordIsAtTheApex_isAConflict_andLeavesItAsItIs() {
        upsert(ResourceRecordSet.builder()
                .name("example.com.")
                .type(RRType.A)
                .ttl(300L)
                .resourceRecords(v -> v.value("192.0.2.10"))
                .build());

        Outcome<Void> plan = converge(spec().build(), Run.Mode.PLAN, LB);

        assertThat(plan.writes()).isZero();
        assertThat(plan.changes())
                .filteredOn(c -> c.action() == ChangeAction.CONFLICT)
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.kind()).isEqualTo(ResourceKind.ALIAS_RECORD);
                    assertThat(c.name()).isEqualTo("example.com");
                    assertThat(c.reason()).contains("192.0.2.10").contains("_https-setup.example.com");
                });
        assertThat(plan.changes())
                .filteredOn(c -> c.name().startsWith("www."))
                .extracting(Change::action)
                .containsOnly(ChangeAction.CREATE);
        assertThat(record("example.com.", RRType.A)
                        .orElseThrow()
                        .resourceRecords()
                        .get(0)
                        .value())
                .isEqualTo("192.0.2.10");
    }

    @Test
    void converge_whenACnameOrAnotherStacksMarkHoldsTheName_isAConflict() {
        upsert(ResourceRecordSet.builder()
                .name("www.example.com.")
                .type(RRType.CNAME)
                .ttl(300L)
                .resourceRecords(v -> v.value("shop.example.net"))
                .build());
        upsert(OwnershipRecord.recordSet("example.com", "blog"));

        Outcome<Void> plan = converge(spec().build(), Run.Mode.PLAN, LB);

        assertThat(plan.changes())
                .filteredOn(c -> c.action() == ChangeAction.CONFLICT)
                .extracting(Change::name)
                .containsExactlyInAnyOrder("example.com", "www.example.com");
    }

    @Test
    void converge_withAdopt_replacesTheForeignRecordWithTheAlias_andMarksTheName() {
        upsert(ResourceRecordSet.builder()
                .name("example.com.")
                .type(RRType.A)
                .ttl(300L)
                .resourceRecords(v -> v.value("192.0.2.10"))
                .build());

        Outcome<Void> apply = converge(spec().adopt(true).build(), Run.Mode.APPLY, LB);

        assertThat(record("example.com.", RRType.A).orElseThrow().aliasTarget().dnsName())
                .contains("shop-https-1");
        assertThat(record("_https-setup.example.com.", RRType.TXT)).isPresent();
        assertThat(apply.changes())
                .filteredOn(c -> c.name().equals("example.com A"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.action()).isEqualTo(ChangeAction.UPDATE);
                    assertThat(c.reason()).contains("adopt");
                    assertThat(c.attributes().get(0).before()).isEqualTo("192.0.2.10");
                });
        assertThat(converge(spec().build(), Run.Mode.APPLY, LB).writes()).isZero();
    }

    @Test
    void converge_whenTheLoadBalancerOrTargetHealthSettingChanges_updatesTheOwnedAliases() {
        converge(spec().build(), Run.Mode.APPLY, LB);

        Outcome<Void> moved =
                converge(spec().records(r -> r.evaluateTargetHealth(false)).build(), Run.Mode.APPLY, OTHER_LB);

        ResourceRecordSet apex = record("example.com.", RRType.A).orElseThrow();
        assertThat(apex.aliasTarget().dnsName()).startsWith("dualstack.front-1.");
        assertThat(apex.aliasTarget().evaluateTargetHealth()).isFalse();
        assertThat(moved.changes())
                .filteredOn(c -> c.name().equals("example.com A"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.action()).isEqualTo(ChangeAction.UPDATE);
                    assertThat(c.attributes())
                            .extracting(AttributeChange::attribute)
                            .containsExactly("alias", "evaluateTargetHealth");
                });
        assertThat(moved.writes()).isEqualTo(1);
    }

    @Test
    void converge_whenAnAlternativeNameIsRemovedAndDualstackIsOff_deletesExactlyThoseRecords() {
        converge(
                spec().loadBalancer(lb -> lb.ipAddressType(IpAddressType.DUALSTACK))
                        .build(),
                Run.Mode.APPLY,
                LB);
        upsert(ResourceRecordSet.builder()
                .name("mail.example.com.")
                .type(RRType.A)
                .ttl(300L)
                .resourceRecords(v -> v.value("192.0.2.25"))
                .build());
        HttpsSetup apexOnly = spec().domain(d -> d.name("example.com")).build();

        Outcome<Void> apply = converge(apexOnly, Run.Mode.APPLY, LB);

        assertThat(record("www.example.com.", RRType.A)).isEmpty();
        assertThat(record("www.example.com.", RRType.AAAA)).isEmpty();
        assertThat(record("_https-setup.www.example.com.", RRType.TXT)).isEmpty();
        assertThat(record("example.com.", RRType.AAAA)).isEmpty();
        assertThat(record("example.com.", RRType.A)).isPresent();
        assertThat(record("mail.example.com.", RRType.A)).isPresent();
        assertThat(apply.changes())
                .filteredOn(c -> c.action() == ChangeAction.DELETE)
                .extracting(Change::name)
                .containsExactlyInAnyOrder(
                        "www.example.com A",
                        "www.example.com AAAA",
                        "_https-setup.www.example.com",
                        "example.com AAAA");
        assertThat(apply.writes()).isEqualTo(1);
        assertThat(converge(apexOnly, Run.Mode.APPLY, LB).writes()).isZero();
    }

    @Test
    void plan_whenTheZoneOrTheLoadBalancerIsNotCreatedYet_plansCreatesWithTheTargetKnownAfterApply() {
        Outcome<Void> noZone = run(
                spec().build(),
                Run.Mode.PLAN,
                records -> records.converge(new States.Zone(null, "example.com", List.of()), LB));
        Outcome<Void> noLb = converge(spec().build(), Run.Mode.PLAN, new States.LoadBalancer(null, null, null));

        assertThat(noZone.reads()).isZero();
        assertThat(noZone.changes())
                .extracting(Change::action)
                .containsOnly(ChangeAction.CREATE)
                .hasSize(4);
        assertThat(noLb.writes()).isZero();
        assertThat(noLb.changes())
                .filteredOn(c -> c.kind() == ResourceKind.ALIAS_RECORD)
                .allSatisfy(c -> {
                    assertThat(c.action()).isEqualTo(ChangeAction.CREATE);
                    assertThat(c.attributes())
                            .contains(new AttributeChange("alias", null, AttributeChange.KNOWN_AFTER_APPLY));
                });
    }

    @Test
    void converge_whenRecordsAreDisabled_doesNothing() {
        Outcome<Void> apply = converge(spec().records(r -> r.enabled(false)).build(), Run.Mode.APPLY, LB);

        assertThat(apply.changes()).isEmpty();
        assertThat(apply.reads() + apply.writes()).isZero();
    }

    @Test
    void destroy_deletesTheOwnedNamesOnly_andIsANoOpTheSecondTime() {
        converge(
                spec().loadBalancer(lb -> lb.ipAddressType(IpAddressType.DUALSTACK))
                        .build(),
                Run.Mode.APPLY,
                LB);
        upsert(ResourceRecordSet.builder()
                .name("blog.example.com.")
                .type(RRType.A)
                .aliasTarget(t -> t.hostedZoneId("Z32O12XQLNTSW2")
                        .dnsName("dualstack.blog-1.eu-west-1.elb.amazonaws.com")
                        .evaluateTargetHealth(true))
                .build());
        upsert(OwnershipRecord.recordSet("blog.example.com", "blog"));

        Outcome<Void> destroyed = run(spec().build(), Run.Mode.DESTROY, records -> records.destroy(zone));
        Outcome<Void> again = run(spec().build(), Run.Mode.DESTROY, records -> records.destroy(zone));

        assertThat(route53.listResourceRecordSets(r -> r.hostedZoneId(zone.id()))
                        .resourceRecordSets())
                .extracting(s -> s.name() + " " + s.typeAsString())
                .containsExactlyInAnyOrder(
                        "example.com. NS",
                        "example.com. SOA",
                        "blog.example.com. A",
                        "_https-setup.blog.example.com. TXT");
        assertThat(destroyed.changes())
                .extracting(Change::action)
                .containsOnly(ChangeAction.DELETE)
                .hasSize(6);
        assertThat(destroyed.writes()).isEqualTo(1);
        assertThat(again.writes()).isZero();
    }

    // ---- helpers ----

    private Outcome<Void> converge(HttpsSetup spec, Run.Mode mode, States.LoadBalancer lb) {
        return run(spec, mode, records -> records.converge(zone, lb));
    }

    private Outcome<Void> run(HttpsSetup spec, Run.Mode mode, Consumer<AliasRecords> step) {
        return runs.run(spec, mode, run -> step.accept(new AliasRecords(run)));
    }

    /** The reference stack on an instance the records never read. */
    private static HttpsSetup.Builder spec() {
        return ReferenceWorld.stack(REGION, List.of("i-0123456789abcdef0"));
    }

    private void upsert(ResourceRecordSet set) {
        route53.changeResourceRecordSets(r -> r.hostedZoneId(zone.id())
                .changeBatch(b -> b.changes(c -> c.action("UPSERT").resourceRecordSet(set))));
    }

    private Optional<ResourceRecordSet> record(String name, RRType type) {
        return route53.listResourceRecordSets(r -> r.hostedZoneId(zone.id())).resourceRecordSets().stream()
                .filter(r -> r.name().equals(name) && r.type() == type)
                .findFirst();
    }
}
