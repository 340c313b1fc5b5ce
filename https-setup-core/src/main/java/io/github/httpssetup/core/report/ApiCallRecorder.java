package io.github.httpssetup.core.report;

import io.github.httpssetup.core.ApiCalls;
import io.github.httpssetup.core.internal.ApiCallCounter;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts the AWS calls an executor makes, for a report of a run whose result does not carry them (a {@link
 * io.github.httpssetup.core.Plan}). Counts as {@link ApiCalls} does: per service and operation, reads and writes,
 * each attempt once. Thread-safe.
 *
 * <pre>{@code
 * ApiCallRecorder calls = new ApiCallRecorder();
 * HttpsSetupExecutor executor = HttpsSetupExecutor.builder().addExecutionInterceptor(calls).build();
 * Plan plan = executor.plan(setup);
 * JsonReport report = JsonReport.of(plan).withApiCalls(calls.snapshot());
 * }</pre>
 */
public final class ApiCallRecorder implements ExecutionInterceptor {

    private final ApiCallCounter counter = new ApiCallCounter();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        counter.beforeTransmission(context, attributes);
    }

    /** The calls counted so far. */
    public ApiCalls snapshot() {
        return counter.snapshot();
    }
}
