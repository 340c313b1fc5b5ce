package io.github.httpssetup.examples.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColdStartTest {

    @Test
    void rows_haveUniqueNames_andEachVariantHasTheRowItIsComparedWith() {
        List<String> names = ColdStart.rows().stream().map(ColdStart.Row::name).toList();

        assertThat(names).doesNotHaveDuplicates();
        assertThat(names)
                .contains(
                        "engine plan",
                        "engine plan, Apache http",
                        "engine plan, C1 + serial GC",
                        ColdStart.SDK_ALONE,
                        ColdStart.SDK_ALONE + ", C1 + serial GC",
                        "cli validate",
                        "cli plan",
                        "cli plan, no CDS",
                        "cli plan, no flags",
                        "cli plan, plain java",
                        "mvn https-setup:validate",
                        "mvn https-setup:plan",
                        "mvn validate, C1 + serial GC",
                        "mvn plan, C1 + serial GC",
                        ColdStart.MAVEN_CDS_VALIDATE,
                        ColdStart.MAVEN_CDS_PLAN);
    }

    @Test
    void theVariants_changeOneThingOfTheirLauncher() {
        ColdStart.Row apache = ColdStart.rows().stream()
                .filter(r -> r.name().equals("engine plan, Apache http"))
                .findFirst()
                .orElseThrow();
        ColdStart.Row plain = ColdStart.rows().stream()
                .filter(r -> r.name().equals("cli plan, plain java"))
                .findFirst()
                .orElseThrow();

        assertThat(apache.jvmArgs()).containsExactly("-Dhttps-setup.httpClient=apache");
        assertThat(plain.env()).containsEntry("HTTPS_SETUP_CDS", "off").containsEntry("HTTPS_SETUP_JVM_FLAGS", "");
    }

    @Test
    void union_countsOverlappingIntervalsOnce() {
        assertThat(ColdStart.union(List.of(new long[] {0, 10}, new long[] {5, 20}, new long[] {30, 35})))
                .isEqualTo(25);
        assertThat(ColdStart.union(List.of(new long[] {0, 100}, new long[] {10, 20})))
                .isEqualTo(100);
        assertThat(ColdStart.union(List.of())).isZero();
    }

    @Test
    void theCliRest_leavesOutAnUnknownLoad() {
        ColdStart.Sample cli = new ColdStart.Sample(1000, 300, -1, 200, 250, 700);
        ColdStart.Sample engine = new ColdStart.Sample(1000, 300, 100, 200, 250, 600);

        assertThat(cli.rest()).isEqualTo(250);
        assertThat(engine.rest()).isEqualTo(150);
    }
}
