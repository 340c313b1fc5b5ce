package io.github.httpssetup.examples.benchmark;

import io.github.httpssetup.core.ApplyResult;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupExecutor;
import io.github.httpssetup.yaml.HttpsSetupYaml;
import java.net.URI;
import java.nio.file.Path;

/**
 * One cold run of the engine, in the fresh JVM that {@link ColdStart} starts for it: loads and validates an
 * {@code https-setup.yaml}, then plans or applies it (or stops there: {@code validate}), with the
 * credentials of the environment as a user's run has them. Prints one line that {@link ColdStart} reads:
 * when {@code main} started, how long the description took, how long the engine took, and its calls.
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
            System.err.println("Usage: ColdRun validate|plan|apply <https-setup.yaml> <endpoint>");
            System.exit(2);
        }
        String goal = args[0];
        long start = System.nanoTime();
        HttpsSetup setup = HttpsSetupYaml.load(Path.of(args[1]), null);
        long loadUs = (System.nanoTime() - start) / 1000;
        long engineUs = 0;
        int reads = 0;
        int writes = 0;
        if (!goal.equals("validate")) {
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
}
