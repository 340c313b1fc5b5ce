package io.github.httpssetup.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reliability suite's corpus of bad {@code https-setup.yaml} files: syntax, unknown keys, wrong types, ranges,
 * domain names, instance ids, alias bombs, a 10 MB file, bytes that are not UTF-8, unset variables. Each is refused
 * with a {@link YamlConfigException} whose problem names the file, the line and column (or the whole file, for the
 * size), and the key path where there is one. Loading never reaches AWS: no executor exists here at all.
 * Writes {@code target/reliability-yaml-summary.json}.
 */
class BadInputCorpusTest {

    private static final String FILE = "https-setup.yaml";
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger REJECTED = new AtomicInteger();

    /** Lines 1-9 of a valid file; cases append to it or replace a line. */
    private static final String BASE = String.join(
                    "\n",
                    "stack: shop", // 1
                    "region: ap-northeast-2", // 2
                    "domain:", // 3
                    "  name: example.com", // 4
                    "  alternativeNames: [www.example.com]", // 5
                    "targets:", // 6
                    "  instanceIds: [i-0123456789abcdef0]", // 7
                    "  port: 8080", // 8
                    "  healthCheck: { path: /health }")
            + "\n"; // 9

    private static String replace(int line, String text) {
        List<String> lines = new ArrayList<>(List.of(BASE.split("\n")));
        lines.set(line - 1, text);
        return String.join("\n", lines) + "\n";
    }

    private static String append(String text) {
        return BASE + text + "\n";
    }

    static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        // syntax
        c.add(Arguments.of("unclosed quote", replace(4, "  name: \"example.com"), 4, ""));
        c.add(Arguments.of("bad indentation", replace(8, "    port: 8080"), 8, ""));
        c.add(Arguments.of("tab indentation", replace(8, "\tport: 8080"), 8, ""));
        c.add(Arguments.of("unclosed flow list", replace(7, "  instanceIds: [i-0123456789abcdef0"), 8, ""));
        c.add(Arguments.of("missing colon after a key", replace(8, "  port 8080"), 8, ""));
        c.add(Arguments.of("missing colon after a mapping's first key", replace(4, "  name example.com"), 4, ""));
        c.add(Arguments.of("missing colon on the last line", replace(9, "  healthCheck { path: /health }"), 9, ""));
        c.add(Arguments.of("duplicate key", append("stack: other"), 10, "stack"));
        c.add(Arguments.of("list at top level", "- stack: shop\n", 1, ""));
        c.add(Arguments.of("scalar at top level", "just a string\n", 1, ""));
        c.add(Arguments.of("two documents", BASE + "---\nstack: two\n", 10, ""));
        c.add(Arguments.of("undefined alias", append("tags: *nothing"), 10, ""));
        c.add(Arguments.of(
                "custom tag (arbitrary type)", append("tags: !!javax.script.ScriptEngineManager [x]"), 10, ""));
        // unknown keys
        c.add(Arguments.of("unknown top-level key", append("stak: shop2"), 10, "stak"));
        c.add(Arguments.of("misspelled nested key", replace(8, "  prot: 8080"), 8, "targets.prot"));
        c.add(Arguments.of("key in the wrong section", append("port: 8080"), 10, "port"));
        c.add(Arguments.of("case-sensitive key", replace(2, "Region: ap-northeast-2"), 2, "Region"));
        c.add(Arguments.of("unknown listener", append("listeners:\n  ftp: { port: 21 }"), 11, "listeners.ftp"));
        // types
        c.add(Arguments.of("string for port", replace(8, "  port: eighty"), 8, "targets.port"));
        c.add(Arguments.of("list for mapping", replace(9, "  healthCheck: [/health]"), 9, "targets.healthCheck"));
        c.add(Arguments.of("mapping for string", replace(1, "stack: { name: shop }"), 1, "stack"));
        c.add(Arguments.of(
                "string for list",
                replace(7, "  instanceIds: i-0123456789abcdef0 i-0123456789abcdef1"),
                7,
                "targets.instanceIds"));
        c.add(Arguments.of("number for boolean", append("adopt: 2"), 10, "adopt"));
        c.add(Arguments.of("bad duration", append("waitTimeout: soon"), 10, "waitTimeout"));
        c.add(Arguments.of("bad enum", append("listeners:\n  http: { action: maybe }"), 11, "listeners.http.action"));
        c.add(Arguments.of("null stack", replace(1, "stack: ~"), 1, "stack"));
        c.add(Arguments.of("float port", replace(8, "  port: 80.5"), 8, "targets.port"));
        // ranges
        c.add(Arguments.of("port 80800", replace(8, "  port: 80800"), 8, "targets.port"));
        c.add(Arguments.of("port 0", replace(8, "  port: 0"), 8, "targets.port"));
        c.add(Arguments.of(
                "health interval 1s",
                replace(9, "  healthCheck: { path: /health, interval: 1s, timeout: 2s }"),
                9,
                "targets.healthCheck.interval"));
        c.add(Arguments.of(
                "healthy threshold 11",
                replace(9, "  healthCheck: { path: /health, healthyThreshold: 11 }"),
                9,
                "targets.healthCheck.healthyThreshold"));
        c.add(Arguments.of(
                "idle timeout 5000s", append("loadBalancer: { idleTimeout: 5000s }"), 10, "loadBalancer.idleTimeout"));
        c.add(Arguments.of(
                "registration 11 years",
                replace(
                        5,
                        "  registration: { durationInYears: 11, contact: { firstName: J,"
                                + " lastName: D, email: j@example.com, phoneNumber: '+1.2065550100', addressLine1: x, city: y, countryCode: US,"
                                + " zipCode: '1' } }"),
                5,
                "domain.registration.durationInYears"));
        c.add(Arguments.of("stack too long", replace(1, "stack: " + "a".repeat(21)), 1, "stack"));
        // domain names
        c.add(Arguments.of("domain wildcard", replace(4, "  name: \"*.example.com\""), 4, "domain.name"));
        c.add(Arguments.of("domain with scheme", replace(4, "  name: https://example.com"), 4, "domain.name"));
        c.add(Arguments.of(
                "domain label too long", replace(4, "  name: " + "a".repeat(64) + ".com"), 4, "domain.name"));
        c.add(Arguments.of(
                "alternative name with space",
                replace(5, "  alternativeNames: [\"www example.com\"]"),
                5,
                "domain.alternativeNames[0]"));
        c.add(Arguments.of(
                "alternative name duplicate",
                replace(5, "  alternativeNames: [www.example.com, www.example.com]"),
                5,
                "domain.alternativeNames[1]"));
        // sites
        c.add(Arguments.of(
                "sites beside the top-level domain and targets",
                append(
                        "sites:\n  blog: { domain: { name: blog.example.org }, targets: { instanceIds: [i-0123456789abcdef0] } }"),
                3,
                "domain"));
        c.add(Arguments.of(
                "route path without a slash",
                "stack: shop\nregion: ap-northeast-2\nsites:\n  blog:\n    domain: { name: blog.example.org }\n"
                        + "    targets: { instanceIds: [i-0123456789abcdef0] }\n"
                        + "    routes:\n      - { paths: [api/*], targets: { instanceIds: [i-0123456789abcdef0] } }\n",
                8,
                "sites.blog.routes[0].paths[0]"));
        // Auto Scaling group
        c.add(Arguments.of(
                "auto scaling group with instance ids",
                append("  autoScalingGroup: shop-asg"),
                10,
                "targets.autoScalingGroup"));
        c.add(Arguments.of(
                "auto scaling group name with a colon",
                replace(7, "  autoScalingGroup: \"shop:asg\""),
                7,
                "targets.autoScalingGroup"));
        // instance ids
        c.add(Arguments.of("instance id malformed", replace(7, "  instanceIds: [i-xyz]"), 7, "targets.instanceIds[0]"));
        c.add(Arguments.of(
                "instance id upper case",
                replace(7, "  instanceIds: [I-0123456789ABCDEF0]"),
                7,
                "targets.instanceIds[0]"));
        c.add(Arguments.of(
                "instance id duplicate",
                replace(7, "  instanceIds: [i-0123456789abcdef0, i-0123456789abcdef0]"),
                7,
                "targets.instanceIds[1]"));
        c.add(Arguments.of(
                "instance ids and tags", append("  instanceTags: { app: shop }"), 10, "targets.instanceTags"));
        // alias bombs
        StringBuilder bomb = new StringBuilder(BASE).append("tags:\n  a: &a [x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char n = 'b'; n <= 'k'; n++) {
            bomb.append("  ").append(n).append(": &").append(n).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i > 0 ? ", " : "").append('*').append(prev);
            }
            bomb.append("]\n");
            prev = n;
        }
        c.add(Arguments.of("billion laughs", bomb.toString(), -1, ""));
        c.add(Arguments.of("recursive alias", append("tags: &t { a: *t }"), 10, ""));
        // variables
        c.add(Arguments.of("unset variable", replace(8, "  port: ${APP_PORT}"), 8, "targets.port"));
        c.add(Arguments.of("unset variable in stack", replace(1, "stack: ${STACK_NAME}"), 1, "stack"));
        c.add(Arguments.of("unclosed variable", replace(1, "stack: ${STACK"), 1, "stack"));
        c.add(Arguments.of("variable with a bad value", replace(8, "  port: ${PORT_FROM_ENV}"), 8, "targets.port"));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badFile_isRefusedWithItsLocation(String name, String yaml, int line, String path) {
        CASES.incrementAndGet();
        YamlConfigException e =
                refused(() -> HttpsSetupYaml.load(FILE, yaml, null, Map.of("PORT_FROM_ENV", "http")::get));

        YamlProblem first = e.problems().get(0);
        assertThat(first.file()).as(name).isEqualTo(FILE);
        assertThat(first.hasLocation()).as(name + ": " + first).isTrue();
        assertThat(first.column()).as(name + ": " + first).isPositive();
        if (line > 0) {
            assertThat(e.problems()).as(name + ": " + e.getMessage()).anySatisfy(p -> {
                assertThat(p.line()).isEqualTo(line);
                assertThat(p.path()).contains(path);
            });
        }
        assertThat(e.getMessage()).as(name).containsPattern(FILE + ":\\d+:\\d+: ");
        REJECTED.incrementAndGet();
    }

    @Test
    void tenMegabyteFile_isRefusedBeforeParsing(@TempDir Path dir) throws IOException {
        CASES.incrementAndGet();
        Path file = dir.resolve(FILE);
        byte[] big = (BASE + "# " + "x".repeat(10 * 1024 * 1024) + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(file, big);
        long start = System.nanoTime();

        YamlConfigException e = refused(() -> HttpsSetupYaml.load(file));

        assertThat(System.nanoTime() - start).as("refused at once").isLessThan(2_000_000_000L);
        assertThat(e.problems().get(0).file()).isEqualTo(file.toString());
        assertThat(e.getMessage()).contains(file.toString()).containsPattern("(?i)bytes|MiB|large");
        REJECTED.incrementAndGet();
    }

    @Test
    void notUtf8_isRefusedAtTheByte(@TempDir Path dir) throws IOException {
        CASES.incrementAndGet();
        Path file = dir.resolve(FILE);
        byte[] latin1 = replace(4, "  name: caf\u00e9.example.com").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, latin1);

        YamlConfigException e = refused(() -> HttpsSetupYaml.load(file));

        assertThat(e.problems().get(0).line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("UTF-8").contains(file + ":4:");
        REJECTED.incrementAndGet();
    }

    @Test
    void missingFile_isRefusedWithItsName(@TempDir Path dir) {
        CASES.incrementAndGet();
        Path file = dir.resolve("nope.yaml");
        YamlConfigException e = refused(() -> HttpsSetupYaml.load(file));
        assertThat(e.getMessage()).contains(file.toString()).contains("does not exist");
        REJECTED.incrementAndGet();
    }

    @AfterAll
    static void writeSummary() throws IOException {
        Path summary = Path.of(System.getProperty("basedir", "."), "target", "reliability-yaml-summary.json");
        Files.createDirectories(summary.getParent());
        Files.writeString(
                summary,
                "{\n  \"bad_inputs\": " + CASES.get() + ",\n  \"bad_inputs_rejected_without_aws_calls\": "
                        + REJECTED.get() + "\n}\n");
    }

    private static YamlConfigException refused(Runnable load) {
        try {
            load.run();
        } catch (YamlConfigException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }
}
