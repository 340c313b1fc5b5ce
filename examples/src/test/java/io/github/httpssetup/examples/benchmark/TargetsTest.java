package io.github.httpssetup.examples.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {

    private static Targets.Check find(List<Targets.Check> checks, String target) {
        return checks.stream()
                .filter(c -> c.target().equals(target))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void check_goodRun_meetsEveryTarget() {
        List<Targets.Check> checks = Targets.check(20, 0, 34, 1100, 1000, 1800, List.of(20, 20, 20));

        assertThat(checks).extracting(Targets.Check::met).containsOnly(true);
        assertThat(find(checks, "sequential / parallel fresh apply wall").value())
                .isEqualTo("1.64");
        assertThat(find(checks, "sequential / parallel fresh apply wall").note())
                .isNull();
    }

    @Test
    void check_eachLimitBroken_isReportedNotMet() {
        List<Targets.Check> checks = Targets.check(21, 1, 46, 1300, 1000, 1400, List.of(20, 21));

        assertThat(checks).extracting(Targets.Check::met).containsOnly(false);
        assertThat(find(checks, "no-op reads across instances and names").value())
                .isEqualTo("20 to 21");
    }

    @Test
    void check_speedUpBoundedByTheCriticalPath_saysWhatAnyScheduleCouldReach() {
        // a 5 s wait on the critical path: even a run that took exactly the critical path reaches 6500 / 5350
        Targets.Check speedUp =
                find(Targets.check(20, 0, 34, 5700, 5350, 6500, List.of()), "sequential / parallel fresh apply wall");

        assertThat(speedUp.met()).isFalse();
        assertThat(speedUp.note()).startsWith("at most 1.21 for any schedule");
    }

    @Test
    void check_withoutScaleRows_saysNotMeasured() {
        Targets.Check scale =
                find(Targets.check(20, 0, 34, 1100, 1000, 1800, List.of()), "no-op reads across instances and names");

        assertThat(scale.met()).isNull();
        assertThat(scale.value()).contains("not measured");
    }

    @Test
    void cold_ratiosWithinTheirLimits_areMet_andAboveAreNot() {
        assertThat(Targets.cold(1.9, 1.25)).extracting(Targets.Check::met).containsExactly(true, true);
        assertThat(Targets.cold(2.1, 1.31)).extracting(Targets.Check::met).containsExactly(false, false);
        assertThat(Targets.cold(2.1, 1.31)).extracting(Targets.Check::value).containsExactly("2.10", "1.31");
    }

    @Test
    void cold_floorOfTheSdkAlone_isNoted_andSaysWhenItIsAboveTheLimit() {
        List<Targets.Check> checks = Targets.cold(2.9, 1.87, 2.2, 1.2);

        assertThat(checks.get(0).note()).contains("2.20").contains("no engine on this SDK and JVM can meet");
        assertThat(checks.get(1).note()).contains("1.20").doesNotContain("can meet");
        assertThat(Targets.cold(2.9, 1.87)).extracting(Targets.Check::note).containsOnlyNulls();
    }

    @Test
    void medianOf_oddAndEvenCounts() {
        assertThat(ColdStart.medianOf(List.of(5L, 1L, 9L, 3L, 7L))).isEqualTo(5);
        assertThat(ColdStart.medianOf(List.of(4L, 1L, 10L, 2L))).isEqualTo(3);
    }

    @Test
    void union_countsOverlappingAndNestedIntervalsOnce() {
        assertThat(ColdStart.union(
                        List.of(new long[] {0, 100}, new long[] {10, 40}, new long[] {90, 150}, new long[] {200, 210})))
                .isEqualTo(160);
    }
}
