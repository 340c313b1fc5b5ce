package io.github.httpssetup.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpAction;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.InvalidSpecException;
import io.github.httpssetup.core.IpAddressType;
import io.github.httpssetup.core.KeyAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry points: files, names in messages, encodings, variables and the exception's shape. */
class HttpsSetupYamlTest {
    private static final String MINIMAL = "stack: shop\nregion: ap-northeast-2\ndomain: { name: example.com }\n"
            + "targets: { instanceIds: [i-0123456789abcdef0] }\n";

    @TempDir
    Path directory;

    private static HttpsSetup load(String content) {
        return HttpsSetupYaml.load("https-setup.yaml", content, null, Map.of("PORT", "9090", "ADOPT", "true")::get);
    }

    @Test
    void load_ofAPath_showsThePathAsGiven() throws IOException {
        Path file = Files.writeString(directory.resolve("https-setup.yaml"), MINIMAL.replace("shop", "Shop"));

        YamlConfigException error = catchThrowableOfType(YamlConfigException.class, () -> HttpsSetupYaml.load(file));

        assertThat(error.getMessage())
                .startsWith(file + ":1:8: stack: \"Shop\" is not a valid stack name")
                .endsWith("1 problem in " + file);
        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_SPEC);
        assertThat(error.getCause()).isInstanceOf(InvalidSpecException.class);
    }

    @Test
    void load_ofAMissingFile_saysSo() {
        Path file = directory.resolve("nowhere.yaml");

        assertThatThrownBy(() -> HttpsSetupYaml.load(file))
                .isInstanceOf(YamlConfigException.class)
                .hasMessage(file + ": the file does not exist\n1 problem in " + file);
    }

    @Test
    void load_ofAFileOf10MB_isRefusedByItsSize_beforeReadingIt() throws IOException {
        Path file = Files.writeString(directory.resolve("big.yaml"), InvalidFilesTest.GeneratedCases.oversized());

        long start = System.nanoTime();
        YamlConfigException error = catchThrowableOfType(YamlConfigException.class, () -> HttpsSetupYaml.load(file));
        System.out.printf(
                "a %d-byte file was refused in %.1f ms%n", Files.size(file), (System.nanoTime() - start) / 1e6);

        assertThat(error.getMessage())
                .startsWith(
                        file + ": the file is 10485760 bytes (10.0 MiB); at most 1048576" + " bytes (1 MiB) are read.");
    }

    @Test
    void load_ofAFileJustUnderTheLimit_isParsed() {
        StringBuilder content = new StringBuilder(MINIMAL);
        while (content.length() < SourceText.MAX_BYTES - 100) {
            content.append("# padding padding padding padding padding padding padding padding padding padding\n");
        }

        assertThat(load(content.toString()).stack()).isEqualTo("shop");
    }

    @Test
    void load_acceptsAByteOrderMark_andWindowsLineEnds() throws IOException {
        Path file = directory.resolve("https-setup.yaml");
        Files.write(
                file,
                ("\uFEFF" + MINIMAL.replace("\n", "\r\n").replace("shop", "Shop")).getBytes(StandardCharsets.UTF_8));

        YamlConfigException error = catchThrowableOfType(YamlConfigException.class, () -> HttpsSetupYaml.load(file));

        assertThat(error.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(1);
            assertThat(problem.column()).isEqualTo(8);
            assertThat(problem.sourceLine()).isEqualTo("stack: Shop");
        });
        Files.write(file, ("\uFEFF" + MINIMAL.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8));
        assertThat(HttpsSetupYaml.load(file).stack()).isEqualTo("shop");
    }

    @Test
    void load_readsDurationsInTheShortForm_andInIso8601() {
        HttpsSetup setup = load(MINIMAL + "certificate: { validationTimeout: PT45M }\n"
                + "loadBalancer: { idleTimeout: PT1M30S }\nwaitTimeout: 1h30m\n");

        assertThat(setup.certificate().validationTimeout()).isEqualTo(Duration.ofMinutes(45));
        assertThat(setup.loadBalancer().idleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(setup.waitTimeout()).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void load_takesEnumerationsInAnyCase() {
        HttpsSetup setup = load(MINIMAL + "certificate: { keyAlgorithm: EC_prime256v1 }\n"
                + "loadBalancer: { ipAddressType: DualStack }\nlisteners: { http: { action: NONE } }\n");

        assertThat(setup.certificate().keyAlgorithm()).isEqualTo(KeyAlgorithm.EC_PRIME256V1);
        assertThat(setup.loadBalancer().ipAddressType()).isEqualTo(IpAddressType.DUALSTACK);
        assertThat(setup.httpListener().action()).isEqualTo(HttpAction.NONE);
    }

    @Test
    void load_typesAQuotedVariableByItsValue_soThatFlowMappingsCanHoldVariables() {
        HttpsSetup setup = load(MINIMAL.replace("targets: {", "targets: { port: \"${PORT}\",") + "adopt: ${ADOPT}\n");

        assertThat(setup.targets().port()).isEqualTo(9090);
        assertThat(setup.adopt()).isTrue();
    }

    @Test
    void load_readsSubnetsAuto_asTheEmptyList() {
        HttpsSetup setup = load(MINIMAL + "loadBalancer: { subnets: AUTO, securityGroups: auto }\n");

        assertThat(setup.loadBalancer().subnets()).isEmpty();
        assertThat(setup.loadBalancer().autoSecurityGroups()).isTrue();
    }

    @Test
    void load_readsYesAndNo_asStrings() {
        HttpsSetup setup = load(MINIMAL + "tags: { norway: NO, answer: yes }\n");

        assertThat(setup.tags()).containsEntry("norway", "NO").containsEntry("answer", "yes");
    }

    @Test
    void load_withoutEnvironment_ignoresTheEnvironments_butChecksTheirKeys() {
        String content = MINIMAL + "environments:\n  prod:\n    regoin: eu-west-1\n";

        assertThatThrownBy(() -> load(content))
                .isInstanceOf(YamlConfigException.class)
                .hasMessageContaining("https-setup.yaml:7:5: regoin: unknown key 'regoin'; did you mean 'region'?");
        assertThat(load(MINIMAL + "environments:\n  prod:\n    region: eu-west-1\n")
                        .region())
                .isEqualTo("ap-northeast-2");
    }

    @Test
    void load_blankEnvironment_meansTheBase() {
        HttpsSetup base = load(MINIMAL);

        assertThat(HttpsSetupYaml.load("https-setup.yaml", MINIMAL, " ", name -> null))
                .isEqualTo(base);
    }

    @Test
    void load_neverConstructsObjectsFromTags() {
        String content = MINIMAL + "tags: { x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader"
                + " [[!!java.net.URL [\"http://localhost/\"]]]] }\n";

        YamlConfigException error = catchThrowableOfType(YamlConfigException.class, () -> load(content));

        assertThat(error.problems())
                .extracting(YamlProblem::message)
                .allMatch(m -> m.startsWith("explicit tag") || m.startsWith("expected a string"));
        assertThat(error.problems()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void validate_returnsTheProblems_insteadOfThrowing() {
        assertThat(HttpsSetupYaml.validate("https-setup.yaml", MINIMAL, null, name -> null))
                .isEmpty();
        assertThat(HttpsSetupYaml.validate("https-setup.yaml", MINIMAL + "adopt: maybe\n", null, name -> null))
                .singleElement()
                .extracting(YamlProblem::render)
                .isEqualTo(""
                        + "https-setup.yaml:5:8: adopt: expected true or false, got \"maybe\"\n"
                        + "  adopt: maybe\n"
                        + "         ^");
    }
}
