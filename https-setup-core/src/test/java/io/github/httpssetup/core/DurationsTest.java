package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "15s, PT15S",
        "90s, PT90S",
        "5m, PT5M",
        "2m, PT2M",
        "1h, PT1H",
        "1h30m, PT1H30M",
        "250ms, PT0.25S",
        "1d, PT24H",
        "1d2h3m4s5ms6ns, PT26H3M4.005000006S",
        "15s500ms, PT15.5S",
        "0s, PT0S",
        "' 30s ', PT30S",
    })
    void parse_readsEveryShortUnitAndCombination(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({
        "PT1M30S, PT1M30S",
        "PT15S, PT15S",
        "PT0.25S, PT0.25S",
        "PT1.000000001S, PT1.000000001S",
        "PT2H, PT2H",
        "PT1H30M, PT1H30M",
        "P1D, PT24H",
        "P1DT12H, PT36H",
        "PT0S, PT0S",
        "' PT20M ', PT20M",
    })
    void parse_readsIso8601InUpperCase(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "15x | \"15x\" has an unknown unit 'x': use d, h, m, s or ms, such as 30s, 5m, 1h or 1h30m",
                "-5s | \"-5s\" is negative; a duration is 0 or more, such as 30s, 5m, 1h or 1h30m",
                "-PT5S | \"-PT5S\" is negative; a duration is 0 or more, such as 30s, 5m, 1h or 1h30m",
                "5 | \"5\" has no unit: write 5s, 5m or 5h",
                "5M | \"5M\" has the unit 'M': write units in lower case, as in 5m",
                "20H | \"20H\" has the unit 'H': write units in lower case, as in 20h",
                "1H30M | \"1H30M\" has the unit 'H': write units in lower case, as in 1h30m",
                "30m1h | \"30m1h\" is not a duration: give each unit once, the largest first, as in 1h30m",
                "1h 30m | \"1h 30m\" is not a duration: use a whole number and a unit (d, h, m, s, ms), such as 30s, 5m, 1h"
                        + " or 1h30m, or ISO-8601 such as PT1M30S",
                "1.5h | \"1.5h\" is not a duration: '.' is not a unit; use d, h, m, s or ms, such as 30s, 5m, 1h or 1h30m",
                "one minute | \"one minute\" is not a duration: use a whole number and a unit (d, h, m, s, ms), such as 30s,"
                        + " 5m, 1h or 1h30m, or ISO-8601 such as PT1M30S",
                "pt1m | \"pt1m\" is an ISO-8601 duration with lower-case letters: write it in upper case, as in PT1M (or in"
                        + " the short form, such as 30s, 5m, 1h or 1h30m)",
                "PT1m30s | \"PT1m30s\" is an ISO-8601 duration with lower-case letters: write it in upper case, as in PT1M30S"
                        + " (or in the short form, such as 30s, 5m, 1h or 1h30m)",
                "P1M | \"P1M\" is not a duration: years, months and weeks have no fixed length; write days (P30D) or, for"
                        + " minutes, put them after T (PT30M)",
                "P1Y | \"P1Y\" is not a duration: years, months and weeks have no fixed length; write days (P30D) or, for"
                        + " minutes, put them after T (PT30M)",
                "P2W | \"P2W\" is not a duration: years, months and weeks have no fixed length; write days (P30D) or, for"
                        + " minutes, put them after T (PT30M)",
                "PT | \"PT\" is not an ISO-8601 duration: write P, days, then T and hours, minutes and seconds, as in PT1M30S,"
                        + " PT0.25S or P1DT12H",
                "PT30S1M | \"PT30S1M\" is not an ISO-8601 duration: write P, days, then T and hours, minutes and seconds, as"
                        + " in PT1M30S, PT0.25S or P1DT12H",
                "PT1.5M | \"PT1.5M\" is not an ISO-8601 duration: write P, days, then T and hours, minutes and seconds, as in"
                        + " PT1M30S, PT0.25S or P1DT12H",
                "PT-5S | \"PT-5S\" is not an ISO-8601 duration: write P, days, then T and hours, minutes and seconds, as in"
                        + " PT1M30S, PT0.25S or P1DT12H",
                "99999999999999999999s | \"99999999999999999999s\" is too long a duration",
                "9223372036854775807d | \"9223372036854775807d\" is too long a duration",
                "P9223372036854775807D | \"P9223372036854775807D\" is too long a duration",
            })
    void parse_saysWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void parse_ofNothing_saysWhatIsExpected() {
        assertThatThrownBy(() -> Durations.parse("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a duration such as 30s, 5m, 1h or 1h30m, got nothing");
    }

    @Test
    void parse_ofDigitsOfOtherScripts_refusesThem() {
        assertThatThrownBy(() -> Durations.parse("\u0665s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration");
    }

    @ParameterizedTest
    @CsvSource({
        "PT0S, 0s",
        "PT30S, 30s",
        "PT90S, 90s",
        "PT15M, 15m",
        "PT90M, 90m",
        "PT2H, 2h",
        "PT72H, 72h",
        "PT168H, 168h",
        "PT1.5S, 1500ms",
        "PT0.25S, 250ms",
        "PT1.000000001S, 1s1ns",
        "PT1.500000001S, 1s500000001ns",
        "PT0.000000250S, 250ns",
        "PT-5S, -5s",
        "PT-1.5S, -1500ms",
    })
    void format_writesTheLargestExactUnit(String duration, String text) {
        assertThat(Durations.format(Duration.parse(duration))).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "30s", "90s", "15m", "90m", "2h", "168h", "1500ms", "1s1ns", "250ns"})
    void format_ofParse_givesTheCanonicalTextBack(String text) {
        assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"1h30m", "PT1M30S", "1d", "P1DT12H", "15s500ms", "PT0.25S", "1d2h3m4s5ms6ns", "PT1.000000001S"})
    void parse_ofFormat_ofParse_isTheSameDuration(String text) {
        Duration duration = Durations.parse(text);

        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 59, 60, 61, 3599, 3600, 3601, 86_400, 604_800, 1_000_000, Long.MAX_VALUE / 1000})
    void format_andParse_roundTripWholeSeconds(long seconds) {
        Duration duration = Duration.ofSeconds(seconds);

        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }

    @ParameterizedTest
    @ValueSource(
            longs = {
                1,
                999,
                1_000,
                1_001,
                999_999,
                1_000_000,
                1_000_001,
                123_456_789,
                1_000_000_000_123L,
                Long.MAX_VALUE
            })
    void format_andParse_roundTripNanoseconds(long nanos) {
        Duration duration = Duration.ofNanos(nanos);

        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }

    @Test
    void format_andParse_roundTripTheLongestDuration() {
        Duration longest = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

        assertThat(Durations.parse(Durations.format(longest))).isEqualTo(longest);
    }

    @Test
    void format_ofNull_namesTheArgument() {
        assertThatThrownBy(() -> Durations.format(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("duration");
    }
}
