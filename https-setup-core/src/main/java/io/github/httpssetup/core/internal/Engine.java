package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.ApplyResult;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ConflictException;
import io.github.httpssetup.core.DestroyResult;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.Plan;
import io.github.httpssetup.core.ProgressEvent;
import io.github.httpssetup.core.ProgressListener;
import io.github.httpssetup.core.export.CloudFormationTemplate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Runs the chain ({@link Chain}, a {@link StepGraph}) on a bounded pool for plan and apply, and backwards
 * for destroy. Internal: use {@link io.github.httpssetup.core.HttpsSetupExecutor}.
 */
public final class Engine {

    private final EngineConfig config;
    private final ProgressListener listener;
    private final Clock clock;

    public Engine(EngineConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = config.listener();
        this.clock = config.clock();
    }

    /** Read-only: what apply would do. */
    public Plan plan(HttpsSetup spec) {
        try (AwsClients aws = clients(spec)) {
            Run run = new Run(spec, aws, Run.Mode.PLAN, config);
            converge(run);
            return new Plan(spec.stack(), spec.region(), run.changes());
        }
    }

    /**
     * The CloudFormation template of {@code spec}. Refuses what CloudFormation cannot express before any call, then
     * reads only, like a plan, without planning: what the template needs (instances, subnets, zone, names and
     * attributes apply would use), through the resources' own read paths. AWS errors come back as
     * {@link HttpsSetupException}s.
     */
    public CloudFormationTemplate export(HttpsSetup spec) {
        CloudFormationExport.checkExportable(spec);
        try (AwsClients aws = clients(spec)) {
            Run run = new Run(spec, aws, Run.Mode.PLAN, config);
            return CloudFormationExport.template(spec, translate(() -> ExportReads.read(run)));
        }
    }

    /**
     * Plans first (reads only): refuses with {@link ConflictException} when something blocks, returns at
     * once when nothing differs, and otherwise converges.
     */
    public ApplyResult apply(HttpsSetup spec) {
        Instant start = clock.instant();
        try (AwsClients aws = clients(spec)) {
            // The apply run reuses what the plan run read, until it writes something of that kind.
            Run.Observations observations = new Run.Observations();
            Run planning = new Run(spec, aws, Run.Mode.PLAN, config, observations);
            converge(planning);
            Plan plan = new Plan(spec.stack(), spec.region(), planning.changes());
            if (plan.hasConflicts()) {
                throw new ConflictException(plan.conflicts());
            }
            if (!plan.hasChanges()) {
                listener.onEvent(
                        ProgressEvent.of(ProgressEvent.Type.INFO, "apply", "No changes: AWS matches the description"));
                planning.readiness().ifPresent(Runnable::run); // from what the plan read: no call when all are healthy
                return new ApplyResult(
                        List.of(),
                        planning.outputs().toOutputs(spec),
                        Duration.between(start, clock.instant()),
                        aws.counter().snapshot());
            }
            listener.onEvent(ProgressEvent.of(ProgressEvent.Type.INFO, "apply", plan.summary()));
            Run applying = new Run(spec, aws, Run.Mode.APPLY, config, observations);
            try {
                converge(applying);
            } catch (HttpsSetupException e) {
                throw partial(e, writes(applying.changes()));
            }
            return new ApplyResult(
                    applying.changes(),
                    applying.outputs().toOutputs(spec),
                    Duration.between(start, clock.instant()),
                    aws.counter().snapshot());
        }
    }

    /**
     * Deletes what the stack owns, step by step in the reverse order of the chain ({@link Chain}): records,
     * listeners, load balancer, target group, security groups, certificate, hosted zone and registration.
     */
    public DestroyResult destroy(HttpsSetup spec) {
        Instant start = clock.instant();
        try (AwsClients aws = clients(spec)) {
            Run run = new Run(spec, aws, Run.Mode.DESTROY, config);
            List<String> kept = new ArrayList<>();
            translate(() -> {
                new LoadBalancers(run).checkDestroyable(); // refuse before deleting anything
                States.Zone zone = null;
                if (run.sites() == null) {
                    zone = new HostedZones(run).find().orElse(null);
                } else { // sites no longer described are found by their rules, before anything is deleted
                    new ListenerRules(run)
                            .noteRemoved(
                                    run.sites(),
                                    new LoadBalancers(run)
                                            .find()
                                            .map(LoadBalancers.Found::state)
                                            .orElse(null));
                }
                States.Zone found = zone;
                for (StepGraph.Step s : Chain.GRAPH.destroyOrder()) {
                    step(run, s.name(), () -> {
                        s.teardown().run(run, found, kept);
                        return null;
                    });
                }
                return null;
            });
            return new DestroyResult(
                    run.changesInOrder().stream()
                            .filter(c -> c.action().writes())
                            .toList(),
                    kept,
                    Duration.between(start, clock.instant()),
                    aws.counter().snapshot());
        }
    }

    /**
     * The steps of a plan or apply run, each with the steps and early reads it waits for, in an order where
     * each comes after what it waits for. Unmodifiable.
     */
    public static Map<String, List<String>> steps() {
        return Chain.GRAPH.waitsFor();
    }

    private AwsClients clients(HttpsSetup spec) {
        return new AwsClients(
                spec.region(),
                config.credentials(),
                config.endpoint(),
                config.interceptors(),
                config.parallelism() * 4,
                config.httpClient());
    }

    /**
     * Runs {@link Chain#GRAPH}: each node starts, in the graph's order, as soon as the nodes it needs have
     * ended, on a pool of {@code parallelism} threads. Writes happen only when the run's mode is not PLAN.
     * The first failure cancels the other branches (before their next write or poll).
     */
    private void converge(Run run) {
        ExecutorService pool = Executors.newFixedThreadPool(
                config.parallelism(), threads(run.spec().stack()));
        // EC2's client is the slowest to create in a fresh JVM (its generated classes are the SDK's largest: loading
        // and
        // verifying them takes most of a second) and the plan's longest path starts with its reads, while the pool's
        // first threads go to the other early reads: create it beside them from the start.
        Thread ec2 = new Thread(
                () -> {
                    try {
                        run.aws().ec2();
                    } catch (RuntimeException e) {
                        // the targets step creates it again and reports the failure
                    }
                },
                "https-setup-" + run.spec().stack() + "-ec2");
        ec2.setDaemon(true);
        ec2.start();
        try {
            Map<String, CompletableFuture<Object>> started = new LinkedHashMap<>();
            for (StepGraph.Step s : Chain.GRAPH.steps()) {
                started.put(s.name(), start(s, started, pool, run));
            }
            // Steps first, then reads: the first failure of a step is the one reported.
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (StepGraph.Kind kind : List.of(StepGraph.Kind.STEP, StepGraph.Kind.READ)) {
                Chain.GRAPH.steps().stream().filter(s -> s.kind() == kind).forEach(s -> all.add(started.get(s.name())));
            }
            all.forEach(f -> f.whenComplete((v, e) -> {
                if (e != null) {
                    run.cancel();
                }
            }));
            await(all);
        } finally {
            pool.shutdownNow();
            joinQuietly(ec2); // before the caller closes the clients
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts one node once what it needs has ended; a read fails only with what it needs (which reports). */
    private CompletableFuture<Object> start(
            StepGraph.Step s, Map<String, CompletableFuture<Object>> started, ExecutorService pool, Run run) {
        List<CompletableFuture<Object>> needs =
                s.needs().stream().map(started::get).toList();
        Map<String, CompletableFuture<Object>> upstream = new HashMap<>();
        Chain.GRAPH.upstream(s.name()).forEach(name -> upstream.put(name, started.get(name)));
        Supplier<Object> body = () -> {
            Map<String, Object> results = new HashMap<>();
            upstream.forEach((name, result) -> results.put(name, result.join())); // all ended: they precede a need
            StepGraph.Inputs inputs = new StepGraph.Inputs(s.name(), upstream.keySet(), results);
            return step(run, s.name(), () -> {
                if (s.kind() == StepGraph.Kind.STEP) {
                    return s.body().run(run, inputs);
                }
                try {
                    run.checkCancelled();
                    s.body().run(run, inputs);
                } catch (RuntimeException e) {
                    // reported by the step that needs the read
                }
                return null;
            });
        };
        if (needs.isEmpty()) {
            return CompletableFuture.supplyAsync(body, pool);
        }
        CompletableFuture<?> ready =
                needs.size() == 1 ? needs.get(0) : CompletableFuture.allOf(needs.toArray(CompletableFuture[]::new));
        return ready.thenApplyAsync(ignored -> body.get(), pool);
    }

    /**
     * Runs one step with the thread named after it ({@code ... plan/certificate}, for thread dumps), between a
     * {@link ProgressEvent.Type#STEP_STARTED} and a {@link ProgressEvent.Type#STEP_FINISHED} event that name
     * the step, on the thread that runs it (listeners can attribute what happens in between, e.g. the
     * benchmark the calls to AWS). The message starts with the run: {@code plan}, {@code apply} or
     * {@code destroy}.
     */
    private <T> T step(Run run, String name, Supplier<T> body) {
        Thread thread = Thread.currentThread();
        String before = thread.getName();
        String mode = run.mode().name().toLowerCase(Locale.ROOT);
        thread.setName(before + " " + mode + "/" + name);
        long start = System.nanoTime();
        listener.onEvent(ProgressEvent.of(ProgressEvent.Type.STEP_STARTED, name, mode + ": started"));
        boolean finished = false;
        try {
            T result = body.get();
            finished = true;
            return result;
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            listener.onEvent(new ProgressEvent(
                    ProgressEvent.Type.STEP_FINISHED,
                    name,
                    mode + (finished ? ": finished" : ": stopped by an error") + " in " + took.toMillis() + " ms",
                    took,
                    Duration.ZERO,
                    null));
            thread.setName(before);
        }
    }

    /** Waits for every branch; rethrows the first real failure (not a cancellation caused by it). */
    private static void await(List<CompletableFuture<?>> all) {
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                    .exceptionally(e -> null)
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpsSetupException(ErrorCode.WAIT_TIMEOUT, "Interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        RuntimeException first = null;
        for (CompletableFuture<?> f : all) {
            if (f.isCompletedExceptionally()) {
                Throwable cause = unwrap(f);
                if (cause instanceof Run.CancelledException) {
                    continue;
                }
                if (first == null) {
                    first = translateFailure(cause);
                } else if (first != cause) {
                    first.addSuppressed(cause);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static Throwable unwrap(CompletableFuture<?> f) {
        try {
            f.join();
            return null;
        } catch (CompletionException e) {
            Throwable cause = e;
            while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause;
        } catch (java.util.concurrent.CancellationException e) {
            return new Run.CancelledException();
        }
    }

    private static <T> T translate(Supplier<T> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            throw translateFailure(e);
        }
    }

    /** AWS SDK errors become {@link HttpsSetupException}s that say which call failed and what to check. */
    static RuntimeException translateFailure(Throwable e) {
        if (e instanceof HttpsSetupException) {
            return (HttpsSetupException) e;
        }
        if (e instanceof AwsServiceException) {
            AwsServiceException aws = (AwsServiceException) e;
            String service = aws.awsErrorDetails() == null
                    ? "AWS"
                    : aws.awsErrorDetails().serviceName();
            String code = aws.awsErrorDetails() == null
                    ? String.valueOf(aws.statusCode())
                    : aws.awsErrorDetails().errorCode();
            String message = aws.awsErrorDetails() == null
                    ? aws.getMessage()
                    : aws.awsErrorDetails().errorMessage();
            String hint = "";
            if ("AccessDenied".equals(code)
                    || "AccessDeniedException".equals(code)
                    || "UnauthorizedOperation".equals(code)) {
                hint =
                        " The credentials lack a permission: add it to the IAM policy (mvn https-setup:iam-policy prints the one this configuration needs).";
            } else if (code != null && (code.contains("Throttl") || aws.statusCode() >= 500)) {
                hint = " AWS kept failing after retries; run again later (the run is safe to repeat).";
            }
            return new HttpsSetupException(
                    ErrorCode.AWS_ERROR, service + " refused a call: " + code + ": " + message + "." + hint, e);
        }
        if (e instanceof SdkClientException) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (message.contains("credentials") || message.contains("Credentials")) {
                return new HttpsSetupException(
                        ErrorCode.CONFIGURATION,
                        "No AWS credentials found: " + message
                                + " Set AWS_PROFILE (or the profile option), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
                        e);
            }
            return new HttpsSetupException(
                    ErrorCode.AWS_ERROR,
                    "Could not reach AWS: " + message
                            + " Check the network, the region and any endpoint override; the run is safe to repeat.",
                    e);
        }
        if (e instanceof RuntimeException) {
            return (RuntimeException) e;
        }
        return new IllegalStateException(e);
    }

    private static ThreadFactory threads(String stack) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "https-setup-" + stack + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** An apply's failure, with what it had already changed (the user sees what exists now, and that a rerun continues). */
    static HttpsSetupException partial(HttpsSetupException failure, List<Change> changesMade) {
        return changesMade.isEmpty() ? failure : new HttpsSetupException(failure, changesMade);
    }

    static List<Change> writes(List<Change> changes) {
        return changes.stream().filter(c -> c.action().writes()).toList();
    }
}
