package io.github.httpssetup.core.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The figures of the reliability suite, accumulated across the test classes of one JVM and written to
 * {@code target/reliability-summary.json} after each class (the last write holds every class's figures).
 */
final class ReliabilitySummary {

    static final String[] KEYS = {"faults_injected", "applies_under_faults", "applies_converged", "kill_points",
            "kill_points_recovered", "duplicates_found", "foreign_resources_modified", "bad_inputs",
            "bad_inputs_rejected_without_aws_calls", "secrets_in_logs"};

    private static final Map<String, AtomicInteger> COUNTS = new LinkedHashMap<>();

    static {
        for (String key : KEYS) {
            COUNTS.put(key, new AtomicInteger());
        }
    }

    private ReliabilitySummary() {
    }

    static void add(String key, int n) {
        AtomicInteger counter = COUNTS.get(key);
        if (counter == null) {
            throw new IllegalArgumentException("unknown figure " + key);
        }
        counter.addAndGet(n);
    }

    static void increment(String key) {
        add(key, 1);
    }

    static int get(String key) {
        return COUNTS.get(key).get();
    }

    static synchronized void flush() {
        StringBuilder json = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, AtomicInteger> e : COUNTS.entrySet()) {
            json.append("  \"").append(e.getKey()).append("\": ").append(e.getValue().get())
                    .append(++i < COUNTS.size() ? ",\n" : "\n");
        }
        json.append("}\n");
        Path file = Paths.get(System.getProperty("basedir", "."), "target", "reliability-summary.json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }
}
