package io.github.httpssetup.examples.benchmark;

import io.github.httpssetup.core.ProgressEvent;
import io.github.httpssetup.core.ProgressListener;
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
 * sends {@code STEP_STARTED} and {@code STEP_FINISHED} on the thread that runs a step, and the SDK sends a
 * call on the thread that makes it: a call belongs to the step started last on its thread and not yet
 * finished (a call outside any step to {@code other/other}). Give it to the executor both as an
 * execution interceptor and as the progress listener.
 */
public final class CallRecorder implements ExecutionInterceptor, ProgressListener {

    private static final ExecutionAttribute<Integer> INDEX = new ExecutionAttribute<>("benchmark-call-index");

    private final List<CriticalPath.Call> calls = new ArrayList<>();
    /** The run ({@code plan}, {@code apply}, ...) and step running on this thread; {@code null} outside a step. */
    private final ThreadLocal<String[]> step = new ThreadLocal<>();

    @Override
    public void onEvent(ProgressEvent event) {
        if (event.type() == ProgressEvent.Type.STEP_STARTED) {
            String message = event.message();
            int colon = message.indexOf(':');
            step.set(new String[] {colon < 0 ? message : message.substring(0, colon), event.step()});
        } else if (event.type() == ProgressEvent.Type.STEP_FINISHED) {
            step.remove();
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String service =
                attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase(Locale.ROOT);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String[] current = step.get();
        CriticalPath.Call call = current == null
                ? new CriticalPath.Call("other", "other", service, operation, System.nanoTime(), 0)
                : new CriticalPath.Call(current[0], current[1], service, operation, System.nanoTime(), 0);
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
