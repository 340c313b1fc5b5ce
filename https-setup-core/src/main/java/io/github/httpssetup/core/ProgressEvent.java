package io.github.httpssetup.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Something the executor is doing, for a {@link ProgressListener}.
 *
 * @param type    what happened
 * @param step    the resource kind or phase, e.g. {@code certificate}
 * @param message a sentence for people
 * @param elapsed for {@link Type#WAITING}: time waited so far; else {@link Duration#ZERO}
 * @param limit   for {@link Type#WAITING}: the time limit; else {@link Duration#ZERO}
 * @param cause   for {@link Type#RETRYING}: the error being retried; else {@code null}
 */
public record ProgressEvent(Type type, String step, String message, Duration elapsed, Duration limit, Throwable cause) {

    /** The kinds of event. */
    public enum Type {
        STEP_STARTED, STEP_FINISHED, CHANGE_APPLIED, WAITING, RETRYING, WARNING, INFO
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
