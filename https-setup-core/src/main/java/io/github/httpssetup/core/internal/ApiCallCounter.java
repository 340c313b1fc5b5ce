package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.ApiCalls;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts every attempt sent to AWS, per service and operation. Thread-safe. */
public final class ApiCallCounter implements ExecutionInterceptor {

    private final Map<String, AtomicInteger> byOperation = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        byOperation
                .computeIfAbsent(service + ":" + operation, k -> new AtomicInteger())
                .incrementAndGet();
    }

    /**
     * Whether an operation changes nothing in the account: {@code Describe*}, {@code List*}, {@code Get*},
     * {@code Check*}, and STS's {@code AssumeRole} (temporary credentials for a DNS role, nothing written).
     */
    public static boolean isRead(String operation) {
        return operation.startsWith("Describe")
                || operation.startsWith("List")
                || operation.startsWith("Get")
                || operation.startsWith("Check")
                || operation.equals("AssumeRole");
    }

    /** The counts so far. */
    public ApiCalls snapshot() {
        Map<String, ApiCalls.Count> byService = new HashMap<>();
        Map<String, Integer> operations = new HashMap<>();
        byOperation.forEach((key, count) -> {
            int colon = key.indexOf(':');
            String service = key.substring(0, colon);
            String operation = key.substring(colon + 1);
            int n = count.get();
            operations.put(key, n);
            ApiCalls.Count add = isRead(operation) ? new ApiCalls.Count(n, 0) : new ApiCalls.Count(0, n);
            byService.merge(service, add, (a, b) -> new ApiCalls.Count(a.reads() + b.reads(), a.writes() + b.writes()));
        });
        return new ApiCalls(byService, operations);
    }
}
