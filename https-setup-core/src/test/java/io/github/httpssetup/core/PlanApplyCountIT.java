package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a plan announces is what the apply then does: the same number of changes, kind by kind. */
@AwsEmulatorTest
class PlanApplyCountIT {

    private ReferenceWorld fx;

    @BeforeEach
    void setUp(AwsEmulator aws) {
        fx = new ReferenceWorld(aws).seed(2, 3, true).withZone();
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void plan_onAFreshStack_announcesAsManyCreationsAsTheApplyMakesChanges_kindByKind() {
        HttpsSetup spec = fx.spec().build();

        Plan plan = fx.executor().plan(spec);
        ApplyResult applied = fx.executor().apply(spec);

        List<Change> planned =
                plan.changes().stream().filter(c -> c.action().writes()).toList();
        List<Change> made =
                applied.changes().stream().filter(c -> c.action().writes()).toList();
        assertThat(planned)
                .as("a fresh stack: every planned change is a creation")
                .allSatisfy(c -> assertThat(c.action()).isEqualTo(ChangeAction.CREATE));
        assertThat(plan.counts().get(ChangeAction.CREATE))
                .as("plan: %s%napply: %s", planned, made)
                .isEqualTo(made.size());
        assertThat(perKind(planned)).as("plan: %s%napply: %s", planned, made).isEqualTo(perKind(made));
        assertThat(plan.summary()).contains(made.size() + " to create");
        assertThat(applied.render()).contains("Applied " + made.size() + " changes");
    }

    @Test
    void plan_ofAFreshStackWithTheZoneToCreate_announcesAsManyCreationsAsTheApplyMakesChanges_kindByKind() {
        fx.route53.deleteHostedZone(r -> r.id(fx.zoneId));
        HttpsSetup spec = fx.spec()
                .domain(d -> d.name(ReferenceWorld.DOMAIN)
                        .alternativeNames("www." + ReferenceWorld.DOMAIN)
                        .hostedZone(z -> z.create(true)))
                .build();

        Plan plan = fx.executor().plan(spec);
        ApplyResult applied = fx.executor().apply(spec);

        List<Change> planned =
                plan.changes().stream().filter(c -> c.action().writes()).toList();
        List<Change> made =
                applied.changes().stream().filter(c -> c.action().writes()).toList();
        assertThat(perKind(planned)).as("plan: %s%napply: %s", planned, made).isEqualTo(perKind(made));
    }

    @Test
    void plan_whenANameIsAdded_announcesTheChangesTheApplyMakes_andKnowsTheValidationRecordsAlreadyInPlace() {
        fx.executor().apply(fx.spec().build());
        HttpsSetup grown = fx.spec()
                .domain(d -> d.name(ReferenceWorld.DOMAIN)
                        .alternativeNames("www." + ReferenceWorld.DOMAIN, "api." + ReferenceWorld.DOMAIN))
                .build();

        Plan plan = fx.executor().plan(grown);
        ApplyResult applied = fx.executor().apply(grown);

        List<Change> planned =
                plan.changes().stream().filter(c -> c.action().writes()).toList();
        List<Change> made =
                applied.changes().stream().filter(c -> c.action().writes()).toList();
        assertThat(perKind(planned)).as("plan: %s%napply: %s", planned, made).isEqualTo(perKind(made));
        assertThat(plan.changes())
                .filteredOn(c -> c.kind() == ResourceKind.VALIDATION_RECORD)
                .as("the records of example.com and www.example.com stay; api.example.com needs one")
                .extracting(Change::action)
                .containsExactlyInAnyOrder(ChangeAction.UNCHANGED, ChangeAction.UNCHANGED, ChangeAction.CREATE);
    }

    private static Map<ResourceKind, Long> perKind(List<Change> changes) {
        Map<ResourceKind, Long> counts = new TreeMap<>();
        changes.forEach(c -> counts.merge(c.kind(), 1L, Long::sum));
        return counts;
    }
}
