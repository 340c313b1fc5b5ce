package io.github.httpssetup.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one way durations are written, in the YAML file, on the command line ({@code -Dhttps-setup.waitTimeout=1h30m})
 * and in messages. Two forms are read:
 * <ul>
 *   <li><b>short</b>: a whole number and a unit, or several from the largest unit to the smallest, each unit at most
 *       once: {@code 90s}, {@code 2m}, {@code 1h30m}, {@code 250ms}, {@code 1d}. Units: {@code d} (24 hours),
 *       {@code h}, {@code m} (minutes), {@code s}, {@code ms}, {@code ns}. Units are <b>lower case only</b>:
 *       {@code 20M} is refused with a message rather than read as minutes (or months).</li>
 *   <li><b>ISO-8601</b>, as {@link Duration#toString()} writes it: {@code PT1M30S}, {@code PT0.25S}, {@code P1D},
 *       {@code P1DT12H}. Letters are <b>upper case only</b>, as ISO-8601 writes them: {@code P}, {@code D},
 *       {@code T}, {@code H}, {@code M}, {@code S}. {@code M} after {@code T} is minutes; months and years
 *       ({@code P1M}, {@code P1Y}) and weeks have no fixed length and are refused.</li>
 * </ul>
 * Surrounding spaces are ignored; a duration is never negative. Whether a setting takes whole seconds, and its range,
 * is the validator's to check: {@code 250ms} is a duration, though {@code targets.deregistrationDelay} refuses it.
 *
 * <p>{@link #format} writes the short form, which {@link #parse} reads back exactly:
 * <pre>{@code
 * Durations.parse("1h30m");                   // PT1H30M
 * Durations.parse("PT1M30S");                 // PT1M30S
 * Durations.format(Duration.ofSeconds(90));   // "90s"
 * Durations.format(Duration.ofMinutes(90));   // "90m"
 * }</pre>
 */
public final class Durations {
    /** Examples of the grammar, for messages: {@code "such as 30s, 5m, 1h or 1h30m"}. */
    public static final String EXAMPLES = "such as 30s, 5m, 1h or 1h30m";

    /** The short form's units, largest first; a duration lists each at most once, in this order. */
    private static final List<Unit> UNITS = List.of(
            new Unit("d", Duration.ofDays(1)),
            new Unit("h", Duration.ofHours(1)),
            new Unit("m", Duration.ofMinutes(1)),
            new Unit("s", Duration.ofSeconds(1)),
            new Unit("ms", Duration.ofMillis(1)),
            new Unit("ns", Duration.ofNanos(1)));

    /** The ISO-8601 form this grammar reads: days, then {@code T} and hours, minutes and (fractional) seconds. */
    private static final Pattern ISO = Pattern.compile(
            "P(?=[0-9]|T[0-9])([0-9]+D)?(T(?=[0-9])([0-9]+H)?([0-9]+M)?" + "([0-9]+(\\.[0-9]{1,9})?S)?)?");
    /** What looks like an ISO-8601 duration, in any case: {@code P} then a digit or {@code T}. */
    private static final Pattern ISO_LIKE = Pattern.compile("[Pp]([0-9]|[Tt]).*");
    /** An ISO-8601 period with years, months or weeks before any {@code T}. */
    private static final Pattern ISO_PERIOD = Pattern.compile("P[^T]*[YMW].*");

    private static final String ISO_HOW =
            "write P, days, then T and hours, minutes and seconds, as in PT1M30S, PT0.25S" + " or P1DT12H";

    private Durations() {}

    /**
     * Reads a duration in either form.
     *
     * @param text the text, such as {@code 1h30m} or {@code PT1M30S}
     * @return the duration, 0 or more
     * @throws IllegalArgumentException when the text is not a duration, with a message that quotes it, says what is
     *                                  wrong and how to write it
     * @throws NullPointerException     when the text is {@code null}
     */
    public static Duration parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("expected a duration " + EXAMPLES + ", got nothing");
        }
        if (trimmed.startsWith("-")) {
            throw new IllegalArgumentException(quote(text) + " is negative; a duration is 0 or more, " + EXAMPLES);
        }
        if (ISO_LIKE.matcher(trimmed).matches()) {
            return parseIso(text, trimmed);
        }
        if (trimmed.chars().allMatch(c -> isDigit((char) c))) {
            throw new IllegalArgumentException(
                    quote(text) + " has no unit: write " + trimmed + "s, " + trimmed + "m or " + trimmed + "h");
        }
        return parseShort(text, trimmed);
    }

    /**
     * Writes a duration in the short form, in the largest unit that holds it exactly: {@code 0s}, {@code 2h},
     * {@code 15m}, {@code 90s}, {@code 1500ms}; a duration finer than milliseconds in seconds and nanoseconds
     * ({@code 1s1ns}). {@link #parse} reads every duration of 0 or more back exactly. A negative duration, which only a
     * message about a bad value shows, is written with a minus sign ({@code -1s}); {@link #parse} refuses it.
     *
     * @param duration the duration
     * @return the text, such as {@code 30s}
     * @throws NullPointerException when the duration is {@code null}
     */
    public static String format(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            return duration.getSeconds() == Long.MIN_VALUE ? duration.toString() : "-" + format(duration.negated());
        }
        long seconds = duration.getSeconds();
        int nanos = duration.getNano();
        if (nanos == 0) {
            if (seconds == 0) {
                return "0s";
            }
            if (seconds % 3600 == 0) {
                return seconds / 3600 + "h";
            }
            return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
        }
        if (nanos % 1_000_000 == 0 && seconds < Long.MAX_VALUE / 1000 - 1) {
            return seconds * 1000 + nanos / 1_000_000 + "ms";
        }
        return (seconds == 0 ? "" : seconds + "s") + nanos + "ns";
    }

    private static Duration parseIso(String text, String trimmed) {
        if (ISO.matcher(trimmed).matches()) {
            try {
                return Duration.parse(trimmed);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(quote(text) + " is too long a duration", e);
            }
        }
        String upper = trimmed.toUpperCase(Locale.ROOT);
        if (ISO.matcher(upper).matches()) {
            throw new IllegalArgumentException(quote(text) + " is an ISO-8601 duration with lower-case letters: write"
                    + " it in upper case, as in " + upper + " (or in the short form, " + EXAMPLES + ")");
        }
        if (ISO_PERIOD.matcher(upper).matches()) {
            throw new IllegalArgumentException(quote(text) + " is not a duration: years, months and weeks have no fixed"
                    + " length; write days (P30D) or, for minutes, put them after T (PT30M)");
        }
        throw new IllegalArgumentException(quote(text) + " is not an ISO-8601 duration: " + ISO_HOW);
    }

    private static Duration parseShort(String text, String trimmed) {
        Duration total = Duration.ZERO;
        int position = 0;
        int lastUnit = -1;
        while (position < trimmed.length()) {
            int digitsEnd = position;
            while (digitsEnd < trimmed.length() && isDigit(trimmed.charAt(digitsEnd))) {
                digitsEnd++;
            }
            if (digitsEnd == position) {
                throw new IllegalArgumentException(quote(text) + " is not a duration: use a whole number and a unit"
                        + " (d, h, m, s, ms), " + EXAMPLES + ", or ISO-8601 such as PT1M30S");
            }
            int unitEnd = digitsEnd;
            while (unitEnd < trimmed.length() && Character.isLetter(trimmed.charAt(unitEnd))) {
                unitEnd++;
            }
            String unitText = trimmed.substring(digitsEnd, unitEnd);
            if (unitText.isEmpty()) {
                throw new IllegalArgumentException(quote(text) + " is not a duration: "
                        + (digitsEnd < trimmed.length()
                                ? "'" + trimmed.charAt(digitsEnd) + "' is not a unit; "
                                : "the last number has no unit; ")
                        + "use d, h, m, s or ms, " + EXAMPLES);
            }
            int unitIndex = unitIndex(unitText);
            if (unitIndex < 0 && unitIndex(unitText.toLowerCase(Locale.ROOT)) >= 0) {
                throw new IllegalArgumentException(quote(text) + " has the unit '" + unitText + "': write units in"
                        + " lower case, as in " + trimmed.toLowerCase(Locale.ROOT));
            }
            if (unitIndex < 0) {
                throw new IllegalArgumentException(
                        quote(text) + " has an unknown unit '" + unitText + "': use d, h, m, s or ms, " + EXAMPLES);
            }
            if (unitIndex <= lastUnit) {
                throw new IllegalArgumentException(
                        quote(text) + " is not a duration: give each unit once, the largest" + " first, as in 1h30m");
            }
            lastUnit = unitIndex;
            try {
                long amount = Long.parseLong(trimmed.substring(position, digitsEnd));
                total = total.plus(UNITS.get(unitIndex).length.multipliedBy(amount));
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException(quote(text) + " is too long a duration", e);
            }
            position = unitEnd;
        }
        return total;
    }

    /** ASCII digits only: {@link Character#isDigit} also takes other scripts' digits, which {@code parseLong} reads. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int unitIndex(String unit) {
        for (int i = 0; i < UNITS.size(); i++) {
            if (UNITS.get(i).name.equals(unit)) {
                return i;
            }
        }
        return -1;
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    private record Unit(String name, Duration length) {}
}
