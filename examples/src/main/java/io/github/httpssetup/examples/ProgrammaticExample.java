package io.github.httpssetup.examples;

import io.github.httpssetup.core.ApplyResult;
import io.github.httpssetup.core.HttpAction;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupExecutor;
import io.github.httpssetup.core.IpAddressType;
import io.github.httpssetup.core.Plan;
import java.net.URI;
import java.time.Duration;

/**
 * The Java API end to end: describe the chain with the builder, plan, apply, print the URL.
 *
 * <p>Against real AWS: {@code java ... ProgrammaticExample i-0123456789abcdef0} with credentials in the
 * environment or {@code AWS_PROFILE}. Against an emulator: set {@code AWS_ENDPOINT_URL}.
 */
public final class ProgrammaticExample {

    private ProgrammaticExample() {}

    /** The description of the example: example.com and www.example.com in front of one instance on 8080. */
    public static HttpsSetup describe(String region, String instanceId) {
        return HttpsSetup.builder()
                .stack("shop")
                .region(region)
                .domain(d -> d.name("example.com").alternativeNames("www.example.com"))
                .targets(t -> t.instanceIds(instanceId)
                        .port(8080)
                        .healthCheck(h -> h.path("/health").interval(Duration.ofSeconds(15))))
                .loadBalancer(lb -> lb.ipAddressType(IpAddressType.IPV4))
                .httpListener(HttpAction.REDIRECT)
                .addTag("team", "web")
                .build();
    }

    /** Plans, applies and returns the result. */
    public static ApplyResult run(HttpsSetupExecutor executor, HttpsSetup setup) {
        Plan plan = executor.plan(setup);
        System.out.println(plan.render());
        ApplyResult result = executor.apply(setup);
        System.out.println(result.render());
        return result;
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: ProgrammaticExample <instance-id> [region]");
            System.exit(2);
        }
        String region = args.length > 1 ? args[1] : "ap-northeast-2";
        HttpsSetupExecutor.Builder executor = HttpsSetupExecutor.builder();
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        if (endpoint != null && !endpoint.isBlank()) {
            executor.endpointOverride(URI.create(endpoint));
        }
        ApplyResult result = run(executor.build(), describe(region, args[0]));
        System.out.println("Open " + result.url());
    }
}
