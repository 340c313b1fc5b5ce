package io.github.httpssetup.core.engine;

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
import io.github.httpssetup.core.Sleeper;
import io.github.resilience4j.retry.RetryConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Runs the chain as a dependency graph on a bounded pool: independent branches (DNS and certificate on
 * one side, EC2, security groups, target group and load balancer on the other) run at once; the
 * listeners wait for the certificate, target group and load balancer; the alias records for the
 * listeners. Internal: use {@link io.github.httpssetup.core.HttpsSetupExecutor}.
 */
public final class Engine {

    private final AwsCredentialsProvider credentials;
    private final URI endpoint;
    private final List<ExecutionInterceptor> interceptors;
    private final int parallelism;
    private final ProgressListener listener;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RetryConfig eventualConsistency;

    public Engine(AwsCredentialsProvider credentials, URI endpoint, List<ExecutionInterceptor> interceptors, int parallelism,
                  ProgressListener listener, Clock clock, Sleeper sleeper, RetryConfig eventualConsistency) {
        this.credentials = credentials;
        this.endpoint = endpoint;
        this.interceptors = List.copyOf(interceptors);
        this.parallelism = parallelism;
        this.listener = listener;
        this.clock = clock;
        this.sleeper = sleeper;
        this.eventualConsistency = eventualConsistency == null ? Run.defaultEventualConsistency() : eventualConsistency;
    }

    /** Read-only: what apply would do. */
    public Plan plan(HttpsSetup spec) {
        try (AwsClients aws = clients(spec)) {
            Run run = new Run(spec, aws, Run.Mode.PLAN, listener, clock, sleeper, eventualConsistency);
            converge(run);
            return new Plan(spec.stack(), spec.region(), run.changes());
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
            Run planning = new Run(spec, aws, Run.Mode.PLAN, listener, clock, sleeper, eventualConsistency, observations);
            converge(planning);
            Plan plan = new Plan(spec.stack(), spec.region(), planning.changes());
            if (plan.hasConflicts()) {
                throw new ConflictException(plan.conflicts());
            }
            if (!plan.hasChanges()) {
                listener.onEvent(ProgressEvent.of(ProgressEvent.Type.INFO, "apply", "No changes: AWS matches the description"));
                return new ApplyResult(List.of(), planning.outputs().toOutputs(spec.url()),
                        Duration.between(start, clock.instant()), aws.counter().snapshot());
            }
            listener.onEvent(ProgressEvent.of(ProgressEvent.Type.INFO, "apply", plan.summary()));
            Run applying = new Run(spec, aws, Run.Mode.APPLY, listener, clock, sleeper, eventualConsistency, observations);
            try {
                converge(applying);
            } catch (HttpsSetupException e) {
                throw partial(e, writes(applying.changes()));
            }
            return new ApplyResult(applying.changes(), applying.outputs().toOutputs(spec.url()),
                    Duration.between(start, clock.instant()), aws.counter().snapshot());
        }
    }

    /** Deletes what the stack owns, in reverse order of the chain. */
    public DestroyResult destroy(HttpsSetup spec) {
        Instant start = clock.instant();
        try (AwsClients aws = clients(spec)) {
            Run run = new Run(spec, aws, Run.Mode.DESTROY, listener, clock, sleeper, eventualConsistency);
            List<String> kept = new ArrayList<>();
            translate(() -> step(run, "destroy", () -> {
                new LoadBalancer(run).checkDestroyable(); // refuse before deleting anything
                States.Zone zone = new HostedZone(run).find().orElse(null);
                if (zone != null) {
                    new AliasRecords(run).destroy(zone);
                }
                new Listeners(run).destroy();
                new LoadBalancer(run).destroy();
                new TargetGroup(run).destroy();
                new SecurityGroups(run).destroy();
                new Certificate(run).destroy(zone);
                new HostedZone(run).destroy(zone, kept);
                new DomainRegistration(run).destroy(kept);
                return null;
            }));
            return new DestroyResult(run.changesInOrder().stream().filter(c -> c.action().writes()).toList(), kept,
                    Duration.between(start, clock.instant()), aws.counter().snapshot());
        }
    }

    private AwsClients clients(HttpsSetup spec) {
        return new AwsClients(spec.region(), credentials, endpoint, interceptors, parallelism * 4);
    }

    /** The graph. Writes happen only when the run's mode is not PLAN. */
    private void converge(Run run) {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, threads(run.spec().stack()));
        try {
            // Reads that depend on nothing start at once; the steps that need them find them done or in flight.
            CompletableFuture<Void> readLoadBalancer = prefetch(pool, run, "read-load-balancer", () -> {
                LoadBalancer loadBalancer = new LoadBalancer(run);
                loadBalancer.find().ifPresent(lb -> {
                    if (run.owns(lb.tags()) || run.spec().adopt()) {
                        loadBalancer.attributes(lb.arn());
                    }
                    new Listeners(run).observe(lb.arn());
                });
            });
            CompletableFuture<Void> readTargetGroups = prefetch(pool, run, "read-target-groups",
                    () -> new TargetGroup(run).observed());
            CompletableFuture<Void> readCertificates = prefetch(pool, run, "read-certificates",
                    () -> new Certificate(run).owned());
            CompletableFuture<States.Zone> zone = async(pool, run, "zone", () -> {
                DomainRegistration registration = new DomainRegistration(run);
                registration.converge();
                States.Zone z = new HostedZone(run).converge();
                new ZoneScope(run).check(z); // before the certificate: names the zone cannot hold fail the plan
                registration.convergeNameServers(z);
                return z;
            });
            // The zone's records are needed by the validation records and the alias records: read them as soon
            // as the zone is known (a zone still to be created has none).
            CompletableFuture<Void> readRecords = prefetchAfter(zone, pool, run, "read-records", z -> {
                if (z.id() != null) {
                    run.zoneRecords(z.id());
                }
            });
            CompletableFuture<States.Targets> targets = async(pool, run, "targets", () -> new Network(run).targets());
            CompletableFuture<Void> readRouteTables = prefetchAfter(targets, pool, run, "read-route-tables",
                    t -> new Network(run).routeTables(t.vpcId()));
            CompletableFuture<States.Network> network = targets.thenApplyAsync(
                    t -> step(run, "network", () -> new Network(run).resolve(t)), pool);
            CompletableFuture<States.Certificate> certificate = zone.thenApplyAsync(
                    z -> step(run, "certificate", () -> new Certificate(run).converge(z)), pool);
            CompletableFuture<States.SecurityGroups> groups = targets.thenApplyAsync(
                    t -> step(run, "security-groups", () -> new SecurityGroups(run).converge(t)), pool);
            CompletableFuture<States.TargetGroup> targetGroup = targets.thenApplyAsync(
                    t -> step(run, "target-group", () -> new TargetGroup(run).converge(t)), pool);
            CompletableFuture<States.LoadBalancer> loadBalancer = network.thenCombineAsync(groups,
                    (n, g) -> step(run, "load-balancer", () -> new LoadBalancer(run).converge(n, g.ids())), pool);
            // The HTTP listener needs no certificate: it is in place while ACM validates.
            CompletableFuture<List<Listeners.Observed>> httpListener = targetGroup.thenCombineAsync(loadBalancer,
                    (g, lb) -> step(run, "http-listener", () -> new Listeners(run).convergeHttp(g, lb)), pool);
            CompletableFuture<Void> listeners = CompletableFuture.allOf(certificate, httpListener)
                    .thenRunAsync(() -> step(run, "listeners", () -> {
                        new Listeners(run).convergeHttps(certificate.join(), targetGroup.join(), loadBalancer.join(),
                                httpListener.join());
                        return null;
                    }), pool);
            CompletableFuture<Void> records = listeners.thenRunAsync(() -> step(run, "records", () -> {
                new AliasRecords(run).converge(zone.join(), loadBalancer.join());
                return null;
            }), pool);
            CompletableFuture<Void> cleanup = listeners.thenRunAsync(() -> step(run, "cleanup", () -> {
                new TargetGroup(run).deleteReplaced(targetGroup.join());
                new SecurityGroups(run).revokeStale(groups.join());
                new Certificate(run).deleteReplaced(certificate.join(), zone.join());
                return null;
            }), pool);
            List<CompletableFuture<?>> all = List.of(zone, targets, network, certificate, groups, targetGroup, loadBalancer,
                    httpListener, listeners, records, cleanup, readLoadBalancer, readTargetGroups, readCertificates, readRecords,
                    readRouteTables);
            all.forEach(f -> f.whenComplete((v, e) -> {
                if (e != null) {
                    run.cancel();
                }
            }));
            await(all);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A read a step will make, started early; its failure is not reported here (the step reads again, or
     * gets the same AWS error, and reports it).
     */
    private static CompletableFuture<Void> prefetch(ExecutorService pool, Run run, String name, Runnable read) {
        return prefetchAfter(CompletableFuture.completedFuture(null), pool, run, name, ignored -> read.run());
    }

    /** A prefetch that needs what {@code after} yields; it fails only with {@code after} (which reports). */
    private static <T> CompletableFuture<Void> prefetchAfter(CompletableFuture<T> after, ExecutorService pool, Run run,
                                                             String name, java.util.function.Consumer<T> read) {
        return after.thenAcceptAsync(value -> step(run, name, () -> {
            try {
                run.checkCancelled();
                read.accept(value);
            } catch (RuntimeException e) {
                // reported by the step that needs the read
            }
            return null;
        }), pool);
    }

    private static <T> CompletableFuture<T> async(ExecutorService pool, Run run, String name, Supplier<T> body) {
        return CompletableFuture.supplyAsync(() -> step(run, name, body), pool);
    }

    /**
     * Runs one step of the graph with the thread named after it ({@code ... plan/certificate}): thread
     * dumps then say what each thread does, and SDK interceptors can attribute each call to its step
     * (the benchmark derives the critical path from that).
     */
    static <T> T step(Run run, String name, Supplier<T> body) {
        Thread thread = Thread.currentThread();
        String before = thread.getName();
        thread.setName(before + " " + run.mode().name().toLowerCase(java.util.Locale.ROOT) + "/" + name);
        try {
            return body.get();
        } finally {
            thread.setName(before);
        }
    }

    /** Waits for every branch; rethrows the first real failure (not a cancellation caused by it). */
    private static void await(List<CompletableFuture<?>> all) {
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get();
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
            while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
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
            String service = aws.awsErrorDetails() == null ? "AWS" : aws.awsErrorDetails().serviceName();
            String code = aws.awsErrorDetails() == null ? String.valueOf(aws.statusCode()) : aws.awsErrorDetails().errorCode();
            String message = aws.awsErrorDetails() == null ? aws.getMessage() : aws.awsErrorDetails().errorMessage();
            String hint = "";
            if ("AccessDenied".equals(code) || "AccessDeniedException".equals(code) || "UnauthorizedOperation".equals(code)) {
                hint = " The credentials lack a permission: add it to the IAM policy (mvn https-setup:iam-policy prints the one this configuration needs).";
            } else if (code != null && (code.contains("Throttl") || aws.statusCode() >= 500)) {
                hint = " AWS kept failing after retries; run again later (the run is safe to repeat).";
            }
            return new HttpsSetupException(ErrorCode.AWS_ERROR, service + " refused a call: " + code + ": " + message + "."
                    + hint, e);
        }
        if (e instanceof SdkClientException) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (message.contains("credentials") || message.contains("Credentials")) {
                return new HttpsSetupException(ErrorCode.CONFIGURATION, "No AWS credentials found: " + message
                        + " Set AWS_PROFILE (or the profile option), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.", e);
            }
            return new HttpsSetupException(ErrorCode.AWS_ERROR, "Could not reach AWS: " + message
                    + " Check the network, the region and any endpoint override; the run is safe to repeat.", e);
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
