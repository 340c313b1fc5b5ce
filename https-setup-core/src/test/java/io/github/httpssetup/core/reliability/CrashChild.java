package io.github.httpssetup.core.reliability;

import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupExecutor;
import io.github.httpssetup.core.IamPolicy;
import io.github.httpssetup.core.ReferenceWorld;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The child JVM of the crash tests: warms up, then waits for {@code GO <endpoint> <haltAfter> <instanceId,...>} on
 * stdin, applies the reference description on one thread, prints {@code WRITE <n> <Service:Operation>} after each
 * completed write call and, after the {@code haltAfter}-th, stops every further call until it is killed. With
 * {@code haltAfter} 0 it runs to the end and prints {@code DONE <writes>}.
 */
public final class CrashChild {

    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        PrintStream out =
                new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        warmUp();
        out.println("READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null || !line.startsWith("GO ")) {
            return;
        }
        String[] parts = line.split(" ");
        URI endpoint = URI.create(parts[1]);
        int haltAfter = Integer.parseInt(parts[2]);
        List<String> instanceIds = List.of(parts[3].split(","));
        AtomicInteger writes = new AtomicInteger();
        ExecutionInterceptor reporter = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
                if (FaultProxy.isRead(operation)) {
                    return;
                }
                int n = writes.incrementAndGet();
                out.println("WRITE " + n + " " + operation);
                if (n == haltAfter) {
                    out.println("HALT");
                    try {
                        Thread.sleep(Long.MAX_VALUE); // the parent kills the JVM here
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        HttpsSetupExecutor executor = HttpsSetupExecutor.builder()
                .endpointOverride(endpoint)
                .credentials("testing", "testing", null)
                .parallelism(1)
                .sleeper(ReferenceWorld.fastSleeper())
                .listener(event -> {})
                .addExecutionInterceptor(reporter)
                .build();
        executor.apply(ReferenceWorld.stack(instanceIds).build());
        out.println("DONE " + writes.get());
    }

    /** Loads the classes an apply needs, so that the parent's clock starts at GO. */
    private static void warmUp() {
        HttpsSetup spec = ReferenceWorld.stack(List.of("i-0123456789abcdef0")).build();
        IamPolicy.of(spec);
        try (Ec2Client ec2 = Ec2Client.builder()
                .region(Region.AP_NORTHEAST_2)
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build()) {
            ec2.serviceName();
        }
    }
}
