package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.HttpClientType;
import io.github.httpssetup.core.ProgressListener;
import io.github.httpssetup.core.Sleeper;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * How an {@link Engine} and each of its {@link Run}s reach AWS, wait and report: one immutable value instead of
 * constructors that take each setting. Internal: {@link io.github.httpssetup.core.HttpsSetupExecutor.Builder} is
 * the user's way to set these.
 *
 * @param credentials         the credentials of every client; {@code null} for the SDK's default chain
 * @param endpoint            one endpoint for every service (a local emulator); {@code null} for AWS's
 * @param interceptors        SDK interceptors added to every client, after the call counter
 * @param parallelism         threads for independent steps; at least 1
 * @param listener            receives the progress events
 * @param clock               for durations and wait limits
 * @param sleeper             how waits pause
 * @param eventualConsistency how a read that does not yet see what was just written is retried
 * @param httpClient          the SDK HTTP client the run's service clients share
 */
public record EngineConfig(
        AwsCredentialsProvider credentials,
        URI endpoint,
        List<ExecutionInterceptor> interceptors,
        int parallelism,
        ProgressListener listener,
        Clock clock,
        Sleeper sleeper,
        RetryConfig eventualConsistency,
        HttpClientType httpClient) {

    /** Threads for independent steps unless told otherwise. */
    public static final int DEFAULT_PARALLELISM = 4;

    public EngineConfig {
        interceptors = List.copyOf(interceptors);
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(eventualConsistency, "eventualConsistency");
        Objects.requireNonNull(httpClient, "httpClient");
    }

    /** A builder with the defaults: the SDK's credentials and endpoints, 4 threads, SLF4J, the system clock. */
    public static Builder builder() {
        return new Builder();
    }

    /** Backoff used by {@link Run#retrying}: 8 attempts, 500 ms doubling up to 8 s (about 35 s in all). */
    static RetryConfig defaultEventualConsistency() {
        return RetryConfig.custom()
                .maxAttempts(8)
                .intervalFunction(
                        IntervalFunction.ofExponentialBackoff(Duration.ofMillis(500), 2.0, Duration.ofSeconds(8)))
                .failAfterMaxAttempts(false)
                .build();
    }

    /** Builder of {@link EngineConfig}. */
    public static final class Builder {
        private AwsCredentialsProvider credentials;
        private URI endpoint;
        private final List<ExecutionInterceptor> interceptors = new ArrayList<>();
        private int parallelism = DEFAULT_PARALLELISM;
        private ProgressListener listener = ProgressListener.slf4j();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private RetryConfig eventualConsistency = defaultEventualConsistency();
        private HttpClientType httpClient = HttpClientType.URL_CONNECTION;

        private Builder() {}

        public Builder credentials(AwsCredentialsProvider credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** Replaces the interceptors. */
        public Builder interceptors(List<ExecutionInterceptor> interceptors) {
            this.interceptors.clear();
            this.interceptors.addAll(interceptors);
            return this;
        }

        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        public Builder listener(ProgressListener listener) {
            this.listener = listener;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public Builder eventualConsistency(RetryConfig eventualConsistency) {
            this.eventualConsistency = eventualConsistency;
            return this;
        }

        public Builder httpClient(HttpClientType httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        public EngineConfig build() {
            return new EngineConfig(
                    credentials,
                    endpoint,
                    interceptors,
                    parallelism,
                    listener,
                    clock,
                    sleeper,
                    eventualConsistency,
                    httpClient);
        }
    }
}
