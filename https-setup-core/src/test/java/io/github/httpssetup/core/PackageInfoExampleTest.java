package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The example of the API's package-info compiles: it is the body of {@link #example}, word for word. */
class PackageInfoExampleTest {

    private static final Path PACKAGE_INFO = Path.of("src/main/java/io/github/httpssetup/core/package-info.java");
    private static final Path THIS = Path.of("src/test/java/io/github/httpssetup/core/PackageInfoExampleTest.java");

    @SuppressWarnings("unused") // compiled, never run: it would call AWS
    static void example() {
        HttpsSetup setup = HttpsSetup.builder()
                .stack("shop")
                .region("ap-northeast-2")
                .domain(d -> d.name("example.com").alternativeNames("www.example.com"))
                .targets(t -> t.instanceTags(Map.of("app", "shop")).port(8080))
                .build(); // InvalidSpecException lists every problem, each with its path
        HttpsSetupExecutor executor = HttpsSetupExecutor.builder()
                .profile("deploy") // optional: the SDK's default credentials otherwise
                .build();
        Plan plan = executor.plan(setup); // reads only
        System.out.println(plan.render());
        if (plan.hasChanges() && !plan.hasConflicts()) {
            ApplyResult result = executor.apply(setup); // a second apply changes nothing
            System.out.println(result.url() + " " + result.outputs().nameServers());
        }
        System.out.println(IamPolicy.of(setup).toJson()); // what the credentials need
    }

    @Test
    void packageInfoExample_isTheCompiledExample() throws IOException {
        String source = Files.readString(THIS);
        int start = source.indexOf('\n', source.indexOf("static void example() {")) + 1;
        int end = source.indexOf("\n    }\n", start);
        List<String> body =
                source.substring(start, end).lines().map(l -> l.substring(8)).toList();

        String javadoc = Files.readString(PACKAGE_INFO);
        String example = javadoc.substring(
                javadoc.indexOf("<pre>{@code\n") + "<pre>{@code\n".length(), javadoc.indexOf(" * }</pre>"));
        List<String> documented = example.lines()
                .map(l -> l.startsWith(" * ") ? l.substring(3) : l.substring(2))
                .toList();

        assertThat(documented).as("package-info's example").isEqualTo(body);
        assertThat(body.stream().collect(Collectors.joining("\n")))
                .contains("executor.plan(setup)", "executor.apply(setup)");
    }

    @Test
    void exampleDescription_isValid() {
        HttpsSetup setup = HttpsSetup.builder()
                .stack("shop")
                .region("ap-northeast-2")
                .domain(d -> d.name("example.com").alternativeNames("www.example.com"))
                .targets(t -> t.instanceTags(Map.of("app", "shop")).port(8080))
                .build();

        assertThat(setup.url()).isEqualTo("https://example.com");
        assertThat(IamPolicy.of(setup).toJson()).contains("acm:RequestCertificate");
    }
}
