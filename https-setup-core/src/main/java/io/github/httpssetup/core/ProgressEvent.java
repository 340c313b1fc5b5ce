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

    /** The kinds of event. */
    public enum Type {
        /** A step of the run started (see above). */
        STEP_STARTED,
        /** A step of the run ended, done or stopped by an error; {@code elapsed} is how long it took. */
        STEP_FINISHED,
        /** A write starts: {@code creating ...}, {@code deleting ...}. */
        CHANGE_STARTED,
        /** A write is done. */
        CHANGE_APPLIED,
        /** Waiting for AWS to reach a state, with the time waited and the limit. */
        WAITING,
        /** A call AWS refused for now is tried again. */
        RETRYING,
        /** Something the user should know and may want to change. */
        WARNING,
        /** Anything else worth telling. */
        INFO
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
