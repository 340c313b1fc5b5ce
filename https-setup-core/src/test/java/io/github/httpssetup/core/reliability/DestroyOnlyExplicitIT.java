package io.github.httpssetup.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupExecutor;
import io.github.httpssetup.core.ReferenceWorld;
import io.github.httpssetup.core.internal.ApiCallCounter;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Destroy is reachable only explicitly: the executor's public operations are plan, apply, export and destroy, and
 * plan, apply and export of the same description never call a Delete* operation. Asking for confirmation is the Maven goal's job
 * ({@code -Dhttps-setup.confirm=<stack>}), covered by the plugin's MavenGoalsIT.
 */
@AwsEmulatorTest
class DestroyOnlyExplicitIT {

    @Test
    void planAndApply_neverDelete_andDestroyIsItsOwnMethod(AwsEmulator emulator) {
        assertThat(Arrays.stream(HttpsSetupExecutor.class.getDeclaredMethods())
                        .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                        .map(Method::getName))
                .containsExactlyInAnyOrder("plan", "apply", "export", "destroy");
        try (ReferenceWorld w = new ReferenceWorld(emulator).seed()) {
            HttpsSetup spec = w.spec().build();
            ApiCallCounter calls = new ApiCallCounter();
            w.executor(calls).plan(spec);
            w.executor(calls).apply(spec);
            w.executor(calls).plan(spec);
            w.executor(calls).apply(spec);
            w.executor(calls).export(spec);

            assertThat(calls.snapshot().byOperation().keySet())
                    .as("operations of plan, apply and export")
                    .noneMatch(op -> op.contains(":Delete") || op.contains(":Revoke") || op.contains(":Deregister"));
            assertThat(ResourceCensus.take(w).owned)
                    .as("what the stack owns after plan and apply")
                    .isNotEmpty();
        }
    }
}
