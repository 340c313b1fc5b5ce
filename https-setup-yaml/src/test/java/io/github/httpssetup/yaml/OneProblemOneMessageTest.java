package io.github.httpssetup.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.httpssetup.core.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One problem, one message: each bad file reports exactly its problems, none twice, and no follow-on of another (a
 * list where the instance tags go is one problem, not also "targets: has no instances").
 */
class OneProblemOneMessageTest {

    /** A bad file and how many problems it has. */
    record Case(String name, String yaml, int problems) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Lines 1-9 of a valid file; cases replace a line or append. */
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

    static Stream<Case> cases() {
        String noTargets = "stack: shop\nregion: ap-northeast-2\ndomain:\n  name: example.com\n";
        return Stream.of(
                new Case("instance tags as a list", replace(7, "  instanceTags: [app, shop]"), 1),
                new Case("instance tags as a string", replace(7, "  instanceTags: app=shop"), 1),
                new Case("instance tags empty", replace(7, "  instanceTags: {}"), 1),
                new Case("instance ids as a string", replace(7, "  instanceIds: i-0123456789abcdef0"), 1),
                new Case("instance ids empty", replace(7, "  instanceIds: []"), 1),
                new Case("instance ids missing their value", replace(7, "  instanceIds:"), 1),
                new Case("instance id malformed", replace(7, "  instanceIds: [i-xyz]"), 1),
                new Case("instance ids and tags", append("  instanceTags: { app: shop }"), 1),
                new Case("targets as a list", noTargets + "targets: [i-0123456789abcdef0]\n", 1),
                new Case("targets as a string", noTargets + "targets: i-0123456789abcdef0\n", 1),
                new Case("targets empty", noTargets + "targets: {}\n", 1),
                new Case(
                        "domain as a string",
                        "stack: shop\nregion: ap-northeast-2\ndomain: example.com\n"
                                + "targets:\n  instanceIds: [i-0123456789abcdef0]\n",
                        1),
                new Case("domain name missing its value", replace(4, "  name:"), 1),
                new Case("domain name as a list", replace(4, "  name: [example.com]"), 1),
                new Case("domain name a wildcard", replace(4, "  name: \"*.example.com\""), 1),
                new Case("alternative names as a string", replace(5, "  alternativeNames: www.example.com"), 1),
                new Case(
                        "alternative name twice",
                        replace(5, "  alternativeNames: [www.example.com, www.example.com]"),
                        1),
                new Case("stack missing its value", replace(1, "stack: ~"), 1),
                new Case("stack as a list", replace(1, "stack: [a]"), 1),
                new Case("port as a word", replace(8, "  port: eighty"), 1),
                new Case("port out of range", replace(8, "  port: 80800"), 1),
                new Case("port from an unset variable", replace(8, "  port: ${APP_PORT}"), 1),
                new Case("health check as a list", replace(9, "  healthCheck: [/health]"), 1),
                new Case(
                        "health check interval out of range",
                        replace(9, "  healthCheck: { path: /health, interval: 1s }"),
                        1),
                new Case(
                        "two listeners on one port",
                        append("listeners:\n  https: { port: 80 }\n  http: { port: 80 }"),
                        1),
                new Case("listeners as a list", append("listeners: [https]"), 1),
                new Case("tags as a list", append("tags: [a, b]"), 1),
                new Case("certificate as a list", append("certificate: [x]"), 1),
                new Case("hosted zone as a list", replace(5, "  hostedZone: [x]"), 1),
                new Case("hosted zone id and create", replace(5, "  hostedZone: { id: Z123, create: true }"), 1),
                new Case("registration as a string", replace(5, "  registration: yes"), 1),
                new Case("registration without contact", replace(5, "  registration: {}"), 1),
                new Case("misspelled key", replace(8, "  prot: 8080"), 1),
                new Case("missing colon", replace(8, "  port 8080"), 1),
                new Case(
                        "instance tags as a list in the loaded environment",
                        append("environments:\n  prod:\n" + "    targets:\n      instanceTags: [app, shop]"),
                        1),
                new Case("only the stack", "stack: shop\n", 3),
                new Case(
                        "three problems at once",
                        replace(7, "  instanceTags: [app, shop]").replace("port: 8080", "port: 80800") + "stak: x\n",
                        3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badFile_reportsEachProblemOnce_andNoFollowOn(Case c) {
        YamlConfigException e = catchThrowableOfType(
                YamlConfigException.class,
                () -> HttpsSetupYaml.load(
                        "https-setup.yaml",
                        c.yaml(),
                        c.yaml().contains("environments:") ? "prod" : null,
                        Map.<String, String>of()::get));

        assertThat(e).as(c.name() + " must not load").isNotNull();
        assertThat(e.problems()).as(e.getMessage()).hasSize(c.problems());
        assertThat(e.problems())
                .extracting(YamlProblem::message)
                .as(e.getMessage())
                .doesNotHaveDuplicates();
        if (e.getCause() instanceof InvalidSpecException invalid) {
            assertThat(invalid.violations()).as("the core's own checks").doesNotHaveDuplicates();
        }
        assertThat(e.getMessage())
                .endsWith(c.problems() + (c.problems() == 1 ? " problem" : " problems") + " in https-setup.yaml");
    }
}
