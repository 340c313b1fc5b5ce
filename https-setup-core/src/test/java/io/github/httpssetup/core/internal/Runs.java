package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.ProgressEvent;
import io.github.httpssetup.core.Sleeper;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.resilience4j.retry.RetryConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one step of the engine against the emulator, so that a single resource can be exercised in an integration
 * test, and keeps the {@link Outcome} of the latest run, also when its step threw. The only place the tests build
 * {@link Run}s and {@link AwsClients}.
 *
 * <pre>{@code
 * Runs runs = new Runs(emulator.withRegion(REGION));
 * Outcome<States.LoadBalancer> created = runs.get(spec, Run.Mode.APPLY, run -> new LoadBalancer(run).converge(network, groups));
 * assertThat(created.writes()).isEqualTo(2);
 * }</pre>
 */
final class Runs {

    private final AwsEmulator aws;
    private final List<ProgressEvent> events;
    private Outcome<?> last;

    /** Runs whose events are dropped. */
    Runs(AwsEmulator aws) {
        this(aws, new CopyOnWriteArrayList<>());
    }

    /** Runs whose events are collected into {@code events}. */
    Runs(AwsEmulator aws, List<ProgressEvent> events) {
        this.aws = aws;
        this.events = events;
    }

    /** Runs {@code step} on a fresh run in {@code mode} with its own clients; the outcome carries what it returned. */
    <T> Outcome<T> get(HttpsSetup spec, Run.Mode mode, Function<Run, T> step) {
        try (AwsClients clients = clients(aws, spec)) {
            Run run = run(clients, spec, mode, events);
            T value = null;
            try {
                value = step.apply(run);
            } finally {
                last = new Outcome<>(value, run, clients.counter().snapshot());
            }
            @SuppressWarnings("unchecked")
            Outcome<T> outcome = (Outcome<T>) last;
            return outcome;
        }
    }

    /** {@link #get} for a step without a result. */
    Outcome<Void> run(HttpsSetup spec, Run.Mode mode, Consumer<Run> step) {
        return get(spec, mode, run -> {
            step.accept(run);
            return null;
        });
    }

    /** The outcome of the latest run, also when its step threw. */
    Outcome<?> last() {
        if (last == null) {
            throw new IllegalStateException("nothing ran yet");
        }
        return last;
    }

    /** Clients for the emulator in the spec's region, counting their calls; close them after the test. */
    static AwsClients clients(AwsEmulator aws, HttpsSetup spec) {
        return new AwsClients(spec.region(), aws.credentialsProvider(), aws.endpoint(), List.of(), 8);
    }

    /** A run in the given mode; events are collected into {@code events} when not null. */
    static Run run(AwsClients clients, HttpsSetup spec, Run.Mode mode, List<ProgressEvent> events) {
        return run(clients, spec, mode, events, Sleeper.system(), EngineConfig.defaultEventualConsistency());
    }

    /** A run with its own sleeper and retries of AWS's "not yet" answers. */
    static Run run(
            AwsClients clients,
            HttpsSetup spec,
            Run.Mode mode,
            List<ProgressEvent> events,
            Sleeper sleeper,
            RetryConfig eventualConsistency) {
        List<ProgressEvent> sink = events == null ? new CopyOnWriteArrayList<>() : events;
        return new Run(
                spec,
                clients,
                mode,
                EngineConfig.builder()
                        .listener(sink::add)
                        .sleeper(sleeper)
                        .eventualConsistency(eventualConsistency)
                        .build());
    }
}
