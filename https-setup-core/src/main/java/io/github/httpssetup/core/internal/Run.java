package io.github.httpssetup.core.internal;

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
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * One plan, apply or destroy: the description, the clients, the mode, and what happened. Resources
 * report every decision through {@link #change}: in {@link Mode#PLAN} it is only recorded, in
 * {@link Mode#APPLY} and {@link Mode#DESTROY} the write runs too. Thread-safe.
 */
final class Run {

    /** What the run is for. */
    enum Mode {
        PLAN,
        APPLY,
        DESTROY
    }

    private final HttpsSetup spec;
    private final AwsClients aws;
    private final Mode mode;
    private final ProgressListener listener;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RetryConfig eventualConsistency;
    /** The executor's parallelism: 1 runs everything on one thread, sites' parts included. */
    private final int parallelism;

    private final List<Change> changes;
    private final OutputsCollector outputs = new OutputsCollector();
    private final Map<String, ZoneRecords> zoneRecords = new java.util.concurrent.ConcurrentHashMap<>();
    private final Observations observations;
    private final Set<String> created;
    /** The resource the write running on this thread created, if it said so (see {@link #created}). */
    private final ThreadLocal<String> createdByWrite = new ThreadLocal<>();
    /** The run of the whole stack, for the run of one site's part ({@link #scoped}); {@code null} for that run. */
    private final Run parent;
    /** The site's part this run converges, such as {@code blog} or {@code blog/route-0}; {@code null}: the stack. */
    private final String scope;
    /** The sites' parts of this stack run, made once each; {@code null} in a scoped run. */
    private final Sites sites;

    private volatile boolean cancelled;
    /** In a plan: the readiness checks an apply without changes still runs (see {@link TargetReadiness}). */
    private final List<Runnable> readiness = Collections.synchronizedList(new ArrayList<>());

    Run(HttpsSetup spec, AwsClients aws, Mode mode, EngineConfig config) {
        this(spec, aws, mode, config, new Observations());
    }

    /**
     * A run that shares {@code observations} with another: the apply run of an apply reuses what its plan
     * run read, as long as nothing of that kind was written since.
     */
    Run(HttpsSetup spec, AwsClients aws, Mode mode, EngineConfig config, Observations observations) {
        this.observations = observations;
        this.spec = spec;
        this.aws = aws;
        this.mode = mode;
        this.listener = config.listener();
        this.clock = config.clock();
        this.sleeper = config.sleeper();
        this.eventualConsistency = config.eventualConsistency();
        this.parallelism = config.parallelism();
        this.changes = Collections.synchronizedList(new ArrayList<>());
        this.created = java.util.concurrent.ConcurrentHashMap.newKeySet();
        this.parent = null;
        this.scope = null;
        this.sites = spec.sites().isEmpty() ? null : new Sites(this);
    }

    /** The run of one site's part: its own description and reads, the stack run's changes and cancellation. */
    private Run(Run parent, String scope, HttpsSetup scopeSpec, Observations observations) {
        this.observations = observations;
        this.spec = scopeSpec;
        this.aws = parent.aws;
        this.mode = parent.mode;
        this.listener = parent.listener;
        this.clock = parent.clock;
        this.sleeper = parent.sleeper;
        this.eventualConsistency = parent.eventualConsistency;
        this.parallelism = parent.parallelism;
        this.changes = parent.changes;
        this.created = parent.created;
        this.parent = parent;
        this.scope = scope;
        this.sites = null;
    }

    /**
     * A run for one site's part of this stack run: its resources are owned under {@link #owner()}
     * {@code <stack>/<scope>}, its changes are this run's, named after the scope, and it reads on its own.
     *
     * @param scope     the site ({@code blog}) or one of its routes ({@code blog/route-0})
     * @param scopeSpec the single-site description of that part
     */
    Run scoped(String scope, HttpsSetup scopeSpec) {
        return new Run(this, scope, scopeSpec, observations.scope(scope));
    }

    /** The executor's parallelism (threads for independent steps). */
    int parallelism() {
        return parallelism;
    }

    /** The sites of this stack run; {@code null} for a single-site stack or a scoped run. */
    Sites sites() {
        return sites;
    }

    /** The scope of a scoped run ({@code blog}, {@code blog/route-0}); {@code null} for the stack run. */
    String scope() {
        return scope;
    }

    /**
     * The value of {@link HttpsSetup#OWNERSHIP_TAG} (and of the ownership TXT records) on what this run owns: the
     * stack's name, or {@code <stack>/<scope>} for a site's part.
     */
    String owner() {
        return scope == null ? spec.stack() : spec.stack() + "/" + scope;
    }

    /** Route 53 for this run's zone: through {@code hostedZone.roleArn} when the zone is in another account. */
    software.amazon.awssdk.services.route53.Route53Client route53() {
        String role = spec.domain() == null
                ? null
                : spec.domain().hostedZone().roleArn().orElse(null);
        return aws.route53(role);
    }

    HttpsSetup spec() {
        return spec;
    }

    AwsClients aws() {
        return aws;
    }

    Mode mode() {
        return mode;
    }

    /** Whether writes happen (apply or destroy), as opposed to a plan. */
    boolean writing() {
        return mode != Mode.PLAN;
    }

    OutputsCollector outputs() {
        return outputs;
    }

    /** Changes recorded so far, in the chain's order (kind, then the order they were recorded). */
    List<Change> changes() {
        List<Change> copy;
        synchronized (changes) {
            copy = new ArrayList<>(changes);
        }
        copy.sort((a, b) -> Integer.compare(a.kind().ordinal(), b.kind().ordinal()));
        if (sites != null) { // with sites: the stack's own changes, then each site's, in the description's order
            List<String> order = new ArrayList<>(spec.sites().keySet());
            order.addAll(new java.util.TreeSet<>(sites.removed.keySet()));
            copy.sort(java.util.Comparator.comparingInt(c -> siteIndex(c.name(), order)));
        }
        return copy;
    }

    /**
     * Where a change of a stack with sites is listed: its site's position ({@code blog: ...}, {@code blog/route-0:
     * ...}, a rule {@code blog/host-0 ...}) among {@code sites} (the described ones, then the removed ones), after the
     * stack's own changes.
     */
    static int siteIndex(String name, List<String> sites) {
        int end = 0;
        while (end < name.length() && (Character.isLetterOrDigit(name.charAt(end)) || name.charAt(end) == '-')) {
            end++;
        }
        if (end == 0 || end == name.length() || (name.charAt(end) != ':' && name.charAt(end) != '/')) {
            return -1;
        }
        return sites.indexOf(name.substring(0, end)); // -1: the stack's own (a security group rule "sg-...: ...")
    }

    /**
     * The zone's record sets as read once in this run (before this run's own DNS writes); the apply run of
     * an apply starts from the plan run's read.
     */
    ZoneRecords zoneRecords(String zoneId) {
        if (parent != null) { // sites in one zone share its read: each looks only at its own names
            return parent.zoneRecords.computeIfAbsent(
                    zoneId,
                    id -> parent.observe(ResourceKind.ALIAS_RECORD, "records " + id, () -> ZoneRecords.read(this, id)));
        }
        return zoneRecords.computeIfAbsent(
                zoneId, id -> observe(ResourceKind.ALIAS_RECORD, "records " + id, () -> ZoneRecords.read(this, id)));
    }

    /** Whether this run converges one site's part of a stack with sites. */
    boolean isScoped() {
        return parent != null;
    }

    // ---- observations ----

    /**
     * What a read returned, read once: the same key again (in this run, or in the apply run after its plan
     * run) gets the same answer until a write of a related kind (see {@link Observations#related}). For
     * the reads a resource starts with, never for polls.
     *
     * @param kind what the read observes; {@code null} for what the stack never writes (instances, subnets)
     */
    <T> T observe(ResourceKind kind, Object key, Supplier<T> read) {
        return observations.get(kind, key, read);
    }

    /**
     * Like {@link #observe}, for a read that is the same for every site's part (the stack's target groups): a scoped
     * run shares the stack run's answer.
     */
    <T> T observeStack(ResourceKind kind, Object key, Supplier<T> read) {
        return parent == null ? observe(kind, key, read) : parent.observe(kind, key, read);
    }

    /** Forgets the observations a write of this kind may have made stale (the stack run's too, in a scoped run). */
    void invalidate(ResourceKind kind) {
        observations.invalidate(kind);
        if (parent != null) {
            parent.invalidate(kind);
        }
    }

    /** Keeps the check an apply runs after this plan when the plan has no changes (the apply run has its own step). */
    void deferReadiness(Runnable check) {
        if (parent != null) {
            parent.deferReadiness(check);
        } else {
            readiness.add(check);
        }
    }

    /** The readiness checks this plan deferred, as one, if any. */
    Optional<Runnable> readiness() {
        List<Runnable> checks;
        synchronized (readiness) {
            checks = List.copyOf(readiness);
        }
        return checks.isEmpty() ? Optional.empty() : Optional.of(() -> checks.forEach(Runnable::run));
    }

    /**
     * Notes that this run created the resource (e.g. a load balancer: it then has no listeners yet). Called inside a
     * write, it also keeps the write's change among the changes made if the write fails after creating it.
     */
    void created(String id) {
        if (id != null) {
            created.add(id);
            createdByWrite.set(id);
        }
    }

    /** Whether this run created the resource. */
    boolean createdHere(String id) {
        return id != null && created.contains(id);
    }

    /** Read results keyed by what was asked, grouped by the kind of resource they observe. Thread-safe. */
    static final class Observations {
        private record Key(ResourceKind kind, Object key) {}

        /** A read's outcome: its value, or the AWS error it ended with (e.g. "not found"). */
        private record Outcome(Object value, RuntimeException error) {}

        /** Completed, or in flight: a second caller of an in-flight read waits for it instead of reading again. */
        private final Map<Key, java.util.concurrent.CompletableFuture<Outcome>> outcomes =
                new java.util.concurrent.ConcurrentHashMap<>();

        @SuppressWarnings("unchecked")
        <T> T get(ResourceKind kind, Object key, Supplier<T> read) {
            Key k = new Key(kind, key);
            java.util.concurrent.CompletableFuture<Outcome> mine = new java.util.concurrent.CompletableFuture<>();
            java.util.concurrent.CompletableFuture<Outcome> existing = outcomes.putIfAbsent(k, mine);
            Outcome outcome;
            if (existing != null) {
                outcome = existing.join();
                if (outcome == null) { // the read failed otherwise (no answer from AWS): read again
                    return read.get();
                }
            } else {
                try {
                    outcome = new Outcome(read.get(), null);
                } catch (AwsServiceException e) {
                    if (!answered(e)) { // throttled or failing: whoever asks next asks AWS again
                        outcomes.remove(k, mine);
                        mine.complete(null);
                        throw e;
                    }
                    outcome = new Outcome(null, e);
                } catch (RuntimeException | Error e) {
                    outcomes.remove(k, mine);
                    mine.complete(null);
                    throw e;
                }
                mine.complete(outcome);
            }
            if (outcome.error() != null) {
                throw outcome.error();
            }
            return (T) outcome.value();
        }

        /** An answer about the resource (e.g. not found), as opposed to throttling or a server error. */
        private static boolean answered(AwsServiceException e) {
            return e.statusCode() >= 400 && e.statusCode() < 500 && !e.isThrottlingException();
        }

        /** The reads of one site's part ({@link Run#scoped}): kept apart, and shared by an apply with its plan. */
        private final Map<String, Observations> scopes = new java.util.concurrent.ConcurrentHashMap<>();

        Observations scope(String scope) {
            return scopes.computeIfAbsent(scope, s -> new Observations());
        }

        void invalidate(ResourceKind kind) {
            Set<ResourceKind> stale = related(kind);
            outcomes.keySet().removeIf(k -> k.kind() != null && stale.contains(k.kind()));
        }

        /** The kinds whose reads a write of this kind can change. */
        static Set<ResourceKind> related(ResourceKind kind) {
            return switch (kind) {
                case DOMAIN_REGISTRATION, HOSTED_ZONE ->
                    EnumSet.of(ResourceKind.DOMAIN_REGISTRATION, ResourceKind.HOSTED_ZONE);
                case VALIDATION_RECORD, ALIAS_RECORD, OWNERSHIP_RECORD ->
                    EnumSet.of(
                            ResourceKind.VALIDATION_RECORD, ResourceKind.ALIAS_RECORD, ResourceKind.OWNERSHIP_RECORD);
                case SECURITY_GROUP, SECURITY_GROUP_RULE ->
                    EnumSet.of(ResourceKind.SECURITY_GROUP, ResourceKind.SECURITY_GROUP_RULE);
                case TARGET_GROUP, TARGETS -> EnumSet.of(ResourceKind.TARGET_GROUP, ResourceKind.TARGETS);
                // deleting a load balancer deletes its listeners
                case LOAD_BALANCER ->
                    EnumSet.of(
                            ResourceKind.LOAD_BALANCER,
                            ResourceKind.HTTPS_LISTENER,
                            ResourceKind.HTTP_LISTENER,
                            ResourceKind.LISTENER_CERTIFICATE,
                            ResourceKind.LISTENER_RULE);
                // a new default certificate changes the listener's certificate list
                case HTTPS_LISTENER, HTTP_LISTENER ->
                    EnumSet.of(
                            ResourceKind.HTTPS_LISTENER,
                            ResourceKind.HTTP_LISTENER,
                            ResourceKind.LISTENER_CERTIFICATE,
                            ResourceKind.LISTENER_RULE);
                default -> EnumSet.of(kind);
            };
        }
    }

    /** Changes recorded so far, in the order they happened (destroy reports deletions this way). */
    List<Change> changesInOrder() {
        synchronized (changes) {
            return new ArrayList<>(changes);
        }
    }

    /** The tags every owned, taggable resource carries: the user's, plus the ownership tag. */
    Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>(spec.tags());
        tags.put(HttpsSetup.OWNERSHIP_TAG, owner());
        return tags;
    }

    /**
     * In a site's part: the stack run's owner ({@code <stack>}), whose single-site resources the site takes over when
     * a single-site stack is rewritten with sites; {@code null} for the stack run.
     */
    String stackOwner() {
        return parent == null ? null : parent.owner();
    }

    /**
     * Whether these tags mark a resource the stack owns at stack level (owner exactly {@code <stack>}), seen from a
     * site's part: what the single-site form left, for the site to claim. Never for the stack run.
     */
    boolean handedOver(Map<String, String> tags) {
        return parent != null && parent.owner().equals(tags.get(HttpsSetup.OWNERSHIP_TAG));
    }

    /** Whether these tags mark a resource of this stack (of this site's part, in a scoped run). */
    boolean owns(Map<String, String> tags) {
        return owner().equals(tags.get(HttpsSetup.OWNERSHIP_TAG));
    }

    // ---- decisions ----

    /** Records that the resource already matches. */
    void unchanged(ResourceKind kind, String name, String id) {
        unchanged(kind, name, id, "");
    }

    /** Records that the resource already matches, with a note the plan shows (e.g. what was left out and why). */
    void unchanged(ResourceKind kind, String name, String id, String note) {
        changes.add(Change.of(ChangeAction.UNCHANGED, kind, scoped(name), id, note));
    }

    /** Records a conflict: a same-named resource the stack does not own. */
    void conflict(ResourceKind kind, String name, String id, String reason) {
        changes.add(Change.of(ChangeAction.CONFLICT, kind, scoped(name), id, reason));
    }

    /** A resource's name as changes show it: after its site's part ({@code blog: example.org}) in a scoped run. */
    private String scoped(String name) {
        return scope == null ? name : scope + ": " + name;
    }

    private Change scoped(Change change) {
        return scope == null
                ? change
                : new Change(
                        change.action(),
                        change.kind(),
                        scoped(change.name()),
                        change.id(),
                        change.attributes(),
                        change.reason());
    }

    /** Records the change and, unless planning, runs the write. Returns the write's result (null in a plan). */
    <T> T change(Change change, Supplier<T> write) {
        return change(change, write, null);
    }

    /**
     * Like {@link #change(Change, Supplier)} for a write that creates a resource: the change recorded
     * (and reported) carries the new resource's id, taken from what the write returned, in place of
     * "known after apply".
     *
     * @param idOf the new resource's id or ARN, from the write's result
     */
    <T> T change(Change given, Supplier<T> write, java.util.function.Function<T, String> idOf) {
        Change change = scoped(given);
        if (!writing()) {
            changes.add(change);
            return null;
        }
        checkCancelled();
        event(ProgressEvent.Type.CHANGE_STARTED, change.kind().label(), describe(change));
        T result;
        createdByWrite.remove();
        try {
            result = write.get();
        } catch (RuntimeException e) {
            String id = createdByWrite.get();
            if (id != null) { // created, then the write failed or stopped (e.g. waiting for it): it exists all the same
                changes.add(withId(change, id));
            }
            throw e;
        } finally {
            createdByWrite.remove();
            invalidate(change.kind());
        }
        Change done = idOf == null || result == null ? change : withId(change, idOf.apply(result));
        changes.add(done);
        event(
                ProgressEvent.Type.CHANGE_APPLIED,
                change.kind().label(),
                describe(done) + ": done" + (done.id() == null ? "" : " (" + done.id() + ")"));
        return result;
    }

    /** The change with the id now known, also in its {@code arn}/{@code id} attribute. */
    static Change withId(Change change, String id) {
        if (id == null) {
            return change;
        }
        List<AttributeChange> attributes = change.attributes().stream()
                .map(a -> AttributeChange.KNOWN_AFTER_APPLY.equals(a.after())
                                && ("arn".equals(a.attribute()) || "id".equals(a.attribute()))
                        ? new AttributeChange(a.attribute(), a.before(), id)
                        : a)
                .toList();
        return new Change(change.action(), change.kind(), change.name(), id, attributes, change.reason());
    }

    void change(Change change, Runnable write) {
        change(change, () -> {
            write.run();
            return null;
        });
    }

    private static String describe(Change change) {
        String verb = switch (change.action()) {
            case CREATE -> "creating";
            case UPDATE -> "updating";
            case REPLACE -> "replacing";
            case DELETE -> "deleting";
            default -> change.action().name().toLowerCase(Locale.ROOT);
        };
        return verb + " " + change.name() + (change.reason().isEmpty() ? "" : " (" + change.reason() + ")");
    }

    /** Attribute list for a create: every attribute with its value, before = null. */
    static List<AttributeChange> attributes(Object... nameValuePairs) {
        List<AttributeChange> list = new ArrayList<>();
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            Object value = nameValuePairs[i + 1];
            list.add(new AttributeChange(
                    String.valueOf(nameValuePairs[i]),
                    null,
                    value == null ? AttributeChange.KNOWN_AFTER_APPLY : String.valueOf(value)));
        }
        return list;
    }

    // ---- progress ----

    void event(ProgressEvent.Type type, String step, String message) {
        listener.onEvent(ProgressEvent.of(type, step, message));
    }

    void warn(String step, String message) {
        event(ProgressEvent.Type.WARNING, step, message);
    }

    void info(String step, String message) {
        event(ProgressEvent.Type.INFO, step, message);
    }

    // ---- cancellation ----

    /** Asks every branch to stop before its next write or poll (another branch failed). */
    void cancel() {
        cancelled = true;
    }

    void checkCancelled() {
        if (cancelled || (parent != null && parent.cancelled)) {
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
     * Polls until {@code poll} returns a value, reporting progress, bounded by {@code limit}. The first
     * poll is immediate; then the interval is a tenth of the time waited so far, at least {@code first} and
     * at most {@code max}: the wait ends at most 10% (or {@code first}) after the awaited state is reached,
     * with a number of polls that grows only with the logarithm of the wait until {@code max} is reached.
     *
     * @param onTimeout builds the error when the limit passes
     */
    <T> T await(
            String step,
            String what,
            Duration limit,
            Duration first,
            Duration max,
            Supplier<Optional<T>> poll,
            Supplier<HttpsSetupException> onTimeout) {
        Instant start = clock.instant();
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
            Duration interval = pollInterval(elapsed, first, max);
            sleep(interval.compareTo(left) < 0 ? interval : left);
        }
    }

    /** A tenth of the time waited, within {@code first} and {@code max}. */
    static Duration pollInterval(Duration elapsed, Duration first, Duration max) {
        Duration interval = elapsed.dividedBy(10);
        if (interval.compareTo(first) < 0) {
            interval = first;
        }
        return interval.compareTo(max) > 0 ? max : interval;
    }

    void sleep(Duration duration) {
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
    <T> T retrying(String step, String what, Supplier<T> call, String... errorCodes) {
        return retry(step, what, call, null, errorCodes);
    }

    /**
     * Like {@link #retrying}, for refusals AWS keeps up for minutes (a certificate ACM still sees in use, a
     * certificate the load balancer cannot see yet): retried with the same backoff until {@code budget} has
     * passed, e.g. the spec's {@code waitTimeout}.
     */
    <T> T retryingFor(Duration budget, String step, String what, Supplier<T> call, String... errorCodes) {
        return retry(step, what, call, clock.instant().plus(budget), errorCodes);
    }

    /** {@link #retryingFor} for a call without a result. */
    void retryingFor(Duration budget, String step, String what, Runnable call, String... errorCodes) {
        retryingFor(
                budget,
                step,
                what,
                () -> {
                    call.run();
                    return null;
                },
                errorCodes);
    }

    private <T> T retry(String step, String what, Supplier<T> call, Instant deadline, String... errorCodes) {
        List<String> codes = List.of(errorCodes);
        Predicate<Throwable> notYet = e -> e instanceof AwsServiceException
                && ((AwsServiceException) e).awsErrorDetails() != null
                && codes.contains(((AwsServiceException) e).awsErrorDetails().errorCode());
        RetryConfig.Builder<Object> config = RetryConfig.from(eventualConsistency);
        if (deadline == null) {
            config.retryOnException(notYet);
        } else {
            config.maxAttempts(Integer.MAX_VALUE)
                    .retryOnException(e -> notYet.test(e) && clock.instant().isBefore(deadline));
        }
        Retry retry = Retry.of(what, config.build());
        retry.getEventPublisher()
                .onRetry(e -> listener.onEvent(new ProgressEvent(
                        ProgressEvent.Type.RETRYING,
                        step,
                        what + ": AWS is not ready yet (attempt " + e.getNumberOfRetryAttempts() + ", next in "
                                + e.getWaitInterval().toMillis() + " ms)",
                        Duration.ZERO,
                        Duration.ZERO,
                        e.getLastThrowable())));
        Instant started = clock.instant();
        try {
            return Retry.decorateSupplier(retry, () -> {
                        checkCancelled();
                        return call.get();
                    })
                    .get();
        } catch (AwsServiceException e) {
            if (!notYet.test(e)) {
                throw e;
            }
            String code = e.awsErrorDetails().errorCode();
            String after = deadline == null
                    ? eventualConsistency.getMaxAttempts() + " attempts"
                    : Duration.between(started, clock.instant()).toSeconds() + " s";
            throw new HttpsSetupException(
                    ErrorCode.AWS_ERROR,
                    what + ": AWS still answered " + code + " ("
                            + e.awsErrorDetails().errorMessage() + ") after " + after + ". " + notYetHint(code)
                            + " The run is safe to repeat.",
                    e);
        }
    }

    private String notYetHint(String code) {
        return switch (code) {
            case "TargetGroupNotFound" ->
                "Check that the target group still exists in " + spec.region()
                        + " (aws elbv2 describe-target-groups) and that nothing else deletes it.";
            case "CertificateNotFound" ->
                "Check that the certificate is ISSUED in " + spec.region() + " (aws acm describe-certificate).";
            case "ResourceInUse", "ResourceInUseException", "DependencyViolation" ->
                "Something still uses it: check the listeners, rules and network interfaces that refer to it.";
            case "InvalidTarget" -> "Check that the instances are running, in the target group's VPC.";
            default -> "Check it in the AWS console.";
        };
    }

    void retrying(String step, String what, Runnable call, String... errorCodes) {
        retrying(
                step,
                what,
                () -> {
                    call.run();
                    return null;
                },
                errorCodes);
    }
}
