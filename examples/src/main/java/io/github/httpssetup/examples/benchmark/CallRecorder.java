package io.github.httpssetup.examples.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every attempt sent to AWS: service, operation, and the engine step that made it. The engine
 * names its threads after the step they run ({@code https-setup-bench-2 apply/certificate}), which is
 * how a call is attributed to its place in the dependency graph.
 */
public final class CallRecorder implements ExecutionInterceptor {

    private static final ExecutionAttribute<Integer> INDEX = new ExecutionAttribute<>("benchmark-call-index");

    private final List<CriticalPath.Call> calls = new ArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase(Locale.ROOT);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        CriticalPath.Call call = CriticalPath.Call.of(Thread.currentThread().getName(), service, operation);
        synchronized (calls) {
            attributes.putAttribute(INDEX, calls.size());
            calls.add(call);
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        long now = System.nanoTime();
        Integer index = attributes.getAttribute(INDEX);
        synchronized (calls) {
            if (index != null && index < calls.size()) {
                CriticalPath.Call call = calls.get(index);
                calls.set(index, call.answered(now - call.nanos()));
            }
        }
    }

    /** The calls since the last {@link #clear()}, in the order they were sent. */
    public List<CriticalPath.Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public void clear() {
        synchronized (calls) {
            calls.clear();
        }
    }

    /** Reads, writes and wall time of one run, with reads and writes per service. */
    public record Counts(int reads, int writes, long wallMs, Map<String, int[]> byService) {
        public int calls() {
            return reads + writes;
        }
    }

    /** Counts of the recorded calls. */
    public Counts counts(long wallMs) {
        int reads = 0;
        int writes = 0;
        Map<String, int[]> byService = new TreeMap<>();
        for (CriticalPath.Call call : calls()) {
            int[] count = byService.computeIfAbsent(call.service(), s -> new int[2]);
            if (call.read()) {
                reads++;
                count[0]++;
            } else {
                writes++;
                count[1]++;
            }
        }
        return new Counts(reads, writes, wallMs, byService);
    }
}
