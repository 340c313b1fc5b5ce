package io.github.httpssetup.core.reliability;

import io.github.httpssetup.core.ApplyResult;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupExecutor;
import io.github.httpssetup.core.Plan;
import io.github.httpssetup.core.ReferenceWorld;
import java.net.URI;
import java.util.List;

/**
 * The child JVM of the secrets test: credentials come from the environment only (the SDK's default chain), logging is
 * at DEBUG (set by the parent on the command line, before the first logger exists), and every output a user sees —
 * progress, the plan, the result, errors with their stack traces — goes to stdout/stderr for the parent to search.
 * Arguments: the endpoint, then the instance ids.
 */
public final class SecretsChild {

    private SecretsChild() {}

    public static void main(String[] args) {
        URI endpoint = URI.create(args[0]);
        List<String> instanceIds = List.of(args).subList(1, args.length);
        HttpsSetupExecutor executor = HttpsSetupExecutor.builder()
                .endpointOverride(endpoint)
                .sleeper(ReferenceWorld.fastSleeper())
                .build();
        HttpsSetup spec = ReferenceWorld.stack(instanceIds).build();

        Plan plan = executor.plan(spec);
        System.out.println(plan.render());
        ApplyResult applied = executor.apply(spec);
        System.out.println(applied);
        System.out.println(applied.outputs());
        System.out.println(executor.apply(spec).apiCalls());
        // errors: a zone that does not exist, and an unreachable endpoint
        try {
            executor.apply(
                    spec.toBuilder().domain(d -> d.name("missing.example.org")).build());
        } catch (RuntimeException e) {
            e.printStackTrace();
        }
        try {
            HttpsSetupExecutor.builder()
                    .endpointOverride(URI.create("http://127.0.0.1:9"))
                    .build()
                    .plan(spec);
        } catch (RuntimeException e) {
            e.printStackTrace();
        }
        System.out.println(executor.destroy(spec));
        System.out.println("SECRETS-CHILD-DONE");
    }
}
