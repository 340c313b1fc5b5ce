package io.github.httpssetup.examples.benchmark;

import io.github.httpssetup.core.ApplyResult;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupExecutor;
import io.github.httpssetup.yaml.HttpsSetupYaml;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * One cold run of the engine, in the fresh JVM that {@link ColdStart} starts for it: loads and validates an
 * {@code https-setup.yaml}, then plans or applies it (or stops there: {@code validate}), with the
 * credentials of the environment as a user's run has them. Prints one line that {@link ColdStart} reads:
 * when {@code main} started, how long the description took, how long the engine took, and its calls. With
 * {@code sdk} it runs no engine: only the AWS SDK's clients and one read each, the floor under the engine.
 *
 * <pre>{@code
 * java -cp ... ColdRun plan https-setup.yaml http://localhost:5000
 * }</pre>
 */
public final class ColdRun {

    /** The line {@link ColdStart} reads starts with this. */
    static final String RESULT = "cold-run:";

    private ColdRun() {}

    public static void main(String[] args) {
        long mainAt = System.currentTimeMillis();
        if (args.length != 3) {
            System.err.println("Usage: ColdRun validate|plan|apply|sdk <https-setup.yaml> <endpoint>");
            System.exit(2);
        }
        String goal = args[0];
        long start = System.nanoTime();
        HttpsSetup setup = HttpsSetupYaml.load(Path.of(args[1]), null);
        long loadUs = (System.nanoTime() - start) / 1000;
        long engineUs = 0;
        int reads = 0;
        int writes = 0;
        if (goal.equals("sdk")) {
            start = System.nanoTime();
            reads = sdkAlone(URI.create(args[2]), Region.of(setup.region()));
            engineUs = (System.nanoTime() - start) / 1000;
        } else if (!goal.equals("validate")) {
            CallRecorder recorder = new CallRecorder();
            HttpsSetupExecutor executor = HttpsSetupExecutor.builder()
                    .endpointOverride(URI.create(args[2]))
                    .listener(recorder)
                    .addExecutionInterceptor(recorder)
                    .build();
            start = System.nanoTime();
            if (goal.equals("plan")) {
                executor.plan(setup);
            } else {
                ApplyResult result = executor.apply(setup);
                if (result.changed()) {
                    throw new IllegalStateException(
                            "The cold apply changed something: the stack was not converged\n" + result.render());
                }
            }
            engineUs = (System.nanoTime() - start) / 1000;
            CallRecorder.Counts counts = recorder.counts(0);
            reads = counts.reads();
            writes = counts.writes();
        }
        System.out.println(RESULT + " main_at_ms=" + mainAt + " load_us=" + loadUs + " engine_us=" + engineUs
                + " reads=" + reads + " writes=" + writes + " end_at_ms=" + System.currentTimeMillis());
        System.out.flush();
        System.exit(0); // as the Maven launcher and a command-line tool do
    }

    /**
     * The floor under any engine built on the AWS SDK in this JVM: the four clients a plan uses, created with the
     * engine's HTTP client and the environment's credentials, and one small read each, on four threads as the
     * engine's first steps run. No description is converged; what this takes, the engine cannot take less.
     */
    private static int sdkAlone(URI endpoint, Region region) {
        List<Callable<Object>> clients = List.of(
                () -> {
                    try (Route53Client c = Route53Client.builder()
                            .region(Region.AWS_GLOBAL)
                            .endpointOverride(endpoint)
                            .httpClientBuilder(UrlConnectionHttpClient.builder())
                            .build()) {
                        return c.listHostedZones(r -> r.maxItems("1"));
                    }
                },
                () -> {
                    try (ElasticLoadBalancingV2Client c = ElasticLoadBalancingV2Client.builder()
                            .region(region)
                            .endpointOverride(endpoint)
                            .httpClientBuilder(UrlConnectionHttpClient.builder())
                            .build()) {
                        return c.describeLoadBalancers(r -> r.pageSize(1));
                    }
                },
                () -> {
                    try (AcmClient c = AcmClient.builder()
                            .region(region)
                            .endpointOverride(endpoint)
                            .httpClientBuilder(UrlConnectionHttpClient.builder())
                            .build()) {
                        return c.listCertificates(r -> r.maxItems(1));
                    }
                },
                () -> {
                    try (Ec2Client c = Ec2Client.builder()
                            .region(region)
                            .endpointOverride(endpoint)
                            .httpClientBuilder(UrlConnectionHttpClient.builder())
                            .build()) {
                        return c.describeInstances(r -> r.maxResults(5));
                    }
                });
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            for (Future<Object> f : pool.invokeAll(clients)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return clients.size();
    }
}
