package io.github.httpssetup.core;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * AWS API calls a run made, per service, split into reads ({@code Describe*}, {@code List*}, {@code Get*},
 * {@code Check*}) and writes (everything else). Retried attempts count once per attempt.
 */
public final class ApiCalls {

    /** Reads and writes of one service. */
    public record Count(int reads, int writes) {
        /** reads + writes. */
        public int total() {
            return reads + writes;
        }
    }

    private final Map<String, Count> byService;
    private final Map<String, Integer> byOperation;

    public ApiCalls(Map<String, Count> byService, Map<String, Integer> byOperation) {
        this.byService = Collections.unmodifiableMap(new TreeMap<>(byService));
        this.byOperation = Collections.unmodifiableMap(new TreeMap<>(byOperation));
    }

    /** Service name (as the SDK names it, e.g. {@code ElasticLoadBalancingV2}) → count. */
    public Map<String, Count> byService() {
        return byService;
    }

    /** {@code Service:Operation} → number of calls, e.g. {@code ACM:DescribeCertificate → 3}. */
    public Map<String, Integer> byOperation() {
        return byOperation;
    }

    public int reads() {
        return byService.values().stream().mapToInt(Count::reads).sum();
    }

    public int writes() {
        return byService.values().stream().mapToInt(Count::writes).sum();
    }

    public int total() {
        return reads() + writes();
    }

    @Override
    public String toString() {
        return total() + " AWS calls (" + reads() + " reads, " + writes() + " writes)";
    }
}
