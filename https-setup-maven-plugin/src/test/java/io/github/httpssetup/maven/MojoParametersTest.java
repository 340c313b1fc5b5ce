package io.github.httpssetup.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.httpssetup.core.ProgressEvent;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MojoParametersTest {

    /** Captures what a goal logs at INFO. */
    static final class CapturingLog extends SystemStreamLog {
        final List<String> lines = new ArrayList<>();

        @Override
        public void info(CharSequence content) {
            lines.add(content.toString());
        }
    }

    @TempDir
    Path dir;

    @Test
    void skip_isHonouredAndLogged_beforeTheFileIsRead() throws Exception {
        ApplyMojo mojo = new ApplyMojo();
        CapturingLog log = new CapturingLog();
        mojo.setLog(log);
        mojo.skip = true;
        mojo.configFile = dir.resolve("missing.yaml").toFile();

        mojo.execute();

        assertThat(log.lines).containsExactly("Skipping https-setup:apply (https-setup.skip is true)");
    }

    @Test
    void pomPackaging_withoutAFile_isSkippedAndLogged() throws Exception {
        PlanMojo mojo = new PlanMojo();
        CapturingLog log = new CapturingLog();
        mojo.setLog(log);
        mojo.project = new MavenProject();
        mojo.project.setArtifactId("parent");
        mojo.project.setPackaging("pom");
        mojo.configFile = dir.resolve("https-setup.yaml").toFile();

        mojo.execute();

        assertThat(log.lines)
                .containsExactly("Skipping https-setup:plan for pom project parent: it has no https-setup.yaml");
    }

    @Test
    void missingFile_failsWithWhereToPutIt() {
        ValidateMojo mojo = new ValidateMojo();
        mojo.configFile = dir.resolve("https-setup.yaml").toFile();

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("No https-setup description at")
                .hasMessageContaining("-Dhttps-setup.configFile");
    }

    @Test
    void validate_ofAMultiSiteFile_logsEachSiteWithItsUrl() throws Exception {
        File file = dir.resolve("https-setup.yaml").toFile();
        Files.writeString(
                file.toPath(),
                "stack: web\n" + "region: ap-northeast-2\n"
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
                        + "defaultSite: shop\n");
        ValidateMojo mojo = new ValidateMojo();
        CapturingLog log = new CapturingLog();
        mojo.setLog(log);
        mojo.configFile = file;

        mojo.execute();

        assertThat(log.lines)
                .containsExactly("https-setup.yaml is valid: stack web in ap-northeast-2, 2 sites:"
                        + " shop https://example.com (+1 names), blog https://blog.example.org");
        assertThat(mojo.setup().sites().get("blog").routes()).hasSize(1);
    }

    @Test
    void commandLineRegionAndWaitTimeout_overrideTheFile() throws Exception {
        File file = dir.resolve("https-setup.yaml").toFile();
        Files.writeString(
                file.toPath(),
                "stack: shop\nregion: eu-west-1\ndomain: { name: example.com }\n"
                        + "targets: { instanceIds: [i-0123456789abcdef0], port: 8080 }\n");
        ValidateMojo mojo = new ValidateMojo();
        mojo.configFile = file;
        mojo.region = "us-east-2";
        mojo.waitTimeout = "20m";

        assertThat(mojo.setup().region()).isEqualTo("us-east-2");
        assertThat(mojo.setup().waitTimeout()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void progress_logsEachEventAtItsLevel() {
        List<String> lines = new ArrayList<>();
        PlanMojo mojo = new PlanMojo();
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void debug(CharSequence content) {
                lines.add("DEBUG " + content);
            }

            @Override
            public void info(CharSequence content) {
                lines.add("INFO " + content);
            }

            @Override
            public void warn(CharSequence content) {
                lines.add("WARN " + content);
            }
        });

        for (ProgressEvent.Type type : ProgressEvent.Type.values()) {
            mojo.progress().onEvent(ProgressEvent.of(type, "certificate", type.name()));
        }

        assertThat(lines)
                .containsExactly(
                        "DEBUG [certificate] STEP_STARTED",
                        "DEBUG [certificate] STEP_FINISHED",
                        "DEBUG [certificate] CHANGE_STARTED",
                        "INFO [certificate] CHANGE_APPLIED",
                        "INFO [certificate] WAITING (0 s of 0 s)",
                        "DEBUG [certificate] RETRYING",
                        "WARN [certificate] WARNING",
                        "INFO [certificate] INFO");
    }

    @Test
    void badEndpointOrDuration_failWithTheParameterName() {
        ApplyMojo mojo = new ApplyMojo();
        mojo.endpoint = "localhost:5000";

        assertThatThrownBy(mojo::executor)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage(
                        "https-setup.endpoint: endpoint override localhost:5000 is not a URL: use e.g. http://localhost:5000");
        assertThatThrownBy(() -> AbstractHttpsSetupMojo.duration("soon", "https-setup.waitTimeout"))
                .hasMessage("https-setup.waitTimeout: \"soon\" is not a duration: use a whole number and a unit"
                        + " (d, h, m, s, ms), such as 30s, 5m, 1h or 1h30m, or ISO-8601 such as PT1M30S");
    }

    @ParameterizedTest
    @CsvSource({
        "1h30m, PT1H30M",
        "250ms, PT0.25S",
        "90s, PT90S",
        "20m, PT20M",
        "PT1M30S, PT1M30S",
        "' 2h ', PT2H",
    })
    void waitTimeout_onTheCommandLine_isReadAsTheYamlFileReadsIt(String text, String expected) throws Exception {
        assertThat(AbstractHttpsSetupMojo.duration(text, "https-setup.waitTimeout"))
                .isEqualTo(Duration.parse(expected));
    }

    @Test
    void waitTimeout_inUpperCaseShortForm_isRefusedAsInTheYamlFile() {
        assertThatThrownBy(() -> AbstractHttpsSetupMojo.duration("20M", "https-setup.waitTimeout"))
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("https-setup.waitTimeout: \"20M\" has the unit 'M': write units in lower case, as in 20m");
    }

    @Test
    void output_otherThanTextOrJson_failsBeforeTheFileIsRead() {
        PlanMojo mojo = new PlanMojo();
        mojo.output = "xml";
        mojo.configFile = dir.resolve("missing.yaml").toFile();

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage(
                        "https-setup.output=xml is not an output: use text (the build log only) or json (also a JSON"
                                + " report in target/https-setup/plan.json)");
    }

    @Test
    void reportFile_isTargetHttpsSetupGoalJson_unlessOutputFileIsGiven() {
        ApplyMojo mojo = new ApplyMojo();
        mojo.project = new MavenProject();
        mojo.project.getBuild().setDirectory(dir.resolve("build").toString());

        assertThat(mojo.reportFile()).isEqualTo(dir.resolve("build/https-setup/apply.json"));
        mojo.outputFile = dir.resolve("reports/apply.json").toFile();
        assertThat(mojo.reportFile()).isEqualTo(dir.resolve("reports/apply.json"));
    }

    @Test
    void jsonOutput_ofAnInvalidFile_writesTheInvalidReport_withTheLocation_andSaysWhere() throws Exception {
        File file = dir.resolve("https-setup.yaml").toFile();
        Files.writeString(
                file.toPath(),
                "stack: shop\nregion: eu-west-1\ndomain: { name: example.com }\n"
                        + "targets: { instanceIds: [i-0123456789abcdef0], port: 80800 }\n");
        PlanMojo mojo = new PlanMojo();
        CapturingLog log = new CapturingLog();
        mojo.setLog(log);
        mojo.configFile = file;
        mojo.output = "json";
        mojo.outputFile = dir.resolve("out/plan.json").toFile();

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining(":4:")
                .hasMessageContaining("80800 is not a port");

        String json = Files.readString(dir.resolve("out/plan.json"));
        assertThat(json)
                .contains("\"version\" : 1", "\"status\" : \"invalid\"", "\"line\" : 4", "\"path\" : \"targets.port\"");
        assertThat(log.lines).contains("JSON report: " + dir.resolve("out/plan.json"));
    }

    @Test
    void validateAndIamPolicy_writeNoReport() throws Exception {
        File file = dir.resolve("https-setup.yaml").toFile();
        Files.writeString(
                file.toPath(),
                "stack: shop\nregion: eu-west-1\ndomain: { name: example.com }\n"
                        + "targets: { instanceIds: [i-0123456789abcdef0], port: 8080 }\n");
        ValidateMojo mojo = new ValidateMojo();
        mojo.setLog(new CapturingLog());
        mojo.configFile = file;
        mojo.output = "json";
        mojo.outputFile = dir.resolve("validate.json").toFile();

        mojo.execute();

        assertThat(dir.resolve("validate.json")).doesNotExist();
    }
}
