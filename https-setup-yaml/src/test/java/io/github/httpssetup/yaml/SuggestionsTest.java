package io.github.httpssetup.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {
    private static final List<String> TARGETS = List.copyOf(FileFormat.TARGETS.keys());

    @ParameterizedTest
    @CsvSource({
        "helthCheck, healthCheck",
        "healthcheck, healthCheck",
        "prot, port",
        "Port, port",
        "protocl, protocol",
        "instanceId, instanceIds",
        "instances, instanceIds",
        "instanceTag, instanceTags",
        "stickyness, stickiness",
        "deregistration, deregistrationDelay",
    })
    void nearest_findsTheMisspelledKey(String word, String expected) {
        assertThat(Suggestions.nearest(word, TARGETS)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({"weight", "xyz", "timeoutSeconds", "a"})
    void nearest_suggestsNothingFarAway(String word) {
        assertThat(Suggestions.nearest(word, TARGETS)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "port, port, 0",
        "prot, port, 1",
        "ca, abc, 3",
        "kitten, sitting, 3",
        "'', abc, 3",
    })
    void distance_countsTranspositionsAsOneEdit(String a, String b, int distance) {
        assertThat(Suggestions.distance(a, b)).isEqualTo(distance);
    }
}
