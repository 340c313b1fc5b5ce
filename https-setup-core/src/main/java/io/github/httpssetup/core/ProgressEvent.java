package io.github.httpssetup.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Something the executor is doing, for a {@link ProgressListener}.
 *
 * <p>{@link Type#STEP_STARTED} and {@link Type#STEP_FINISHED} frame each step of a run on the thread that runs it:
 * {@code step} is the step's name (one of {@link HttpsSetupExecutor#steps()}), and {@code message} starts with the
 * run: {@code plan}, {@code apply} or {@code destroy} ({@code "plan: started"}). Every other event that thread
 * sends in between, and every call it makes to AWS, belongs to that step.
 *
 * @param type    what happened
 * @param step    for {@link Type#STEP_STARTED} and {@link Type#STEP_FINISHED}, the step; otherwise the resource kind
 *                or phase, e.g. {@code certificate}
 * @param message a sentence for people
 * @param elapsed for {@link Type#WAITING}: time waited so far; for {@link Type#STEP_FINISHED}: how long the step
 *                took; else {@link Duration#ZERO}
 * @param limit   for {@link Type#WAITING}: the time limit; else {@link Duration#ZERO}
 * @param cause   for {@link Type#RETRYING}: the error being retried; else {@code null}
 */
public record ProgressEvent(Type type, String step, String message, Duration elapsed, Duration limit, Throwable cause) {

    /** The kinds of event, each with the level front ends log it at. */
    public enum Type {
        /** A step of the run started (see above). */
        STEP_STARTED(Level.DEBUG),
        /** A step of the run ended, done or stopped by an error; {@code elapsed} is how long it took. */
        STEP_FINISHED(Level.DEBUG),
        /** A write starts: {@code creating ...}, {@code deleting ...} (its {@link #CHANGE_APPLIED} says it again). */
        CHANGE_STARTED(Level.DEBUG),
        /** A write is done. */
        CHANGE_APPLIED(Level.INFO),
        /** Waiting for AWS to reach a state, with the time waited and the limit. */
        WAITING(Level.INFO),
        /** A call AWS refused for now is tried again (a failure that lasts ends the run with its own message). */
        RETRYING(Level.DEBUG),
        /** Something the user should know and may want to change. */
        WARNING(Level.WARN),
        /** Anything else worth telling. */
        INFO(Level.INFO);

        private final Level level;

        Type(Level level) {
            this.level = level;
        }

        /** The level events of this type are logged at. */
        public Level level() {
            return level;
        }
    }

    /**
     * How much a person watching a run needs an event: the one mapping of events to log levels that the SLF4J
     * listener ({@link ProgressListener#slf4j()}), the Maven plugin and the command line share.
     *
     * <pre>{@code
     * ProgressListener toLog = event -> {
     *     switch (event.level()) {
     *         case WARN -> log.warn("{}", event);
     *         case INFO -> log.info("{}", event);
     *         case DEBUG -> log.debug("{}", event);
     *     }
     * };
     * }</pre>
     */
    public enum Level {
        /** What happens step by step: steps starting and ending, writes starting, retries. */
        DEBUG,
        /** What changed, what the run waits for, and the rest worth telling. */
        INFO,
        /** Something the user should know and may want to change. */
        WARN
    }

    public ProgressEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(message, "message");
        elapsed = elapsed == null ? Duration.ZERO : elapsed;
        limit = limit == null ? Duration.ZERO : limit;
    }

    public static ProgressEvent of(Type type, String step, String message) {
        return new ProgressEvent(type, step, message, Duration.ZERO, Duration.ZERO, null);
    }

    /** The level to log this event at: its type's ({@link Type#level()}). */
    public Level level() {
        return type.level();
    }

    /** {@code [certificate] waiting for ISSUED (40 s of 30 m)}. */
    @Override
    public String toString() {
        String text = "[" + step + "] " + message;
        if (type == Type.WAITING) {
            text += " (" + seconds(elapsed) + " of " + seconds(limit) + ")";
        }
        return text;
    }

    private static String seconds(Duration d) {
        return d.toSeconds() >= 120 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
