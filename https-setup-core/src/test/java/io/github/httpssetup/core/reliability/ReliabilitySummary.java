package io.github.httpssetup.core.reliability;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of the reliability suite, accumulated across the test classes of one JVM and written after
 * each class to {@code target/reliability/fork-<pid>.json}; {@code target/reliability-summary.json} is then
 * rewritten as the sum of every fork's file, so it holds the figures of all classes whichever JVM ran them.
 */
final class ReliabilitySummary {

    static final String[] KEYS = {
        "faults_injected",
        "applies_under_faults",
        "applies_converged",
        "kill_points",
        "kill_points_recovered",
        "duplicates_found",
        "foreign_resources_modified",
        "bad_inputs",
        "bad_inputs_rejected_without_aws_calls",
        "secrets_in_logs"
    };

    private static final Map<String, AtomicInteger> COUNTS = new LinkedHashMap<>();

    static {
        for (String key : KEYS) {
            COUNTS.put(key, new AtomicInteger());
        }
    }

    private ReliabilitySummary() {}

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
        Path target = Paths.get(System.getProperty("basedir", "."), "target");
        Path forks = target.resolve("reliability");
        try {
            Files.createDirectories(forks);
            Path own = forks.resolve("fork-" + ProcessHandle.current().pid() + ".json");
            Map<String, Integer> mine = new LinkedHashMap<>();
            COUNTS.forEach((k, v) -> mine.put(k, v.get()));
            try (FileChannel channel = FileChannel.open(
                            forks.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                Files.writeString(own, json(mine), StandardCharsets.UTF_8);
                Map<String, Integer> total = new LinkedHashMap<>();
                for (String key : KEYS) {
                    total.put(key, 0);
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(forks, "fork-*.json")) {
                    for (Path file : files) {
                        if (Files.getLastModifiedTime(file).toMillis() < THIS_BUILD) {
                            continue; // a fork of an earlier build
                        }
                        Matcher m = FIGURE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                        while (m.find()) {
                            total.merge(m.group(1), Integer.parseInt(m.group(2)), Integer::sum);
                        }
                    }
                }
                Files.writeString(target.resolve("reliability-summary.json"), json(total), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the reliability figures under " + target, e);
        }
    }

    /** Files older than this JVM's start (less a margin for the other fork's start) are an earlier build's. */
    private static final long THIS_BUILD =
            java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime() - 60_000;

    private static final Pattern FIGURE = Pattern.compile("\"(\\w+)\": (\\d+)");

    private static String json(Map<String, Integer> figures) {
        StringBuilder json = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Integer> e : figures.entrySet()) {
            json.append("  \"")
                    .append(e.getKey())
                    .append("\": ")
                    .append(e.getValue())
                    .append(++i < figures.size() ? ",\n" : "\n");
        }
        return json.append("}\n").toString();
    }
}
