package io.github.httpssetup.examples.benchmark;

import java.time.Duration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * A simulated network round trip: sleeps a fixed time before every attempt is sent, so that a local
 * emulator answers about as late as a real AWS region would. It adds latency; it does not model
 * bandwidth, jitter or server time.
 */
public final class FixedLatency implements ExecutionInterceptor {

    private final Duration latency;

    public FixedLatency(Duration latency) {
        this.latency = latency;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
