package io.github.httpssetup.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading cfn-lint's parseable output; running it is covered by the export's integration test in core. */
class CfnLintTest {

    @Test
    void parse_readsEachFindingOfTheTemplate_andSkipsOtherFilesAndNoise() {
        Path template = Path.of("/tmp/a:b/template.json");
        String output =
                "/tmp/a:b/template.json:12:5:12:9:E3002:Additional properties are not allowed ('Bogus' was unexpected)\n"
                        + "/tmp/other.json:1:1:1:2:E0000:elsewhere\n"
                        + "some warning printed by Python\n"
                        + "/tmp/a:b/template.json:40:15:40:17:I1022:Prefer using Fn::Sub over Fn::Join with an empty delimiter\n";

        List<CfnLint.Finding> findings = CfnLint.parse(output, template);

        assertThat(findings)
                .containsExactly(
                        new CfnLint.Finding(
                                "E3002", 12, 5, "Additional properties are not allowed ('Bogus' was unexpected)"),
                        new CfnLint.Finding(
                                "I1022", 40, 15, "Prefer using Fn::Sub over Fn::Join with an empty delimiter"));
        assertThat(findings).filteredOn(CfnLint.Finding::error).hasSize(1);
        assertThat(findings.get(0))
                .hasToString("E3002 at 12:5: Additional properties are not allowed ('Bogus' was unexpected)");
    }
}
