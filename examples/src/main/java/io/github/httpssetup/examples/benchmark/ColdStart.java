package io.github.httpssetup.examples.benchmark;

import io.github.httpssetup.core.ApplyResult;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupExecutor;
import io.github.httpssetup.core.Plan;
import io.github.httpssetup.yaml.HttpsSetupYaml;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * What a user waits for when each run is a fresh JVM, as in CI: the converged reference stack planned and
 * applied (a no-op) by a new process each time, through the engine alone ({@link ColdRun}) and through the
 * Maven goal, with {@code validate} (no AWS call) as the floor. Every call goes through a {@link LatencyProxy}
 * that adds the benchmark's latency, and the same engine runs warm in this JVM through the same proxy for
 * comparison.
 *
 * <p>Each run's time is split from timestamps the processes write (never guessed): <b>outside</b> the code
 * (JVM start and exit, and for Maven its own start, plugin resolution and end), the description's
 * <b>load</b> and validation, the AWS <b>clients</b>' creation (the core's debug log times each), the
 * <b>AWS calls</b> (the critical path of the run's calls at the configured latency, from the warm run of the
 * same goal: the calls are the same) and the <b>rest</b> (class loading and first-use initialisation of the
 * SDK, the engine itself).
 *
 * <p>A row is a launcher and a goal: a command-line jar is one more entry of {@link #rows}.
 */
final class ColdStart {

    static final int DEFAULT_RUNS = 5;

    /** How a row's process starts and how its output is read. */
    enum Launcher {
        /** {@link ColdRun} in a fresh JVM: the engine as a library, the way a command-line tool runs it. */
        ENGINE,
        /** The command-line jar through its launcher script ({@code https-setup-cli/https-setup}). */
        CLI,
        /** The project's Maven wrapper running the plugin's goal on a generated project. */
        MAVEN
    }

    /**
     * One row of the table: a launcher, a goal, and what the row varies (system properties of the engine's JVM, or
     * the launcher script's environment), with a note saying what that is.
     */
    record Row(String name, Launcher launcher, String goal, List<String> jvmArgs, Map<String, String> env) {
        Row(String name, Launcher launcher, String goal) {
            this(name, launcher, goal, List.of(), Map.of());
        }
    }

    /**
     * The SDK without the engine ({@link ColdRun} {@code sdk}): the four clients a plan uses and one read each. No
     * engine on this SDK and JVM can plan in less, which bounds the ratios the targets ask for.
     */
    static final String SDK_ALONE = "sdk alone: 4 clients, 1 read each";

    /**
     * Where Maven's class-data archive goes, in a row's {@code MAVEN_OPTS}: replaced by a file of the generated
     * project when the row runs. One unmeasured {@code mvn https-setup:plan} with {@code -XX:ArchiveClassesAtExit}
     * writes it, as a CI job could once and then keep in its cache.
     */
    static final String MAVEN_ARCHIVE = "{maven-archive}";

    static final String MAVEN_CDS_VALIDATE = "mvn validate, AppCDS + C1";
    static final String MAVEN_CDS_PLAN = "mvn plan, AppCDS + C1";

    /** The JVM flags the CLI's launcher script adds by default (HTTPS_SETUP_JVM_FLAGS). */
    static final String CLI_FLAGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    /**
     * The rows, run in this order in every round. The variants compare one choice each against the default: the
     * engine with the Apache HTTP client instead of the URL-connection one, and the CLI without class-data sharing,
     * without the launcher's JVM flags, and with neither ({@code java -jar} as is); the engine and Maven with the
     * launcher's flags (for Maven in {@code MAVEN_OPTS}, as a user's {@code .mvn/jvm.config} could set them).
     */
    static List<Row> rows() {
        return List.of(
                new Row("engine validate", Launcher.ENGINE, "validate"),
                new Row("engine plan", Launcher.ENGINE, "plan"),
                new Row(
                        "engine plan, Apache http",
                        Launcher.ENGINE,
                        "plan",
                        List.of("-Dhttps-setup.httpClient=apache"),
                        Map.of()),
                new Row(
                        "engine plan, C1 + serial GC",
                        Launcher.ENGINE,
                        "plan",
                        List.of(CLI_FLAGS.split(" ")),
                        Map.of()),
                new Row("engine no-op apply", Launcher.ENGINE, "apply"),
                new Row(SDK_ALONE, Launcher.ENGINE, "sdk"),
                new Row(
                        SDK_ALONE + ", C1 + serial GC",
                        Launcher.ENGINE,
                        "sdk",
                        List.of(CLI_FLAGS.split(" ")),
                        Map.of()),
                new Row("cli validate", Launcher.CLI, "validate"),
                new Row("cli plan", Launcher.CLI, "plan"),
                new Row("cli plan, no CDS", Launcher.CLI, "plan", List.of(), Map.of("HTTPS_SETUP_CDS", "off")),
                new Row("cli plan, no flags", Launcher.CLI, "plan", List.of(), Map.of("HTTPS_SETUP_JVM_FLAGS", "")),
                new Row(
                        "cli plan, plain java",
                        Launcher.CLI,
                        "plan",
                        List.of(),
                        Map.of("HTTPS_SETUP_CDS", "off", "HTTPS_SETUP_JVM_FLAGS", "")),
                new Row("mvn https-setup:validate", Launcher.MAVEN, "validate"),
                new Row("mvn https-setup:plan", Launcher.MAVEN, "plan"),
                new Row("mvn https-setup:apply", Launcher.MAVEN, "apply"),
                new Row(
                        "mvn validate, C1 + serial GC",
                        Launcher.MAVEN,
                        "validate",
                        List.of(),
                        Map.of("MAVEN_OPTS", CLI_FLAGS)),
                new Row("mvn plan, C1 + serial GC", Launcher.MAVEN, "plan", List.of(), Map.of("MAVEN_OPTS", CLI_FLAGS)),
                new Row(
                        MAVEN_CDS_VALIDATE,
                        Launcher.MAVEN,
                        "validate",
                        List.of(),
                        Map.of("MAVEN_OPTS", CLI_FLAGS + " -XX:SharedArchiveFile=" + MAVEN_ARCHIVE)),
                new Row(
                        MAVEN_CDS_PLAN,
                        Launcher.MAVEN,
                        "plan",
                        List.of(),
                        Map.of("MAVEN_OPTS", CLI_FLAGS + " -XX:SharedArchiveFile=" + MAVEN_ARCHIVE)));
    }

    /** One run of a row, in ms: the parts add up to {@code total}. */
    record Sample(long total, long outside, long load, long clients, long calls, long engine) {
        /** What no other part accounts for; the load is unknown (-1) for the CLI, whose rest then includes it. */
        long rest() {
            return total - outside - Math.max(load, 0) - clients - calls;
        }
    }

    private static final Pattern CLIENT = Pattern.compile("AWS client (\\S+) created in (\\d+) us");
    private static final Pattern LOADED = Pattern.compile("Description loaded and validated in (\\d+) us");
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\d+)");
    private static final Pattern DURATION = Pattern.compile("\"durationMs\"\\s*:\\s*(\\d+)");
    /** Maven's log lines start with this timestamp (-Dorg.slf4j.simpleLogger.dateTimeFormat). */
    private static final String MAVEN_TIME_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSZ";

    private static final DateTimeFormatter MAVEN_TIME = DateTimeFormatter.ofPattern(MAVEN_TIME_FORMAT);

    private final Path root;
    private final Path project;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final long latencyMs;
    private final int runs;

    ColdStart(Path root, URI endpoint, AwsCredentialsProvider credentials, long latencyMs, int runs) {
        this.root = root;
        this.project = root.resolve("examples/benchmark/target/cold");
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.latencyMs = latencyMs;
        this.runs = runs;
    }

    /** Measures every row against {@code converged} (already applied), prints the table, returns the JSON section. */
    Map<String, Object> run(HttpsSetup converged) {
        try (LatencyProxy proxy = new LatencyProxy(endpoint, latencyMs)) {
            Path file = writeProject(converged);
            // Warm: the same description, engine and proxy in this JVM, after an unmeasured plan.
            HttpsSetup loaded = HttpsSetupYaml.load(file, null);
            CallRecorder recorder = new CallRecorder();
            HttpsSetupExecutor warm = HttpsSetupExecutor.builder()
                    .credentialsProvider(credentials)
                    .endpointOverride(proxy.endpoint())
                    .listener(recorder)
                    .addExecutionInterceptor(recorder)
                    .build();
            Plan check = warm.plan(loaded);
            if (check.hasChanges() || check.hasConflicts()) {
                throw new IllegalStateException("The cold-start stack is not converged:\n" + check.render());
            }
            Map<String, List<Long>> warmMs = new LinkedHashMap<>();
            Map<String, Long> pathMs = new LinkedHashMap<>();
            Map<String, Integer> warmCalls = new LinkedHashMap<>();
            pathMs.put("validate", 0L);
            pathMs.put("sdk", latencyMs); // four reads side by side: one round trip
            for (String goal : List.of("plan", "apply")) {
                Supplier<Object> body =
                        goal.equals("plan") ? () -> warm.plan(loaded) : () -> requireNoChange(warm.apply(loaded));
                List<Long> times = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    recorder.clear();
                    long start = System.nanoTime();
                    body.get();
                    times.add((System.nanoTime() - start) / 1_000_000);
                }
                warmMs.put(goal, times);
                pathMs.put(goal, CriticalPath.of(recorder.calls(), latencyMs, 0).millis());
                warmCalls.put(goal, recorder.calls().size());
            }

            Map<Row, List<Sample>> samples = new LinkedHashMap<>();
            rows().forEach(row -> samples.put(row, new ArrayList<>()));
            // Unmeasured: the launcher's first plan writes the class-data archive that later runs map (a user's
            // first run after an install or upgrade); a fresh cache directory, so that a stale archive is not used.
            deleteRecursively(cdsCache());
            measure(
                    new Row("cli plan (writes the class-data archive)", Launcher.CLI, "plan"),
                    file,
                    proxy.endpoint(),
                    pathMs.get("plan"));
            System.out.println("  class-data archive written: " + listArchives());
            Files.deleteIfExists(mavenArchive());
            measure(
                    new Row(
                            "mvn plan (writes Maven's class-data archive)",
                            Launcher.MAVEN,
                            "plan",
                            List.of(),
                            Map.of(
                                    "MAVEN_OPTS",
                                    CLI_FLAGS + " -Xlog:cds=off -Xlog:cds+dynamic=off -XX:ArchiveClassesAtExit="
                                            + MAVEN_ARCHIVE)),
                    file,
                    proxy.endpoint(),
                    pathMs.get("plan"));
            System.out.println("  Maven's class-data archive written: "
                    + mavenArchive().getFileName() + " (" + sizeMb(mavenArchive()) + " MB)");
            // Round after round, so that whatever else the machine does weighs on every row alike.
            for (int i = 1; i <= runs; i++) {
                System.out.printf("  cold run %d of %d%n", i, runs);
                for (Row row : rows()) {
                    samples.get(row).add(measure(row, file, proxy.endpoint(), pathMs.get(row.goal())));
                }
            }
            return report(samples, warmMs, pathMs, warmCalls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApplyResult requireNoChange(ApplyResult result) {
        if (result.changed()) {
            throw new IllegalStateException("A no-op apply changed something:\n" + result.render());
        }
        return result;
    }

    /** A project a user would have: a pom that declares the plugin, and the description next to it. */
    private Path writeProject(HttpsSetup setup) throws IOException {
        Files.createDirectories(project);
        // Its own root: Maven takes the options in .mvn/ of the nearest directory above that has one, and
        // this repository's (its own build's thread count) are not what a user's project runs with.
        Files.createDirectories(project.resolve(".mvn"));
        String names = setup.domain().alternativeNames().stream()
                .map(n -> "\"" + n + "\"")
                .collect(Collectors.joining(", "));
        String ids =
                setup.targets().instanceIds().stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
        String yaml = "stack: " + setup.stack() + "\n"
                + "region: " + setup.region() + "\n"
                + "domain:\n  name: " + setup.domain().name() + "\n  alternativeNames: [" + names + "]\n"
                + "targets:\n  instanceIds: [" + ids + "]\n  port: "
                + setup.targets().port() + "\n"
                + "loadBalancer:\n  ipAddressType: "
                + setup.loadBalancer().ipAddressType().name().toLowerCase(Locale.ROOT) + "\n"
                + "listeners:\n  http: { action: "
                + setup.httpListener().action().name().toLowerCase(Locale.ROOT) + " }\n";
        Path file = project.resolve("https-setup.yaml");
        Files.writeString(file, yaml);
        String version = HttpsSetupExecutor.class.getPackage().getImplementationVersion();
        Files.writeString(project.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>cold-start</artifactId>
                  <version>1.0.0</version>
                  <packaging>jar</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>io.github.httpssetup</groupId>
                        <artifactId>https-setup-maven-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(version == null ? "0.1.0-SNAPSHOT" : version));
        return file;
    }

    private Path mavenArchive() {
        return project.resolve("maven-cds.jsa");
    }

    private Path cdsCache() {
        return project.resolve("cds-cache");
    }

    private String listArchives() {
        try (java.util.stream.Stream<Path> files = Files.walk(cdsCache())) {
            return files.filter(f -> f.toString().endsWith(".jsa"))
                    .map(f -> f.getFileName() + " (" + sizeMb(f) + " MB)")
                    .collect(Collectors.joining(", "));
        } catch (IOException e) {
            return "none (" + e.getMessage() + ")";
        }
    }

    private static long sizeMb(Path f) {
        try {
            return Files.size(f) / (1024 * 1024);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private Sample measure(Row row, Path file, URI proxy, long callsMs) {
        List<String> command = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        if (row.launcher() == Launcher.CLI) {
            command.add(root.resolve("https-setup-cli/https-setup").toString());
            command.addAll(List.of(row.goal(), "--file", file.toString()));
            if (!row.goal().equals("validate")) {
                command.addAll(List.of("--endpoint", proxy.toString(), "--output", "json"));
            }
            env.put(
                    "JAVA_OPTS",
                    String.join(
                            " ",
                            "-Dorg.slf4j.simpleLogger.log.io.github.httpssetup.core.internal.AwsClients=debug",
                            "-Dorg.slf4j.simpleLogger.showDateTime=true",
                            "-Dorg.slf4j.simpleLogger.dateTimeFormat=" + MAVEN_TIME_FORMAT));
            env.put("XDG_CACHE_HOME", cdsCache().toString());
            env.putAll(row.env());
        } else if (row.launcher() == Launcher.ENGINE) {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(row.jvmArgs());
            env.putAll(row.env());
            command.add("-Dorg.slf4j.simpleLogger.log.io.github.httpssetup.core.internal.AwsClients=debug");
            command.add("-Dorg.slf4j.simpleLogger.logFile=System.out");
            command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
            command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=" + MAVEN_TIME_FORMAT);
            command.addAll(List.of(
                    "-cp", classPath(), ColdRun.class.getName(), row.goal(), file.toString(), proxy.toString()));
        } else {
            row.env()
                    .forEach((k, v) ->
                            env.put(k, v.replace(MAVEN_ARCHIVE, mavenArchive().toString())));
            command.add(root.resolve("mvnw").toString());
            // Offline: a SNAPSHOT plugin would otherwise be looked up remotely once a day, in one run and not another.
            command.addAll(List.of(
                    "-B",
                    "-ntp",
                    "-o",
                    "-f",
                    project.resolve("pom.xml").toString(),
                    "https-setup:" + row.goal(),
                    "-Dhttps-setup.endpoint=" + proxy,
                    "-Dorg.slf4j.simpleLogger.showDateTime=true",
                    "-Dorg.slf4j.simpleLogger.dateTimeFormat=" + MAVEN_TIME_FORMAT,
                    "-Dorg.slf4j.simpleLogger.log.io.github.httpssetup.core.internal.AwsClients=debug",
                    "-Dorg.slf4j.simpleLogger.log.io.github.httpssetup.maven=debug"));
            if (row.goal().equals("apply")) {
                command.add("-Dhttps-setup.failOnChanges=true");
            }
        }
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", "bench");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "bench");
        builder.environment().remove("AWS_SESSION_TOKEN");
        builder.environment().remove("AWS_PROFILE");
        builder.environment().putAll(env);
        List<String> output = new ArrayList<>();
        long launched = System.currentTimeMillis();
        int exit;
        try {
            Process process = builder.start();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    output.add(line);
                }
            }
            exit = process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long ended = System.currentTimeMillis();
        if (exit != 0) {
            throw new IllegalStateException(row.name() + " exited with " + exit + ":\n" + String.join("\n", output));
        }
        // Clients are created on the threads that first use them, side by side, one inside another (the connection
        // pool inside the first client): their time is the union of their intervals, each ending at its log line.
        List<long[]> intervals = new ArrayList<>();
        for (String line : output) {
            Matcher m = CLIENT.matcher(line);
            if (m.find()) {
                long end = time(line);
                intervals.add(new long[] {end - Long.parseLong(m.group(2)) / 1000, end});
            }
        }
        long total = ended - launched;
        long clients = union(intervals);
        if (row.launcher() == Launcher.CLI) {
            // The jar says how long its command took (description, engine, report) in its JSON report; the rest of the
            // process's time is the JVM's start and end. validate prints no duration: all of it counts as outside.
            long commandMs = output.stream()
                    .map(DURATION::matcher)
                    .filter(Matcher::find)
                    .mapToLong(m -> Long.parseLong(m.group(1)))
                    .findFirst()
                    .orElse(0);
            return new Sample(total, total - commandMs, -1, clients, callsMs, commandMs);
        }
        if (row.launcher() == Launcher.ENGINE) {
            Map<String, Long> fields = new LinkedHashMap<>();
            String result = output.stream()
                    .filter(l -> l.startsWith(ColdRun.RESULT))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            row.name() + " printed no result:\n" + String.join("\n", output)));
            Matcher m = FIELD.matcher(result);
            while (m.find()) {
                fields.put(m.group(1), Long.parseLong(m.group(2)));
            }
            long outside = fields.get("main_at_ms") - launched + ended - fields.get("end_at_ms");
            return new Sample(
                    total, outside, fields.get("load_us") / 1000, clients, callsMs, fields.get("engine_us") / 1000);
        }
        long goalStart = mavenTime(output, l -> l.contains("https-setup:" + row.goal() + " started"), row);
        long goalEnd = mavenTime(output, l -> l.contains("BUILD SUCCESS"), row);
        long load = output.stream()
                        .map(LOADED::matcher)
                        .filter(Matcher::find)
                        .mapToLong(m -> Long.parseLong(m.group(1)))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException(row.name() + ": no description time in its log"))
                / 1000;
        long outside = goalStart - launched + ended - goalEnd;
        return new Sample(total, outside, load, clients, callsMs, goalEnd - goalStart - load);
    }

    /** This JVM's class path with absolute entries: the process runs in the project's directory. */
    private static String classPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    /** The total length of intervals that may overlap, in ms. */
    static long union(List<long[]> intervals) {
        List<long[]> sorted = intervals.stream()
                .sorted(java.util.Comparator.comparingLong(i -> i[0]))
                .toList();
        long length = 0;
        long coveredTo = Long.MIN_VALUE;
        for (long[] i : sorted) {
            long from = Math.max(i[0], coveredTo);
            if (i[1] > from) {
                length += i[1] - from;
                coveredTo = i[1];
            }
        }
        return length;
    }

    private static long time(String line) {
        return OffsetDateTime.parse(line.substring(0, line.indexOf(' ')), MAVEN_TIME)
                .toInstant()
                .toEpochMilli();
    }

    /** The time Maven's log line says, to the millisecond. */
    private static long mavenTime(List<String> output, java.util.function.Predicate<String> which, Row row) {
        String line = output.stream()
                .filter(which)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        row.name() + ": an expected line is missing:\n" + String.join("\n", output)));
        return time(line);
    }

    private Map<String, Object> report(
            Map<Row, List<Sample>> samples,
            Map<String, List<Long>> warmMs,
            Map<String, Long> pathMs,
            Map<String, Integer> warmCalls) {
        System.out.println();
        System.out.printf(
                "cold start: a fresh process per run, %d runs, median (min-max); %d ms added to every AWS call%n",
                runs, latencyMs);
        System.out.printf(
                "%-26s %18s %8s %6s %8s %10s %6s %8s%n",
                "", "total ms", "outside", "load", "clients", "aws calls", "rest", "engine");
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Long> medians = new LinkedHashMap<>();
        Map<String, Long> engineMedians = new LinkedHashMap<>();
        for (Map.Entry<Row, List<Sample>> entry : samples.entrySet()) {
            Row row = entry.getKey();
            List<Sample> s = entry.getValue();
            long total = median(s, Sample::total);
            medians.put(row.name(), total);
            engineMedians.put(row.name(), median(s, Sample::engine));
            long load = median(s, Sample::load);
            System.out.printf(
                    "%-26s %6d (%4d-%5d) %8d %6s %8d %10d %6d %8d%n",
                    row.name(),
                    total,
                    min(s, Sample::total),
                    max(s, Sample::total),
                    median(s, Sample::outside),
                    load < 0 ? "-" : String.valueOf(load),
                    median(s, Sample::clients),
                    median(s, Sample::calls),
                    median(s, Sample::rest),
                    median(s, Sample::engine));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", row.name());
            json.put("launcher", row.launcher().name().toLowerCase(Locale.ROOT));
            json.put("goal", row.goal());
            if (!row.jvmArgs().isEmpty()) {
                json.put("jvm_args", row.jvmArgs());
            }
            if (!row.env().isEmpty()) {
                json.put("env", new java.util.TreeMap<>(row.env()));
            }
            json.put("total_ms", stats(s, Sample::total));
            Map<String, Object> split = new LinkedHashMap<>();
            split.put("outside", median(s, Sample::outside));
            split.put("load", load < 0 ? null : load);
            split.put("clients", median(s, Sample::clients));
            split.put("aws_calls", median(s, Sample::calls));
            split.put("rest", median(s, Sample::rest));
            json.put("split_median_ms", split);
            json.put("engine_ms", stats(s, Sample::engine));
            json.put("runs_total_ms", s.stream().map(Sample::total).toList());
            rows.add(json);
        }
        long warmPlan = medianOf(warmMs.get("plan"));
        long warmApply = medianOf(warmMs.get("apply"));
        double engineRatio = engineMedians.get("engine plan") / (double) warmPlan;
        double mavenRatio = medians.get("mvn https-setup:plan") / (double) medians.get("mvn https-setup:validate");
        System.out.printf(
                "warm engine (this JVM, same proxy): plan %d ms (%d-%d), no-op apply %d ms (%d-%d); %d and %d calls,"
                        + " critical path %d and %d ms%n",
                warmPlan,
                minOf(warmMs.get("plan")),
                maxOf(warmMs.get("plan")),
                warmApply,
                minOf(warmMs.get("apply")),
                maxOf(warmMs.get("apply")),
                warmCalls.get("plan"),
                warmCalls.get("apply"),
                pathMs.get("plan"),
                pathMs.get("apply"));
        System.out.printf(
                Locale.ROOT,
                "engine_ratio (cold engine plan / warm engine plan) = %.2f; maven_ratio (mvn plan / mvn validate)"
                        + " = %.2f%n",
                engineRatio,
                mavenRatio);

        // Each variant against its default, from the same rounds: a ratio above 1 means the variant is slower.
        Map<String, Object> comparisons = new LinkedHashMap<>();
        comparisons.put("cli_ratio (cli plan / cli validate)", round(ratio(medians, "cli plan", "cli validate")));
        comparisons.put("cli plan / warm engine plan", round(medians.get("cli plan") / (double) warmPlan));
        comparisons.put(
                "engine plan, Apache http / engine plan (engine time)",
                round(ratio(engineMedians, "engine plan, Apache http", "engine plan")));
        comparisons.put(
                "engine plan, Apache http / engine plan (total)",
                round(ratio(medians, "engine plan, Apache http", "engine plan")));
        comparisons.put(
                "engine plan, C1 + serial GC / warm engine plan (engine time)",
                round(engineMedians.get("engine plan, C1 + serial GC") / (double) warmPlan));
        comparisons.put(
                "cli plan command (durationMs) / warm engine plan",
                round(engineMedians.get("cli plan") / (double) warmPlan));
        comparisons.put(
                "mvn plan / mvn validate, both C1 + serial GC",
                round(ratio(medians, "mvn plan, C1 + serial GC", "mvn validate, C1 + serial GC")));
        comparisons.put(
                "mvn plan, C1 + serial GC / mvn plan",
                round(ratio(medians, "mvn plan, C1 + serial GC", "mvn https-setup:plan")));
        comparisons.put(
                "mvn plan / mvn validate, both AppCDS + C1", round(ratio(medians, MAVEN_CDS_PLAN, MAVEN_CDS_VALIDATE)));
        comparisons.put(
                "mvn plan, AppCDS + C1 / mvn plan", round(ratio(medians, MAVEN_CDS_PLAN, "mvn https-setup:plan")));
        comparisons.put("cli plan, no CDS / cli plan", round(ratio(medians, "cli plan, no CDS", "cli plan")));
        comparisons.put("cli plan, no flags / cli plan", round(ratio(medians, "cli plan, no flags", "cli plan")));
        comparisons.put("cli plan, plain java / cli plan", round(ratio(medians, "cli plan, plain java", "cli plan")));
        comparisons.put(
                "cli validate / mvn validate", round(ratio(medians, "cli validate", "mvn https-setup:validate")));
        comparisons.put("cli plan / mvn plan", round(ratio(medians, "cli plan", "mvn https-setup:plan")));
        comparisons.forEach((name, value) -> System.out.printf(Locale.ROOT, "  %-55s %5.2f%n", name, (Double) value));

        // The lowest ratios any engine on this SDK could reach: the SDK alone (clients and one read each, no engine)
        // in place of the engine's cold plan.
        Map<String, Object> floors = new LinkedHashMap<>();
        floors.put("engine_ratio", round(engineMedians.get(SDK_ALONE) / (double) warmPlan));
        floors.put("engine_ratio_c1", round(engineMedians.get(SDK_ALONE + ", C1 + serial GC") / (double) warmPlan));
        floors.put(
                "maven_ratio",
                round((medians.get("mvn https-setup:validate") + engineMedians.get(SDK_ALONE))
                        / (double) medians.get("mvn https-setup:validate")));
        System.out.printf(
                Locale.ROOT,
                "floors from the SDK alone (%s, no engine): engine_ratio >= %.2f (%.2f with C1 + serial GC),"
                        + " maven_ratio >= %.2f%n",
                SDK_ALONE,
                (Double) floors.get("engine_ratio"),
                (Double) floors.get("engine_ratio_c1"),
                (Double) floors.get("maven_ratio"));

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("runs", runs);
        json.put("latency_ms", latencyMs);
        json.put("engine_ratio", round(engineRatio));
        json.put("maven_ratio", round(mavenRatio));
        json.put("cli_ratio", comparisons.get("cli_ratio (cli plan / cli validate)"));
        json.put("comparisons", comparisons);
        json.put("sdk_floors", floors);
        Map<String, Object> warmJson = new LinkedHashMap<>();
        warmJson.put("plan_ms", stats(warmMs.get("plan")));
        warmJson.put("noop_apply_ms", stats(warmMs.get("apply")));
        warmJson.put("plan_calls", warmCalls.get("plan"));
        warmJson.put("noop_apply_calls", warmCalls.get("apply"));
        warmJson.put("plan_critical_path_ms", pathMs.get("plan"));
        warmJson.put("noop_apply_critical_path_ms", pathMs.get("apply"));
        json.put("warm", warmJson);
        json.put("rows", rows);
        json.put(
                "split_note",
                "outside: JVM start and exit (and Maven's own start, plugin resolution and end); load: the"
                        + " description read and validated; clients: the AWS SDK clients created (the core's debug log); aws_calls: the"
                        + " critical path of the run's calls at the latency; rest: everything else (class loading and first use of the"
                        + " SDK, the engine). Clients are created on the threads that first use them, while other steps may"
                        + " already be calling AWS: the parts can overlap, and rest is then small or negative. For the CLI, outside is"
                        + " the process's time minus the command's own duration (its JSON report's durationMs; validate prints none, so"
                        + " all of it) and load is not split out (null): it is in rest.");
        return json;
    }

    private static double ratio(Map<String, Long> medians, String row, String base) {
        return medians.get(row) / (double) medians.get(base);
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static Map<String, Object> stats(List<Sample> s, java.util.function.ToLongFunction<Sample> f) {
        return stats(s.stream().map(f::applyAsLong).toList());
    }

    private static Map<String, Object> stats(List<Long> values) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("median", medianOf(values));
        json.put("min", minOf(values));
        json.put("max", maxOf(values));
        return json;
    }

    private static long median(List<Sample> s, java.util.function.ToLongFunction<Sample> f) {
        return medianOf(s.stream().map(f::applyAsLong).toList());
    }

    private static long min(List<Sample> s, java.util.function.ToLongFunction<Sample> f) {
        return minOf(s.stream().map(f::applyAsLong).toList());
    }

    private static long max(List<Sample> s, java.util.function.ToLongFunction<Sample> f) {
        return maxOf(s.stream().map(f::applyAsLong).toList());
    }

    /** The middle value (the mean of the two middle ones for an even count). */
    static long medianOf(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long minOf(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    private static long maxOf(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
