package io.github.httpssetup.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.ReferenceWorld;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A plan, two applies, two failures and a destroy at DEBUG log level, with credentials from the environment: neither
 * the secret access key nor the session token appears anywhere in what the run prints (logs, plan, results, errors).
 */
@AwsEmulatorTest
class SecretsIT {

    static final String ACCESS_KEY = "AKIARELIABILITY0TEST";
    static final String SECRET_KEY = "RelSecretKey/0123456789+abcdefghijKLMNOPQR";
    static final String SESSION_TOKEN = "RelSessionToken0123456789abcdefghijklmnopqrstuvwxyzSESSION";

    @AfterAll
    static void flush() {
        ReliabilitySummary.flush();
    }

    /** What the child printed: run once for the class. */
    private static String printed;

    private static Path output;

    @org.junit.jupiter.api.BeforeAll
    static void runChild(AwsEmulator emulator) throws Exception {
        output = Paths.get(System.getProperty("basedir", "."), "target", "reliability-children", "secrets.log");
        Files.createDirectories(output.getParent());
        List<String> command = new ArrayList<>();
        try (ReferenceWorld w = new ReferenceWorld(emulator).seed()) {
            List<String> args = new ArrayList<>(List.of(w.aws.endpoint().toString()));
            args.addAll(w.network.instanceIds());
            command.addAll(ChildJvm.command(
                    SecretsChild.class,
                    List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug", "-XX:TieredStopAtLevel=1"),
                    args));
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
            builder.environment().put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
            builder.environment().put("AWS_SESSION_TOKEN", SESSION_TOKEN);
            builder.environment().remove("AWS_PROFILE");
            builder.environment().put("AWS_CONFIG_FILE", "/nonexistent/config");
            builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
            Process child = builder.start();
            assertThat(child.waitFor(120, TimeUnit.SECONDS))
                    .as("child finished")
                    .isTrue();
        }
        printed = Files.readString(output, StandardCharsets.UTF_8);
        List<String> leaks = leakingLines(printed);
        ReliabilitySummary.add("secrets_in_logs", leaks.size());
        System.out.println("[reliability] secrets: " + leaks.size()
                + " printed lines hold the secret key or session token, "
                + leaks.stream().filter(l -> !l.startsWith("sdk-signer ")).count() + " of them outside the SDK's DEBUG"
                + " canonical-request log; see " + output);
    }

    @Test
    void debugRun_ranWithDebugLogging_andPrintedErrors() {
        assertThat(printed).as("the child ran to the end (" + output + ")").contains("SECRETS-CHILD-DONE");
        assertThat(printed).as("DEBUG logging was on").contains(" DEBUG ");
        assertThat(printed).as("errors were printed").contains("HttpsSetupException");
    }

    @Test
    void debugRun_neverPrintsTheSessionToken() {
        assertThat(occurrences(printed, SESSION_TOKEN.substring(0, 16)))
                .as("session token, see " + output)
                .isZero();
    }

    @Test
    void debugRun_neverPrintsTheSecretKey_andHttpsSetupNeverPrintsTheSessionToken() {
        assertThat(occurrences(printed, SECRET_KEY.substring(0, 16)))
                .as("secret key, see " + output)
                .isZero();
        assertThat(leakingLines(printed))
                .as("session token printed other than by the SDK's signer, see " + output)
                .allMatch(l -> l.startsWith("sdk-signer "));
    }

    /**
     * The printed lines holding the secret key or the session token, each prefixed {@code sdk-signer } when it belongs
     * to a multi-line DEBUG entry of the SDK's {@code DefaultV4RequestSigner} ("AWS4 Canonical Request").
     */
    static List<String> leakingLines(String text) {
        List<String> leaks = new ArrayList<>();
        String entry = "";
        for (String line : text.split("\n")) {
            if (line.startsWith("[")) {
                entry = line;
            }
            if (line.contains(SECRET_KEY.substring(0, 16)) || line.contains(SESSION_TOKEN.substring(0, 16))) {
                boolean signer =
                        !line.startsWith("[") && entry.contains("DefaultV4RequestSigner - AWS4 Canonical Request");
                leaks.add((signer ? "sdk-signer " : "other ") + line);
            }
        }
        return leaks;
    }

    private static int occurrences(String text, String secret) {
        int n = 0;
        for (int i = text.indexOf(secret); i >= 0; i = text.indexOf(secret, i + 1)) {
            n++;
        }
        return n;
    }
}
