package io.github.httpssetup.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The JSON Schema's duration pattern accepts exactly what {@link Durations#parse} reads (lengths too long for a
 * {@link java.time.Duration} aside, which a pattern cannot see): an editor that checks the file against the schema
 * and the loader agree.
 */
class SchemaDurationTest {

    @SuppressWarnings("unchecked")
    private static Pattern durationPattern() throws IOException {
        try (InputStream in =
                HttpsSetupYaml.class.getClassLoader().getResourceAsStream(HttpsSetupYaml.SCHEMA_RESOURCE)) {
            Map<String, Object> schema =
                    (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Map<String, Object> duration =
                    (Map<String, Object>) ((Map<String, Object>) schema.get("$defs")).get("duration");
            List<Map<String, Object>> anyOf = (List<Map<String, Object>>) duration.get("anyOf");
            return Pattern.compile((String) anyOf.get(0).get("pattern"));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "15s",
                "90s",
                "2m",
                "1h",
                "1h30m",
                "250ms",
                "1d",
                "1d2h3m4s5ms6ns",
                "0s",
                " 30s ",
                "15s500ms",
                "250ns",
                "PT1M30S",
                "PT15S",
                "PT0.25S",
                "PT1.000000001S",
                "P1D",
                "P1DT12H",
                "PT0S",
                "15x",
                "-5s",
                "-PT5S",
                "5",
                "5M",
                "20H",
                "1H30M",
                "30m1h",
                "1h 30m",
                "1.5h",
                "one minute",
                "pt1m",
                "PT1m30s",
                "P1M",
                "P1Y",
                "P2W",
                "PT",
                "P",
                "PT30S1M",
                "PT1.5M",
                "PT-5S",
                "PT0.1234567890S",
                "",
                "ms",
                "s5",
                "1ms1s",
                "1m1m"
            })
    void schemaPattern_acceptsWhatTheParserReads(String text) throws IOException {
        boolean parsed;
        try {
            Durations.parse(text);
            parsed = true;
        } catch (IllegalArgumentException e) {
            parsed = false;
        }

        assertThat(durationPattern().matcher(text).find()).as(text).isEqualTo(parsed);
    }
}
