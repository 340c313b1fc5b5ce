package io.github.httpssetup.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariablesTest {
    private final Variables variables = new Variables(Map.of("PORT", "8080", "EMPTY", "", "app.name", "shop")::get);

    @Test
    void interpolate_replacesVariables_andUsesDefaultsWhenUnsetOrEmpty() {
        Variables.Result result = variables.interpolate("${PORT} ${MISSING:-80} ${EMPTY:-x} ${EMPTY} ${app.name}");

        assertThat(result.text()).isEqualTo("8080 80 x  shop");
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void interpolate_keepsEscapedReferencesAndLoneDollars() {
        Variables.Result result = variables.interpolate("$${PORT} costs $5 and $$ and ${PORT:-a:-b}");

        assertThat(result.text()).isEqualTo("${PORT} costs $5 and $$ and 8080");
    }

    @Test
    void interpolate_anEmptyDefault_isAllowed() {
        assertThat(variables.interpolate("[${MISSING:-}]").text()).isEqualTo("[]");
    }

    @Test
    void interpolate_reportsEveryUnsetOrMalformedReference_atItsOffset() {
        Variables.Result result = variables.interpolate("${A}-${1X}-${B:-ok}-${C");

        assertThat(result.errors()).extracting(Variables.Error::offset).containsExactly(0, 5, 20);
        assertThat(result.errors())
                .extracting(Variables.Error::message)
                .containsExactly(
                        "variable A is not set: set it in the environment (or as a system property), or give a default:"
                                + " ${A:-value}",
                        "'${1X}' is not a variable reference: write ${NAME} or ${NAME:-default} (NAME of letters, digits, _"
                                + " and .), or $${ for a literal ${",
                        "'${' is not closed: write ${NAME} or ${NAME:-default}, or $${ for a literal ${");
    }

    @Test
    void escape_isUndoneByInterpolate() {
        for (String text : List.of("${PORT}", "$${PORT}", "$", "$$", "a${", "${}", "plain")) {
            Variables.Result result = variables.interpolate(Variables.escape(text));

            assertThat(result.text()).as(text).isEqualTo(text);
            assertThat(result.errors()).as(text).isEmpty();
        }
    }

    @Test
    void theDefaultLookup_readsTheEnvironmentFirst_thenSystemProperties() {
        String property = "https-setup.test.only.property";
        System.setProperty(property, "from-property");
        try {
            assertThat(Variables.ENVIRONMENT_THEN_SYSTEM_PROPERTIES.apply(property))
                    .isEqualTo("from-property");
            String path = System.getenv("PATH");
            System.setProperty("PATH", "from-property");
            assertThat(Variables.ENVIRONMENT_THEN_SYSTEM_PROPERTIES.apply("PATH"))
                    .isEqualTo(path);
        } finally {
            System.clearProperty(property);
            System.clearProperty("PATH");
        }
    }
}
