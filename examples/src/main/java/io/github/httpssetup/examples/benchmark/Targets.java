package io.github.httpssetup.examples.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The performance targets, checked against one run of the benchmark: each with the measured value, the
 * limit, and whether it holds. The benchmark prints them and writes them to {@code results.json}; it
 * measures, so a target that does not hold is reported, not turned into a failure.
 */
public final class Targets {

    static final int NOOP_MAX_READS = 20;
    static final int FRESH_MAX_CALLS = 45;
    static final double WALL_OVER_CRITICAL_PATH_MAX = 1.2;
    static final double SEQUENTIAL_OVER_PARALLEL_MIN = 1.5;
    static final double COLD_OVER_WARM_ENGINE_MAX = 2.0;
    static final double MAVEN_PLAN_OVER_VALIDATE_MAX = 1.3;

    private Targets() {}

    /** One target: {@code value} against {@code limit}; {@code met} is null when it was not measured. */
    public record Check(String target, String value, String limit, Boolean met, String note) {

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("target", target);
            json.put("value", value);
            json.put("limit", limit);
            json.put("met", met);
            if (note != null) {
                json.put("note", note);
            }
            return json;
        }
    }

    /**
     * @param noopReadsByRow the no-op reads of each scale row (empty when the rows were skipped)
     */
    public static List<Check> check(
            int noopReads,
            int noopWrites,
            int freshCalls,
            long freshWallMs,
            long criticalPathMs,
            long sequentialWallMs,
            List<Integer> noopReadsByRow) {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("no-op apply writes", String.valueOf(noopWrites), "= 0", noopWrites == 0, null));
        checks.add(new Check(
                "no-op apply reads",
                String.valueOf(noopReads),
                "<= " + NOOP_MAX_READS,
                noopReads <= NOOP_MAX_READS,
                null));
        checks.add(new Check(
                "fresh apply calls",
                String.valueOf(freshCalls),
                "<= " + FRESH_MAX_CALLS,
                freshCalls <= FRESH_MAX_CALLS,
                null));
        double overPath = freshWallMs / (double) criticalPathMs;
        checks.add(new Check(
                "fresh apply wall / critical path",
                ratio(overPath),
                "<= " + WALL_OVER_CRITICAL_PATH_MAX,
                overPath <= WALL_OVER_CRITICAL_PATH_MAX,
                null));
        double speedUp = sequentialWallMs / (double) freshWallMs;
        double best = sequentialWallMs / (double) criticalPathMs;
        checks.add(new Check(
                "sequential / parallel fresh apply wall",
                ratio(speedUp),
                ">= " + SEQUENTIAL_OVER_PARALLEL_MIN,
                speedUp >= SEQUENTIAL_OVER_PARALLEL_MIN,
                best < SEQUENTIAL_OVER_PARALLEL_MIN
                        ? "at most " + ratio(best)
                                + " for any schedule: a parallel apply cannot take less than the critical path ("
                                + criticalPathMs
                                + " ms, which holds the whole certificate validation wait), and the sequential"
                                + " one took " + sequentialWallMs + " ms"
                        : null));
        if (noopReadsByRow.isEmpty()) {
            checks.add(new Check(
                    "no-op reads across instances and names", "not measured (--no-scale)", "constant", null, null));
        } else {
            int min = noopReadsByRow.stream().mapToInt(Integer::intValue).min().orElseThrow();
            int max = noopReadsByRow.stream().mapToInt(Integer::intValue).max().orElseThrow();
            checks.add(new Check(
                    "no-op reads across instances and names",
                    min == max ? String.valueOf(min) : min + " to " + max,
                    "constant",
                    min == max,
                    null));
        }
        return checks;
    }

    /** The cold-start targets: a fresh JVM's engine against the warm one, Maven's plan against its floor. */
    public static List<Check> cold(double engineRatio, double mavenRatio) {
        return cold(engineRatio, mavenRatio, null, null);
    }

    /**
     * The cold-start targets, each with a note on the lowest value the AWS SDK alone allows (its clients and one read
     * each in a fresh JVM, no engine, in place of the engine's time) when that floor is known.
     */
    public static List<Check> cold(double engineRatio, double mavenRatio, Double engineFloor, Double mavenFloor) {
        return List.of(
                new Check(
                        "cold / warm engine plan",
                        ratio(engineRatio),
                        "<= " + ratio(COLD_OVER_WARM_ENGINE_MAX),
                        engineRatio <= COLD_OVER_WARM_ENGINE_MAX,
                        floorNote(engineFloor, COLD_OVER_WARM_ENGINE_MAX)),
                new Check(
                        "mvn plan / mvn validate",
                        ratio(mavenRatio),
                        "<= " + ratio(MAVEN_PLAN_OVER_VALIDATE_MAX),
                        mavenRatio <= MAVEN_PLAN_OVER_VALIDATE_MAX,
                        floorNote(mavenFloor, MAVEN_PLAN_OVER_VALIDATE_MAX)));
    }

    static String floorNote(Double floor, double limit) {
        if (floor == null) {
            return null;
        }
        return "the SDK alone (its clients and one read each, no engine) gives " + ratio(floor)
                + (floor > limit ? ": above the limit, which no engine on this SDK and JVM can meet" : "");
    }

    static List<Map<String, Object>> json(List<Check> checks) {
        return checks.stream().map(Check::json).toList();
    }

    static void print(List<Check> checks) {
        System.out.println();
        System.out.printf("%-40s %12s %8s  %s%n", "target", "value", "limit", "");
        for (Check c : checks) {
            System.out.printf(
                    "%-40s %12s %8s  %s%n",
                    c.target(), c.value(), c.limit(), c.met() == null ? "-" : c.met() ? "met" : "NOT MET");
            if (c.note() != null) {
                System.out.println("  " + c.note());
            }
        }
    }

    private static String ratio(double value) {
        return String.format(java.util.Locale.ROOT, "%.2f", value);
    }
}
