package io.github.httpssetup.examples.benchmark;

import io.github.httpssetup.core.ApplyResult;
import io.github.httpssetup.core.HttpAction;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupExecutor;
import io.github.httpssetup.core.IpAddressType;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.Ec2Fixture;
import io.github.httpssetup.testing.Ec2World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * API calls and wall time of plan, apply and destroy against the local emulator, with a fixed latency
 * added to every call and moto's certificate validation wait. Run it with {@code examples/benchmark/run}
 * ({@code --latency-ms N}, {@code --validation-wait-s N}); it prints a table and writes
 * {@code examples/benchmark/target/results.json}.
 */
public final class Benchmark {

    static final String DOMAIN = "example.com";
    static final String STACK = "bench";
    /** moto refuses more than 10 subject alternative names (a constant in moto/acm/responses.py). */
    static final int MOTO_MAX_ALTERNATIVE_NAMES = 10;

    private final AwsEmulator aws;
    private final long latencyMs;
    private final long waitMs;
    private final CallRecorder recorder = new CallRecorder();

    private Benchmark(AwsEmulator aws, long latencyMs, long waitMs) {
        this.aws = aws;
        this.latencyMs = latencyMs;
        this.waitMs = waitMs;
    }

    public static void main(String[] args) throws IOException {
        long latencyMs = 50;
        Long waitSeconds = null;
        boolean scale = true;
        int coldRuns = ColdStart.DEFAULT_RUNS;
        List<Integer> siteCounts = SITE_COUNTS;
        boolean sitesOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sites-only" -> {
                    sitesOnly = true;
                    siteCounts = Arrays.stream(args[++i].split(","))
                            .map(String::trim)
                            .map(Integer::parseInt)
                            .toList();
                }
                case "--no-sites" -> siteCounts = List.of();
                case "--latency-ms" -> latencyMs = Long.parseLong(args[++i]);
                case "--validation-wait-s" -> waitSeconds = Long.parseLong(args[++i]);
                case "--no-scale" -> scale = false;
                case "--cold-runs" -> coldRuns = Integer.parseInt(args[++i]);
                case "--no-cold" -> coldRuns = 0;
                default -> {
                    System.err.println("Unknown option " + args[i]
                            + ". Options: --latency-ms N, --validation-wait-s N, --no-scale,"
                            + " --cold-runs N, --no-cold, --sites-only 1,5,20, --no-sites");
                    System.exit(2);
                }
            }
        }
        String motoWait = System.getenv("MOTO_ACM_VALIDATION_WAIT");
        if (waitSeconds == null) {
            waitSeconds = motoWait == null || motoWait.isBlank() ? 5 : Long.parseLong(motoWait.trim());
        } else if (motoWait != null && !motoWait.isBlank() && Long.parseLong(motoWait.trim()) != waitSeconds) {
            System.err.println("--validation-wait-s " + waitSeconds + " differs from MOTO_ACM_VALIDATION_WAIT="
                    + motoWait + "; the emulator uses the variable (examples/benchmark/run sets both)");
            System.exit(2);
        }
        AwsEmulator aws = AwsEmulator.shared();
        System.out.println("Emulator: " + aws.kind() + " at " + aws.endpoint() + ", region " + aws.region()
                + "; added latency " + latencyMs + " ms per call; certificate validation wait " + waitSeconds + " s");
        Benchmark benchmark = new Benchmark(aws, latencyMs, waitSeconds * 1000);
        Map<String, Object> results;
        Path out;
        if (sitesOnly) { // the sites section alone, beside a full run's results
            results = new LinkedHashMap<>();
            results.put("latency_ms", latencyMs);
            results.put("validation_wait_ms", waitSeconds * 1000);
            results.put("sites", benchmark.sites(siteCounts));
            out = root().resolve("examples/benchmark/target/results-sites.json");
        } else {
            results = benchmark.run(scale, coldRuns, siteCounts);
            out = root().resolve("examples/benchmark/target/results.json");
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, Json.write(results));
        System.out.println();
        System.out.println("Wrote " + out);
        System.exit(0);
    }

    private Map<String, Object> run(boolean scale, int coldRuns, List<Integer> siteCounts) {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("latency_ms", latencyMs);
        results.put("validation_wait_ms", waitMs);

        HttpsSetupExecutor executor = executor(HttpsSetupExecutor.DEFAULT_PARALLELISM);
        // Unmeasured: one apply and destroy load every class of the SDK and the engine, so that the numbers
        // are the engine's and the emulator's, not the JVM's start-up.
        HttpsSetup warmUp = seed(2, 1);
        executor.apply(warmUp);
        executor.destroy(warmUp);

        // The reference stack: apex + www, two instances, dualstack, HTTP redirect.
        HttpsSetup reference = seed(2, 1);
        long freshStart = System.nanoTime();
        CallRecorder.Counts fresh = measure(() -> executor.apply(reference));
        List<CriticalPath.Call> freshCalls = recorder.calls();
        if (!CriticalPath.unknownSteps(freshCalls).isEmpty()) {
            throw new IllegalStateException("The engine ran steps that HttpsSetupExecutor.steps() does not list: "
                    + CriticalPath.unknownSteps(freshCalls));
        }
        CriticalPath.Result path = CriticalPath.of(freshCalls, latencyMs, waitMs);
        CallRecorder.Counts noop = measure(() -> requireNoChange(executor.apply(reference)));
        List<CriticalPath.Call> noopCalls = recorder.calls();
        CallRecorder.Counts plan = measure(() -> executor.plan(reference));
        CallRecorder.Counts destroy = measure(() -> executor.destroy(reference));
        results.put("fresh_apply", json(fresh));
        results.put("noop_apply", json(noop));
        results.put("plan", json(plan));
        results.put("destroy", json(destroy));
        results.put("critical_path_ms", path.millis());
        results.put("critical_path", path.chain());
        CriticalPath.Result withAnswers = CriticalPath.withAnswerTimes(freshCalls, latencyMs, waitMs);
        results.put("critical_path_with_emulator_time_ms", withAnswers.millis());

        HttpsSetup again = seed(2, 1);
        CallRecorder.Counts sequential = measure(() -> executor(1).apply(again));
        results.put("sequential_fresh_apply_wall_ms", sequential.wallMs());
        results.put("fresh_apply_calls_by_operation", byOperation(freshCalls));
        results.put("noop_apply_calls_by_operation", byOperation(noopCalls));
        results.put("fresh_apply_timeline", timeline(freshCalls, freshStart));
        Map<String, Object> cold = null;
        if (coldRuns > 0) {
            // The stack the sequential apply converged: planned and applied again by fresh processes.
            cold = new ColdStart(root(), aws.endpoint(), aws.credentialsProvider(), latencyMs, coldRuns).run(again);
        }

        List<Map<String, Object>> rows = new ArrayList<>();
        if (scale) {
            for (int instances : List.of(1, 10, 100)) {
                for (int names : List.of(1, 5, 20)) {
                    int used = Math.min(names, MOTO_MAX_ALTERNATIVE_NAMES);
                    HttpsSetup spec = seed(instances, used);
                    CallRecorder.Counts f = measure(() -> executor.apply(spec));
                    CallRecorder.Counts n = measure(() -> requireNoChange(executor.apply(spec)));
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("instances", instances);
                    row.put("alternative_names", used);
                    if (used != names) {
                        row.put("alternative_names_asked", names);
                    }
                    row.put("noop_reads", n.reads());
                    row.put("noop_writes", n.writes());
                    row.put("fresh_calls", f.calls());
                    row.put("fresh_wall_ms", f.wallMs());
                    row.put("noop_wall_ms", n.wallMs());
                    rows.add(row);
                    System.out.printf(
                            "  scale: %3d instances, %2d alternative names: no-op %2d reads %d writes %5d ms;"
                                    + " fresh %2d calls %6d ms%n",
                            instances, used, n.reads(), n.writes(), n.wallMs(), f.calls(), f.wallMs());
                }
            }
        }
        results.put("scale", rows);
        if (!rows.isEmpty()) {
            results.put(
                    "scale_note",
                    "moto refuses more than " + MOTO_MAX_ALTERNATIVE_NAMES + " alternative names, as ACM does"
                            + " unless the account's quota of names per certificate was raised: the rows asked for 20 run with "
                            + MOTO_MAX_ALTERNATIVE_NAMES);
        }
        if (!siteCounts.isEmpty()) {
            results.put("sites", sites(siteCounts));
        }
        print(fresh, noop, plan, destroy, path, sequential);
        System.out.printf(
                "the same bound with the emulator's own answer time added to each call: %d ms (wall / it = %.2f)%n",
                withAnswers.millis(), fresh.wallMs() / (double) withAnswers.millis());
        List<Targets.Check> checks = Targets.check(
                noop.reads(),
                noop.writes(),
                fresh.calls(),
                fresh.wallMs(),
                path.millis(),
                sequential.wallMs(),
                rows.stream().map(r -> (Integer) r.get("noop_reads")).toList());
        if (cold != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> floors = (Map<String, Object>) cold.get("sdk_floors");
            checks.addAll(Targets.cold(
                    (Double) cold.get("engine_ratio"),
                    (Double) cold.get("maven_ratio"),
                    (Double) floors.get("engine_ratio"),
                    (Double) floors.get("maven_ratio")));
        }
        Targets.print(checks);
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("latency_ms", results.remove("latency_ms"));
        ordered.put("validation_wait_ms", results.remove("validation_wait_ms"));
        ordered.put("targets", Targets.json(checks));
        if (cold != null) {
            ordered.put("cold", cold);
        }
        ordered.putAll(results);
        return ordered;
    }

    /** How many sites the sites section serves from one load balancer, row by row. */
    static final List<Integer> SITE_COUNTS = List.of(1, 5, 20);

    /**
     * Several sites on one load balancer: for each count, a fresh apply and a no-op apply of that many sites (one name
     * each, in one zone, the same two instances behind a target group per site), with the reads of the HTTPS
     * listener's rules and certificates, which are made once per listener, not per site.
     */
    Map<String, Object> sites(List<Integer> counts) {
        HttpsSetupExecutor executor = executor(HttpsSetupExecutor.DEFAULT_PARALLELISM);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int count : counts) {
            HttpsSetup spec = seedSites(count);
            CallRecorder.Counts fresh = measure(() -> executor.apply(spec));
            CallRecorder.Counts noop = measure(() -> requireNoChange(executor.apply(spec)));
            List<CriticalPath.Call> noopCalls = recorder.calls();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sites", count);
            row.put("noop_reads", noop.reads());
            row.put("noop_writes", noop.writes());
            row.put("noop_wall_ms", noop.wallMs());
            row.put("fresh_calls", fresh.calls());
            row.put("fresh_wall_ms", fresh.wallMs());
            row.put("listeners", 1);
            row.put("noop_describe_rules", operations(noopCalls, "DescribeRules"));
            row.put("noop_describe_listener_certificates", operations(noopCalls, "DescribeListenerCertificates"));
            row.put("noop_calls_by_operation", byOperationOnly(noopCalls));
            rows.add(row);
            System.out.printf(
                    "  sites: %2d sites: no-op %3d reads %d writes %5d ms (DescribeRules %d,"
                            + " DescribeListenerCertificates %d per listener); fresh %4d calls %6d ms%n",
                    count,
                    noop.reads(),
                    noop.writes(),
                    noop.wallMs(),
                    operations(noopCalls, "DescribeRules"),
                    operations(noopCalls, "DescribeListenerCertificates"),
                    fresh.calls(),
                    fresh.wallMs());
        }
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("rows", rows);
        section.put(
                "note",
                "each site: one name in the zone of " + DOMAIN + ", the same two instances behind a target group of its"
                        + " own; the first site is the default one. The listener's rules and certificates are read"
                        + " once per listener; each site reads its own zone, certificate, target group and records.");
        return section;
    }

    private static long operations(List<CriticalPath.Call> calls, String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).count();
    }

    private static Map<String, Object> byOperationOnly(List<CriticalPath.Call> calls) {
        Map<String, Object> counts = new TreeMap<>();
        for (CriticalPath.Call call : calls) {
            counts.merge(call.service() + ":" + call.operation(), 1, (a, b) -> (Integer) a + (Integer) b);
        }
        return counts;
    }

    /** A clean emulator with two instances and the zone of {@link #DOMAIN}; {@code count} sites on them. */
    private HttpsSetup seedSites(int count) {
        aws.reset();
        Ec2World world;
        try (Ec2Client ec2 = aws.client(Ec2Client.builder());
                Route53Client route53 = aws.client(Route53Client.builder())) {
            world = Ec2Fixture.builder().name(STACK).instances(2).build().seed(ec2);
            route53.createHostedZone(r -> r.name(DOMAIN).callerReference("bench-" + System.nanoTime()));
        }
        HttpsSetup.Builder builder = HttpsSetup.builder()
                .stack(STACK)
                .region(aws.region())
                .httpListener(HttpAction.REDIRECT)
                .defaultSite("site1");
        for (int i = 1; i <= count; i++) {
            String name = "site" + i + "." + DOMAIN;
            builder.site(
                    "site" + i,
                    s -> s.domain(d -> d.name(name))
                            .targets(t -> t.instanceIds(world.instanceIds()).port(8080)));
        }
        return builder.build();
    }

    private ApplyResult requireNoChange(ApplyResult result) {
        if (result.changed()) {
            throw new IllegalStateException("A second apply changed something:\n" + result.render());
        }
        return result;
    }

    private CallRecorder.Counts measure(Supplier<?> body) {
        recorder.clear();
        long start = System.nanoTime();
        body.get();
        long wall = (System.nanoTime() - start) / 1_000_000;
        return recorder.counts(wall);
    }

    /** A clean emulator with the VPC, the instances and the domain's hosted zone; the description for them. */
    private HttpsSetup seed(int instances, int alternativeNames) {
        aws.reset();
        Ec2World world;
        try (Ec2Client ec2 = aws.client(Ec2Client.builder());
                Route53Client route53 = aws.client(Route53Client.builder())) {
            world = Ec2Fixture.builder()
                    .name(STACK)
                    .instances(instances)
                    .ipv6(true)
                    .build()
                    .seed(ec2);
            route53.createHostedZone(r -> r.name(DOMAIN).callerReference("bench-" + System.nanoTime()));
        }
        List<String> names = new ArrayList<>();
        names.add("www." + DOMAIN);
        for (int i = 2; i <= alternativeNames; i++) {
            names.add("name" + i + "." + DOMAIN);
        }
        return HttpsSetup.builder()
                .stack(STACK)
                .region(aws.region())
                .domain(d -> d.name(DOMAIN).alternativeNames(names))
                .targets(t -> t.instanceIds(world.instanceIds()).port(8080))
                .loadBalancer(lb -> lb.ipAddressType(IpAddressType.DUALSTACK))
                .httpListener(HttpAction.REDIRECT)
                .build();
    }

    private HttpsSetupExecutor executor(int parallelism) {
        return HttpsSetupExecutor.builder()
                .credentialsProvider(aws.credentialsProvider())
                .endpointOverride(aws.endpoint())
                .parallelism(parallelism)
                .listener(recorder) // STEP_STARTED / STEP_FINISHED attribute each call to its step
                .addExecutionInterceptor(new FixedLatency(Duration.ofMillis(latencyMs)))
                .addExecutionInterceptor(recorder)
                .build();
    }

    static Map<String, Object> json(CallRecorder.Counts counts) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reads", counts.reads());
        json.put("writes", counts.writes());
        json.put("wall_ms", counts.wallMs());
        Map<String, Object> byService = new LinkedHashMap<>();
        counts.byService().forEach((service, c) -> {
            Map<String, Object> count = new LinkedHashMap<>();
            count.put("reads", c[0]);
            count.put("writes", c[1]);
            byService.put(service, count);
        });
        json.put("by_service", byService);
        return json;
    }

    /** When each call was sent (after the added latency), in ms from the start of the run, and how long the emulator took. */
    static List<String> timeline(List<CriticalPath.Call> calls, long startNanos) {
        List<String> lines = new ArrayList<>();
        for (CriticalPath.Call call : calls) {
            lines.add(String.format(
                    "%6d ms %s/%s %s:%s (answered in %d ms)",
                    (call.nanos() - startNanos) / 1_000_000,
                    call.phase(),
                    call.step(),
                    call.service(),
                    call.operation(),
                    call.answerNanos() / 1_000_000));
        }
        return lines;
    }

    static Map<String, Object> byOperation(List<CriticalPath.Call> calls) {
        Map<String, Object> counts = new TreeMap<>();
        for (CriticalPath.Call call : calls) {
            String key = call.phase() + "/" + call.step() + " " + call.service() + ":" + call.operation();
            counts.merge(key, 1, (a, b) -> (Integer) a + (Integer) b);
        }
        return counts;
    }

    private void print(
            CallRecorder.Counts fresh,
            CallRecorder.Counts noop,
            CallRecorder.Counts plan,
            CallRecorder.Counts destroy,
            CriticalPath.Result path,
            CallRecorder.Counts sequential) {
        System.out.println();
        System.out.printf("%-14s %6s %7s %6s %9s%n", "", "reads", "writes", "calls", "wall ms");
        row("fresh apply", fresh);
        row("no-op apply", noop);
        row("plan", plan);
        row("destroy", destroy);
        System.out.println();
        System.out.printf(
                "critical path of the fresh apply: %d ms (fresh apply wall / critical path = %.2f)%n",
                path.millis(), fresh.wallMs() / (double) path.millis());
        path.chain().forEach(step -> System.out.println("  " + step));
        System.out.printf(
                "sequential fresh apply (parallelism 1): %d ms (sequential / parallel = %.2f)%n",
                sequential.wallMs(), sequential.wallMs() / (double) fresh.wallMs());
    }

    private static void row(String name, CallRecorder.Counts c) {
        System.out.printf("%-14s %6d %7d %6d %9d%n", name, c.reads(), c.writes(), c.calls(), c.wallMs());
    }

    private static Path root() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "Run the benchmark from the https-setup repository (examples/benchmark/run)");
        }
        return dir;
    }
}
