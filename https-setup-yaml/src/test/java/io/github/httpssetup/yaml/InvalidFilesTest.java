package io.github.httpssetup.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of invalid files: each {@code invalid/NN-name.yaml} must fail with exactly the text of
 * {@code NN-name.expected}, every problem rendered and the count line. Cases whose input cannot be a committed file
 * (too large, not UTF-8) have an {@code .expected} only; their input is made here.
 *
 * <p>A first line {@code # test: environment=NAME} loads that environment. Run with {@code -Dgolden.update=true} to
 * write the {@code .expected} files from the current messages (then read every change before keeping it).
 */
class InvalidFilesTest {
    /** The variables the corpus sees; any other is unset. */
    static final Map<String, String> VARIABLES = Map.of("SHOP_STACK", "shop", "SHOP_PORT", "8080");

    private static final String ENVIRONMENT_DIRECTIVE = "# test: environment=";
    private static final Path SOURCES = Path.of("src/test/resources/invalid");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(corpus())) {
            return files
                    .map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".expected"))
                    .map(name -> name.substring(0, name.length() - ".expected".length()))
                    .sorted()
                    .collect(Collectors.toList())
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void load_reportsEveryProblemAtItsLine(String name) throws IOException {
        YamlConfigException error = catchThrowableOfType(YamlConfigException.class, () -> load(name));

        assertThat(error).as("%s.yaml must not load", name).isNotNull();
        String expectedFile = name + ".expected";
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(SOURCES.resolve(expectedFile), error.getMessage() + "\n");
        }
        String expected = Files.readString(corpus().resolve(expectedFile), StandardCharsets.UTF_8);
        assertThat(error.getMessage() + "\n").isEqualTo(expected);
        assertThat(error.problems())
                .allSatisfy(problem -> assertThat(problem.file()).isEqualTo(name + ".yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validate_returnsTheSameProblemsWithoutThrowing(String name) throws IOException {
        if (!Files.exists(corpus().resolve(name + ".yaml"))) {
            return;
        }
        String content = Files.readString(corpus().resolve(name + ".yaml"));
        YamlConfigException error = catchThrowableOfType(YamlConfigException.class, () -> load(name));

        List<YamlProblem> problems =
                HttpsSetupYaml.validate(name + ".yaml", content, environment(content), VARIABLES::get);

        assertThat(problems).isEqualTo(error.problems());
    }

    private static void load(String name) throws IOException {
        String fileName = name + ".yaml";
        Path file = corpus().resolve(fileName);
        if (Files.exists(file)) {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            HttpsSetupYaml.load(fileName, content, environment(content), VARIABLES::get);
        } else {
            GeneratedCases.load(name, fileName);
        }
    }

    private static String environment(String content) {
        String firstLine = content.lines().findFirst().orElse("");
        return firstLine.startsWith(ENVIRONMENT_DIRECTIVE)
                ? firstLine.substring(ENVIRONMENT_DIRECTIVE.length()).trim()
                : null;
    }

    static Path corpus() {
        try {
            return Path.of(InvalidFilesTest.class.getResource("/invalid").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The inputs made by the test: a file too large to commit, bytes that are not UTF-8. */
    static final class GeneratedCases {
        /** 10 MB: ten times the limit. */
        static final int OVERSIZED_BYTES = 10 * 1024 * 1024;

        private GeneratedCases() {}

        static void load(String name, String fileName) {
            switch (name.substring(name.indexOf('-') + 1)) {
                case "oversized" -> loadOversized(fileName);
                case "not-utf8" -> HttpsSetupYaml.load(fileName, notUtf8(), null, VARIABLES::get);
                case "control-character" ->
                    HttpsSetupYaml.load(
                            fileName,
                            ("stack: shop\nregion: ap\u0007northeast-2\n").getBytes(StandardCharsets.UTF_8),
                            null,
                            VARIABLES::get);
                default ->
                    throw new UncheckedIOException(
                            new IOException("no " + fileName + " and no generated case " + name));
            }
        }

        /** A valid start, then a comment that makes the text 10 MB: refused by its size, before it is parsed. */
        static String oversized() {
            StringBuilder text = new StringBuilder(OVERSIZED_BYTES);
            text.append("stack: shop\n# ");
            while (text.length() < OVERSIZED_BYTES - 1) {
                text.append('x');
            }
            return text.append('\n').toString();
        }

        private static void loadOversized(String fileName) {
            String content = oversized();
            long start = System.nanoTime();
            try {
                HttpsSetupYaml.load(fileName, content, null, VARIABLES::get);
            } finally {
                System.out.printf(
                        "a %d-byte text was refused in %.1f ms%n", content.length(), (System.nanoTime() - start) / 1e6);
            }
        }

        /** "café" in ISO-8859-1 on line 3: 0xE9 is not UTF-8. */
        static byte[] notUtf8() {
            String text = "stack: shop\nregion: ap-northeast-2\ndomain: { name: café.example.com }\n";
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
