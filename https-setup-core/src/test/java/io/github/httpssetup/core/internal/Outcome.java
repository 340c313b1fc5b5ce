package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.ApiCalls;
import io.github.httpssetup.core.Change;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run of a step gave: the value the step returned (null when it threw or returns nothing), the run with its
 * changes and outputs, and the calls it made.
 */
record Outcome<T>(T value, Run run, ApiCalls calls) {

    List<Change> changes() {
        return run.changes();
    }

    /** The changes that write: creations, updates, replacements, deletions. */
    List<Change> writtenChanges() {
        return run.changes().stream().filter(c -> c.action().writes()).toList();
    }

    OutputsCollector outputs() {
        return run.outputs();
    }

    int reads() {
        return calls.reads();
    }

    int writes() {
        return calls.writes();
    }

    /** Operation (without its service) → number of read calls, e.g. {@code DescribeListeners → 1}. */
    Map<String, Integer> readsByOperation() {
        return byOperation(true);
    }

    /** Operation (without its service) → number of write calls, e.g. {@code CreateListener → 2}. */
    Map<String, Integer> writesByOperation() {
        return byOperation(false);
    }

    private Map<String, Integer> byOperation(boolean reads) {
        Map<String, Integer> counts = new TreeMap<>();
        calls.byOperation().forEach((key, n) -> {
            String operation = key.substring(key.indexOf(':') + 1);
            if (ApiCallCounter.isRead(operation) == reads) {
                counts.merge(operation, n, Integer::sum);
            }
        });
        return counts;
    }
}
