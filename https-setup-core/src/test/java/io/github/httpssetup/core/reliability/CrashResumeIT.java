package io.github.httpssetup.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.ApplyResult;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.ReferenceWorld;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Crash and resume: an apply in a child JVM is killed (SIGKILL) right after its k-th write, for every k from 1 to the
 * number of writes a fresh apply makes; a new apply then converges with every resource exactly once, and destroy
 * leaves nothing the stack owns.
 */
@AwsEmulatorTest
class CrashResumeIT {

    private static final Path LOGS = Paths.get(System.getProperty("basedir", "."), "target", "reliability-children");

    @AfterAll
    static void flush() {
        ReliabilitySummary.flush();
    }

    @Test
    void apply_killedAfterEachWrite_resumesToExactlyOneOfEverything_andDestroyLeavesNothingOwned(AwsEmulator emulator)
            throws Exception {
        Files.createDirectories(LOGS);
        int writes;
        List<String> writeOrder;
        try (ReferenceWorld w = new ReferenceWorld(emulator).seed()) {
            ApplyResult fresh = w.executor(w.aws.endpoint(), 1).apply(w.spec().build());
            writes = fresh.apiCalls().writes();
            writeOrder = new ArrayList<>(fresh.apiCalls().byOperation().keySet());
        }
        assertThat(writes).as("writes of a fresh apply " + writeOrder).isBetween(5, 60);

        Map<Integer, String> failures = new LinkedHashMap<>();
        Child next = Child.start(1);
        for (int k = 1; k <= writes; k++) {
            Child child = next;
            ReliabilitySummary.increment("kill_points");
            try (ReferenceWorld w = new ReferenceWorld(emulator).seed()) {
                String killedAfter = child.runAndKillAfter(w, k);
                System.out.println("[reliability] kill point " + k + ": killed right after " + killedAfter);
                next = k < writes ? Child.start(k + 1) : null; // warms up while this kill point is checked
                HttpsSetup spec = w.spec().build();
                try {
                    w.executor().apply(spec);
                    Convergence.assertConvergedOnce(w, ResourceCensus.take(w));
                    assertThat(w.executor().apply(spec).apiCalls().writes())
                            .as("writes of a re-apply")
                            .isZero();
                    w.executor().destroy(spec);
                    Convergence.assertNothingOwned(w, ResourceCensus.take(w));
                    ReliabilitySummary.increment("kill_points_recovered");
                } catch (AssertionError | RuntimeException e) {
                    failures.put(k, "killed after " + killedAfter + ": " + e);
                }
            }
        }
        assertThat(failures).as("kill points that did not recover").isEmpty();
    }

    /** A child JVM running {@link CrashChild}. */
    private static final class Child {
        final int k;
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private Child(int k, Process process) {
            this.k = k;
            this.process = process;
            Thread reader = new Thread(
                    () -> {
                        try (BufferedReader in = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                            String line;
                            while ((line = in.readLine()) != null) {
                                lines.add(line);
                            }
                        } catch (IOException e) {
                            // killed
                        }
                        lines.add("EOF");
                    },
                    "crash-child-" + k);
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(int k) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(
                            ChildJvm.command(CrashChild.class, List.of("-XX:TieredStopAtLevel=1"), List.of()))
                    .redirectError(LOGS.resolve("crash-" + k + ".err").toFile());
            return new Child(k, builder.start());
        }

        /** Sends GO, reads until the k-th write, kills the JVM; returns the operation of that write. */
        String runAndKillAfter(ReferenceWorld w, int k) throws Exception {
            try {
                expect("READY", 60);
                Writer stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
                stdin.write(
                        "GO " + w.aws.endpoint() + " " + k + " " + String.join(",", w.network.instanceIds()) + "\n");
                stdin.flush();
                String prefix = "WRITE " + k + " ";
                String line;
                while (true) {
                    line = lines.poll(60, TimeUnit.SECONDS);
                    if (line == null || line.equals("EOF") || line.startsWith("DONE")) {
                        throw new AssertionError("child " + k + " ended before its write " + k + ": " + line + " (see "
                                + LOGS.resolve("crash-" + k + ".err") + ")");
                    }
                    if (line.startsWith(prefix)) {
                        return line.substring(prefix.length());
                    }
                }
            } finally {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }

        private void expect(String wanted, int seconds) throws InterruptedException {
            String line = lines.poll(seconds, TimeUnit.SECONDS);
            if (!wanted.equals(line)) {
                throw new AssertionError("child " + k + " said " + line + " instead of " + wanted);
            }
        }
    }
}
