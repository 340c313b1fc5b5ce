package io.github.httpssetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.httpssetup.core.Durations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Option parsing, precedence, messages and exit codes, in process and without AWS: every command here either needs no
 * call or stops before the first one (an endpoint where nothing listens would turn a call into exit code 1).
 */
class HttpsSetupCliTest {

    static final String NOWHERE = "http://127.0.0.1:9";
    static final String YAML = "stack: shop\n"
            + "region: eu-west-1\n"
            + "domain:\n"
            + "  name: example.com\n"
            + "  alternativeNames: [www.example.com]\n"
            + "targets:\n"
            + "  instanceIds: [i-0123456789abcdef0]\n"
            + "  port: 8080\n"
            + "environments:\n"
            + "  prod:\n"
            + "    region: us-east-2\n";

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal = new Terminal(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false,
                false,
                100);
        int exit = HttpsSetupCli.execute(terminal, args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String file(String content) throws IOException {
        Path file = dir.resolve("https-setup.yaml");
        Files.writeString(file, content);
        return file.toString();
    }

    @Test
    void help_listsEveryCommandAndTheExitCodes() {
        Run run = run("--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .contains(
                        "validate",
                        "plan",
                        "apply",
                        "destroy",
                        "iam-policy",
                        "export",
                        "Exit codes:",
                        "64   invalid input",
                        "2    plan --detailed-exitcode");
    }

    @Test
    void export_ofARegistration_orAnUnknownFormat_isInvalidInput_beforeAnyCall() throws IOException {
        String registering = file(YAML.replace(
                "  alternativeNames: [www.example.com]\n",
                "  registration:\n"
                        + "    contact: { contactType: person, firstName: Jane, lastName: Doe, email: jane@example.com,"
                        + " phoneNumber: \"+1.2065550100\", addressLine1: 1 Main St, city: Seattle, state: WA, countryCode: US,"
                        + " zipCode: \"98101\" }\n"));

        // Nothing listens at NOWHERE: a call would end with exit code 1, not 64.
        Run registration = run("export", "-f", registering, "--endpoint", NOWHERE);
        Run format = run("export", "-f", file(YAML), "--format", "terraform", "--endpoint", NOWHERE);

        assertThat(registration.exit()).as(registration.err()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(registration.err()).contains("registration");
        assertThat(registration.out()).isEmpty();
        assertThat(format.exit()).as(format.err()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(format.err()).contains("--format terraform is not a format export writes: use cloudformation");
    }

    @Test
    void commandHelp_listsTheOptionsOfTheMavenGoals() {
        Run plan = run("plan", "--help");
        Run destroy = run("destroy", "--help");

        assertThat(plan.exit()).isZero();
        assertThat(plan.out())
                .contains(
                        "-f, --file",
                        "--environment",
                        "--region",
                        "--profile",
                        "--endpoint",
                        "--wait-timeout",
                        "--output",
                        "--detailed-exitcode",
                        "Exit codes:");
        assertThat(destroy.out()).contains("--confirm=<stack>");
    }

    @Test
    void version_printsTheVersion() {
        Run run = run("--version");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("https-setup ").doesNotContain("${project.version}", "unknown");
    }

    @Test
    void noCommand_orAnUnknownOption_isInvalidInput() {
        Run none = run();
        Run unknown = run("plan", "--regoin", "eu-west-1");
        Run format = run("plan", "--output", "xml");

        assertThat(none.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(none.err()).contains("Missing command");
        assertThat(unknown.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(unknown.err()).contains("Unknown options: '--regoin'", "Run 'https-setup plan --help'");
        assertThat(format.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(format.err()).contains("--output", "xml");
    }

    @Test
    void validate_onAValidFile_namesTheStackRegionAndUrl() throws IOException {
        Run run = run("validate", "-f", file(YAML));

        assertThat(run.exit()).isZero();
        assertThat(run.out().trim())
                .isEqualTo("https-setup.yaml is valid: stack shop in eu-west-1, https://example.com (+1 names)");
    }

    @Test
    void validate_onAMultiSiteFile_namesEachSiteWithItsUrl() throws IOException {
        Run run = run(
                "validate",
                "-f",
                file("stack: web\n" + "region: ap-northeast-2\n"
                        + "sites:\n"
                        + "  shop:\n"
                        + "    domain: { name: example.com, alternativeNames: [www.example.com] }\n"
                        + "    targets: { instanceTags: { app: shop }, port: 8080 }\n"
                        + "  blog:\n"
                        + "    domain:\n"
                        + "      name: blog.example.org\n"
                        + "      hostedZone: { roleArn: \"arn:aws:iam::222233334444:role/dns\" }\n"
                        + "    targets: { instanceIds: [i-0123456789abcdef0], port: 3000 }\n"
                        + "    routes:\n"
                        + "      - paths: [\"/api/*\"]\n"
                        + "        targets: { instanceTags: { app: api }, port: 9000 }\n"
                        + "defaultSite: shop\n"));

        assertThat(run.exit()).isZero();
        assertThat(run.out().trim())
                .isEqualTo("https-setup.yaml is valid: stack web in ap-northeast-2, 2 sites:"
                        + " shop https://example.com (+1 names), blog https://blog.example.org");
    }

    @Test
    void validate_ofAMultiSiteFile_withATopLevelDomain_pointsAtIt() throws IOException {
        Run run = run(
                "validate",
                "-f",
                file("stack: web\nregion: ap-northeast-2\ndomain: { name: example.com }\n"
                        + "sites:\n  blog:\n    domain: { name: blog.example.org }\n"
                        + "    targets: { instanceIds: [i-0123456789abcdef0] }\n"));

        assertThat(run.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.err())
                .startsWith(dir.resolve("https-setup.yaml") + ":3:1: domain: cannot be combined with sites")
                .contains("1 problem in");
    }

    @Test
    void options_winOverTheFile_andTheEnvironmentOverItsBase() throws IOException {
        String file = file(YAML);

        assertThat(run("validate", "-f", file, "--environment", "prod").out()).contains("stack shop in us-east-2");
        assertThat(run("validate", "--file", file, "--environment", "prod", "--region", "ap-northeast-2")
                        .out())
                .contains("stack shop in ap-northeast-2");
    }

    @Test
    void aBadFile_isInvalidInput_withFileLineAndColumn() throws IOException {
        Run run = run("validate", "-f", file(YAML.replace("port: 8080", "port: 80800")));

        assertThat(run.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.err())
                .startsWith(dir.resolve("https-setup.yaml") + ":8:9: targets.port: 80800 is not a port (1-65535)")
                .contains("\n    port: 80800\n          ^\n", "1 problem in");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aBadFile_withJsonOutput_writesTheInvalidReportToStandardOutput() throws IOException {
        Run run = run(
                "plan",
                "--output",
                "json",
                "--endpoint",
                NOWHERE,
                "-f",
                file(YAML.replace("port: 8080", "port: 80800")));

        assertThat(run.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("status").asText()).isEqualTo("invalid");
        JsonNode error = json.get("errors").get(0);
        assertThat(error.get("code").asText()).isEqualTo("invalid_spec");
        assertThat(error.get("line").asInt()).isEqualTo(8);
        assertThat(error.get("column").asInt()).isEqualTo(9);
        assertThat(error.get("path").asText()).isEqualTo("targets.port");
        assertThat(run.err()).contains("https-setup.yaml:8:9:");
    }

    @Test
    void aMissingFile_isInvalidInput_andSaysHowToPointAtOne() {
        Run run = run(
                "plan", "--endpoint", NOWHERE, "-f", dir.resolve("nope.yaml").toString());

        assertThat(run.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.err()).contains("No https-setup description at", "nope.yaml", "point -f/--file at it");
    }

    @Test
    void aBadWaitTimeout_isInvalidInput_withTheDurationGrammarsMessage() throws IOException {
        Run run = run("validate", "-f", file(YAML), "--wait-timeout", "20M");

        String grammar = messageOf("20M");
        assertThat(run.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.err()).contains("--wait-timeout: " + grammar);
    }

    @Test
    void aWaitTimeoutOverridesTheFile() throws IOException {
        Run run = run("validate", "-f", file(YAML), "--wait-timeout", "0s");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.err()).contains("waitTimeout");
    }

    @Test
    void aBadEndpoint_isInvalidInput() throws IOException {
        Run run = run("plan", "-f", file(YAML), "--endpoint", "localhost");

        assertThat(run.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.err())
                .contains("--endpoint: endpoint override localhost is not a URL: use e.g. http://localhost:5000");
    }

    @Test
    void destroy_withoutConfirm_refusesBeforeAnyCall() throws IOException {
        Run none = run("destroy", "-f", file(YAML), "--endpoint", NOWHERE);
        Run wrong = run("destroy", "-f", file(YAML), "--endpoint", NOWHERE, "--confirm", "shoe");

        assertThat(none.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(none.err()).contains("Nothing was changed. To confirm, run again with --confirm shop");
        assertThat(wrong.exit()).isEqualTo(ExitCode.INVALID_INPUT);
    }

    @Test
    void iamPolicy_printsThePolicy() throws IOException {
        Run run = run("iam-policy", "-f", file(YAML));

        assertThat(run.exit()).isZero();
        assertThat(new ObjectMapper().readTree(run.out()).toString())
                .contains("acm:RequestCertificate")
                .doesNotContain("route53domains");
    }

    private static String messageOf(String duration) {
        try {
            Durations.parse(duration);
            throw new AssertionError(duration + " parsed");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
