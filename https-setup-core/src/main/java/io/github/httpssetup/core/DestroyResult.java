package io.github.httpssetup.core;

import java.time.Duration;
import java.util.List;

/**
 * What {@link HttpsSetupExecutor#destroy(HttpsSetup)} did.
 *
 * @param deleted  the owned resources deleted, in deletion order
 * @param kept     what was deliberately left in place, and why (the hosted zone, foreign resources, ...)
 * @param duration wall time of the run
 * @param apiCalls the AWS calls made
 */
public record DestroyResult(List<Change> deleted, List<String> kept, Duration duration, ApiCalls apiCalls) {

    public DestroyResult {
        deleted = List.copyOf(deleted);
        kept = List.copyOf(kept);
    }

    /** A few lines for people. */
    public String render() {
        StringBuilder out = new StringBuilder();
        if (deleted.isEmpty()) {
            out.append("Nothing to destroy: the stack owns no resource.\n");
        } else {
            out.append(Plan.renderChanges("Deleted " + deleted.size() + " resources:", deleted, false));
        }
        for (String k : kept) {
            out.append("Kept: ").append(k).append('\n');
        }
        out.append("Took ").append(duration.toMillis()).append(" ms, ").append(apiCalls);
        return out.toString();
    }
}
