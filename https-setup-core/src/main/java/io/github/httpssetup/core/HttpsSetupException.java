package io.github.httpssetup.core;

import java.util.List;
import java.util.Objects;

/**
 * The one unchecked exception type of https-setup. Every instance carries an {@link ErrorCode} and a
 * message that says what is wrong and how to fix it; subclasses add structured details. An apply that
 * fails after it changed something says so: {@link #changesMade()} lists those changes, and the message
 * ends with them and with how to continue.
 */
public class HttpsSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient List<Change> changesMade;

    public HttpsSetupException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.changesMade = List.of();
    }

    public HttpsSetupException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.changesMade = List.of();
    }

    /**
     * The failure of an apply that had already made changes: the same code, cause and stack trace as
     * {@code failure}, its message followed by the changes (with their ids) and by the fact that a rerun
     * continues from there.
     *
     * @param changesMade the writes the apply completed before it stopped, in the chain's order
     */
    public HttpsSetupException(HttpsSetupException failure, List<Change> changesMade) {
        super(failure.getMessage() + changesMadeSection(changesMade), failure.getCause());
        this.code = failure.code();
        this.changesMade = List.copyOf(changesMade);
        setStackTrace(failure.getStackTrace());
        for (Throwable suppressed : failure.getSuppressed()) {
            addSuppressed(suppressed);
        }
    }

    /** What kind of problem this is. */
    public ErrorCode code() {
        return code;
    }

    /**
     * What the failed apply had changed before it stopped, with the ids and ARNs of what it created: these
     * resources exist now. Empty when nothing was changed (and for plan, destroy and invalid input).
     */
    public List<Change> changesMade() {
        return changesMade == null ? List.of() : changesMade;
    }

    private static String changesMadeSection(List<Change> changes) {
        if (changes.isEmpty()) {
            return "";
        }
        String title = "\n\nBefore it stopped, this apply made " + changes.size()
                + (changes.size() == 1 ? " change" : " changes") + "; what it created exists now and stays:";
        return Plan.renderChanges(title, changes, false).stripTrailing().replaceFirst(":\n\n", ":\n")
                + "\nRun apply again once the cause is fixed: it finds these by their names and the stack's tag, and"
                + " continues from there (destroy removes them).";
    }
}
