package io.github.httpssetup.core.engine;

import io.github.httpssetup.core.AttributeChange;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.ProgressEvent;
import io.github.httpssetup.core.ProgressListener;
import io.github.httpssetup.core.ResourceKind;
import io.github.httpssetup.core.Sleeper;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * One plan, apply or destroy: the description, the clients, the mode, and what happened. Resources
 * report every decision through {@link #change}: in {@link Mode#PLAN} it is only recorded, in
 * {@link Mode#APPLY} and {@link Mode#DESTROY} the write runs too. Thread-safe.
 */
public final class Run {

    /** What the run is for. */
    public enum Mode { PLAN, APPLY, DESTROY }

    private final HttpsSetup spec;
    private final AwsClients aws;
    private final Mode mode;
    private final ProgressListener listener;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RetryConfig eventualConsistency;
    private final List<Change> changes = Collections.synchronizedList(new ArrayList<>());
    private final OutputsCollector outputs = new OutputsCollector();
    private final Map<String, ZoneRecords> zoneRecords = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean cancelled;

    Run(HttpsSetup spec, AwsClients aws, Mode mode, ProgressListener listener, Clock clock, Sleeper sleeper,
        RetryConfig eventualConsistency) {
        this.spec = spec;
        this.aws = aws;
        this.mode = mode;
        this.listener = listener;
        this.clock = clock;
        this.sleeper = sleeper;
        this.eventualConsistency = eventualConsistency;
    }

    public HttpsSetup spec() {
        return spec;
    }

    public AwsClients aws() {
        return aws;
    }

    public Mode mode() {
        return mode;
    }

    /** Whether writes happen (apply or destroy), as opposed to a plan. */
    public boolean writing() {
        return mode != Mode.PLAN;
    }

    public OutputsCollector outputs() {
        return outputs;
    }

    /** Changes recorded so far, in the chain's order (kind, then the order they were recorded). */
    public List<Change> changes() {
        List<Change> copy;
        synchronized (changes) {
            copy = new ArrayList<>(changes);
        }
        copy.sort((a, b) -> Integer.compare(a.kind().ordinal(), b.kind().ordinal()));
        return copy;
    }

    /** The zone's record sets as read once in this run (before this run's own DNS writes). */
    ZoneRecords zoneRecords(String zoneId) {
        return zoneRecords.computeIfAbsent(zoneId, id -> ZoneRecords.read(this, id));
    }

    /** Changes recorded so far, in the order they happened (destroy reports deletions this way). */
    public List<Change> changesInOrder() {
        synchronized (changes) {
            return new ArrayList<>(changes);
        }
    }

    /** The tags every owned, taggable resource carries: the user's, plus the ownership tag. */
    public Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>(spec.tags());
        tags.put(HttpsSetup.OWNERSHIP_TAG, spec.stack());
        return tags;
    }

    /** Whether these tags mark a resource of this stack. */
    public boolean owns(Map<String, String> tags) {
        return spec.stack().equals(tags.get(HttpsSetup.OWNERSHIP_TAG));
    }

    // ---- decisions ----

    /** Records that the resource already matches. */
    public void unchanged(ResourceKind kind, String name, String id) {
        changes.add(Change.of(ChangeAction.UNCHANGED, kind, name, id, ""));
    }

    /** Records a conflict: a same-named resource the stack does not own. */
    public void conflict(ResourceKind kind, String name, String id, String reason) {
        changes.add(Change.of(ChangeAction.CONFLICT, kind, name, id, reason));
    }

    /** Records the change and, unless planning, runs the write. Returns the write's result (null in a plan). */
    public <T> T change(Change change, Supplier<T> write) {
        if (!writing()) {
            changes.add(change);
            return null;
        }
        checkCancelled();
        event(ProgressEvent.Type.STEP_STARTED, change.kind().label(), describe(change));
        T result = write.get();
        changes.add(change);
        event(ProgressEvent.Type.CHANGE_APPLIED, change.kind().label(), describe(change) + ": done");
        return result;
    }

    public void change(Change change, Runnable write) {
        change(change, () -> {
            write.run();
            return null;
        });
    }

    private static String describe(Change change) {
        String verb;
        switch (change.action()) {
            case CREATE: verb = "creating"; break;
            case UPDATE: verb = "updating"; break;
            case REPLACE: verb = "replacing"; break;
            case DELETE: verb = "deleting"; break;
            default: verb = change.action().name().toLowerCase();
        }
        return verb + " " + change.name() + (change.reason().isEmpty() ? "" : " (" + change.reason() + ")");
    }

    /** Attribute list for a create: every attribute with its value, before = null. */
    public static List<AttributeChange> attributes(Object... nameValuePairs) {
        List<AttributeChange> list = new ArrayList<>();
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            Object value = nameValuePairs[i + 1];
            list.add(new AttributeChange(String.valueOf(nameValuePairs[i]), null,
                    value == null ? AttributeChange.KNOWN_AFTER_APPLY : String.valueOf(value)));
        }
        return list;
    }

    // ---- progress ----

    public void event(ProgressEvent.Type type, String step, String message) {
        listener.onEvent(ProgressEvent.of(type, step, message));
    }

    public void warn(String step, String message) {
        event(ProgressEvent.Type.WARNING, step, message);
    }

    public void info(String step, String message) {
        event(ProgressEvent.Type.INFO, step, message);
    }

    // ---- cancellation ----

    /** Asks every branch to stop before its next write or poll (another branch failed). */
    void cancel() {
        cancelled = true;
    }

    public void checkCancelled() {
        if (cancelled) {
            throw new CancelledException();
        }
    }

    /** Thrown inside a branch that stops because another branch failed; never reaches the user. */
    static final class CancelledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CancelledException() {
            super("cancelled because another step failed", null, false, false);
        }
    }

    // ---- waiting ----

    /**
     * Polls until {@code poll} returns a value, reporting progress, with a growing interval (from
     * {@code first} to {@code max}), bounded by {@code limit}.
     *
     * @param onTimeout builds the error when the limit passes
     */
    public <T> T await(String step, String what, Duration limit, Duration first, Duration max,
                       Supplier<Optional<T>> poll, Supplier<HttpsSetupException> onTimeout) {
        Instant start = clock.instant();
        Duration interval = first;
        while (true) {
            checkCancelled();
            Optional<T> value = poll.get();
            if (value.isPresent()) {
                return value.get();
            }
            Duration elapsed = Duration.between(start, clock.instant());
            if (elapsed.compareTo(limit) >= 0) {
                throw onTimeout.get();
            }
            listener.onEvent(new ProgressEvent(ProgressEvent.Type.WAITING, step, what, elapsed, limit, null));
            Duration left = limit.minus(elapsed);
            sleep(interval.compareTo(left) < 0 ? interval : left);
            interval = interval.multipliedBy(3).dividedBy(2);
            if (interval.compareTo(max) > 0) {
                interval = max;
            }
        }
    }

    public void sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpsSetupException(ErrorCode.WAIT_TIMEOUT, "Interrupted while waiting", e);
        }
    }

    // ---- eventual consistency ----

    /**
     * Runs a call that AWS may refuse for a while after a related change (a just-issued certificate, a
     * just-created target group, a resource still in use): retried with exponential backoff, bounded.
     * Throttling and 5xx are not handled here: the SDK's retry strategy already does.
     *
     * @param errorCodes the AWS error codes that mean "not yet"
     */
    public <T> T retrying(String step, String what, Supplier<T> call, String... errorCodes) {
        List<String> codes = List.of(errorCodes);
        Predicate<Throwable> notYet = e -> e instanceof AwsServiceException
                && ((AwsServiceException) e).awsErrorDetails() != null
                && codes.contains(((AwsServiceException) e).awsErrorDetails().errorCode());
        Retry retry = Retry.of(what, RetryConfig.from(eventualConsistency).retryOnException(notYet).build());
        retry.getEventPublisher().onRetry(e -> listener.onEvent(new ProgressEvent(ProgressEvent.Type.RETRYING, step,
                what + ": AWS is not ready yet (attempt " + e.getNumberOfRetryAttempts() + ", next in "
                        + e.getWaitInterval().toMillis() + " ms)", Duration.ZERO, Duration.ZERO, e.getLastThrowable())));
        return Retry.decorateSupplier(retry, () -> {
            checkCancelled();
            return call.get();
        }).get();
    }

    public void retrying(String step, String what, Runnable call, String... errorCodes) {
        retrying(step, what, () -> {
            call.run();
            return null;
        }, errorCodes);
    }

    /** Backoff used by {@link #retrying}: 8 attempts, 500 ms doubling up to 8 s (about 35 s in all). */
    static RetryConfig defaultEventualConsistency() {
        return RetryConfig.custom()
                .maxAttempts(8)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(500), 2.0, Duration.ofSeconds(8)))
                .failAfterMaxAttempts(false)
                .build();
    }
}
