package io.github.httpssetup.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "15s, PT15S",
        "5m, PT5M",
        "1h, PT1H",
        "1h30m, PT1H30M",
        "250ms, PT0.25S",
        "1d, PT24H",
        "1d2h3m4s5ms6ns, PT26H3M4.005000006S",
        "0s, PT0S",
        "' 30s ', PT30S",
    })
    void parse_readsEveryUnitAndCombination(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "15x | \"15x\" has an unknown unit 'x': use d, h, m, s or ms, such as 30s, 5m, 1h or 1h30m",
        "-5s | \"-5s\" is negative; a duration is 0 or more, such as 30s, 5m, 1h or 1h30m",
        "5 | \"5\" has no unit: write 5s, 5m or 5h",
        "5M | \"5M\" has the unit 'M': write units in lower case, as in 5m",
        "30m1h | \"30m1h\" is not a duration: give each unit once, the largest first, as in 1h30m",
        "1h 30m | \"1h 30m\" is not a duration: use a whole number and a unit (d, h, m, s, ms), such as 30s, 5m, 1h or 1h30m",
        "1.5h | \"1.5h\" is not a duration: '.' is not a unit; use d, h, m, s or ms, such as 30s, 5m, 1h or 1h30m",
        "PT15S | \"PT15S\" is not a duration: use a whole number and a unit (d, h, m, s, ms), such as 30s, 5m, 1h or 1h30m",
        "99999999999999999999s | \"99999999999999999999s\" is too long a duration",
    })
    void parse_saysWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({
        "PT0S, 0s",
        "PT30S, 30s",
        "PT90S, 90s",
        "PT15M, 15m",
        "PT2H, 2h",
        "PT168H, 168h",
        "PT1.5S, 1500ms",
        "PT1.000000001S, 1s1ns",
        "PT0.000000250S, 250ns",
    })
    void format_writesWhatParseReadsBack(String duration, String text) {
        assertThat(Durations.format(Duration.parse(duration))).isEqualTo(text);
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(duration));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 59, 60, 61, 3599, 3600, 3601, 86_400, 604_800, 1_000_000})
    void format_andParse_roundTripWholeSeconds(long seconds) {
        Duration duration = Duration.ofSeconds(seconds);

        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }
}
