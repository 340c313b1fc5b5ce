package io.github.httpssetup.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlProblemTest {

    @Test
    void render_showsTheLineAndACaretUnderTheColumn() {
        YamlProblem problem = new YamlProblem(
                "https-setup.yaml", 9, 9, "targets.port", "80800 is not a port (1-65535)", "  port: 80800");

        assertThat(problem.render())
                .isEqualTo(""
                        + "https-setup.yaml:9:9: targets.port: 80800 is not a port (1-65535)\n"
                        + "    port: 80800\n"
                        + "          ^");
    }

    @Test
    void render_keepsTabsBeforeTheCaret_andShowsControlCharacters() {
        YamlProblem problem = new YamlProblem("f.yaml", 1, 4, "", "here", "\ta\u0007b");

        assertThat(problem.render()).isEqualTo("f.yaml:1:4: here\n  \ta\u2407b\n  \t  ^");
    }

    @Test
    void render_countsColumnsInCharacters_notUtf16Units() {
        YamlProblem problem = new YamlProblem("f.yaml", 1, 6, "name", "here", "a: \uD83D\uDE00 x");

        assertThat(problem.render()).endsWith("\n       ^");
    }

    @Test
    void render_ofAWholeFileProblem_hasNoPosition() {
        YamlProblem problem = new YamlProblem("f.yaml", 0, 0, "", "the file does not exist", "");

        assertThat(problem.hasLocation()).isFalse();
        assertThat(problem.render()).isEqualTo("f.yaml: the file does not exist");
    }

    @Test
    void exception_rendersEveryProblem_thenTheCount() {
        YamlConfigException one = new YamlConfigException(List.of(new YamlProblem("f.yaml", 0, 0, "", "a", "")));
        YamlConfigException two = new YamlConfigException(List.of(
                new YamlProblem("f.yaml", 1, 1, "stack", "a", "stack: x"),
                new YamlProblem("f.yaml", 2, 1, "", "b", "")));

        assertThat(one.getMessage()).isEqualTo("f.yaml: a\n1 problem in f.yaml");
        assertThat(two.getMessage())
                .isEqualTo("f.yaml:1:1: stack: a\n  stack: x\n  ^\nf.yaml:2:1: b\n" + "2 problems in f.yaml");
        assertThat(two.code()).isEqualTo(ErrorCode.INVALID_SPEC);
        assertThat(two.problems()).hasSize(2);
    }
}
