package io.github.httpssetup.cli;

import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.HttpsSetupExecutor;
import io.github.httpssetup.core.ProgressListener;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** How to reach AWS: the options of the Maven goals' {@code profile} and {@code endpoint}. */
final class AwsOptions {

    @Option(
            names = "--profile",
            paramLabel = "<profile>",
            description = "A profile of ~/.aws/config; the SDK's default credentials chain when absent.")
    String profile;

    @Option(
            names = "--endpoint",
            paramLabel = "<url>",
            description = "One endpoint for every AWS service, e.g. a local emulator (http://localhost:5000).")
    String endpoint;

    /** The executor, sending progress to {@code listener} and every call through {@code interceptor}. */
    HttpsSetupExecutor executor(ProgressListener listener, ExecutionInterceptor interceptor) {
        HttpsSetupExecutor.Builder builder =
                HttpsSetupExecutor.builder().listener(listener).addExecutionInterceptor(interceptor);
        if (DescriptionOptions.blankToNull(profile) != null) {
            builder.profile(profile.trim());
        }
        try {
            builder.endpointOverride(endpoint);
        } catch (HttpsSetupException e) {
            throw new InvalidOptionException(e.code(), "--endpoint: " + e.getMessage());
        }
        return builder.build();
    }
}
