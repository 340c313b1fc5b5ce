package io.github.httpssetup.yaml;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Durations as the file writes them: a whole number and a unit, or several from the largest unit to the smallest:
 * {@code 15s}, {@code 5m}, {@code 1h}, {@code 1h30m}, {@code 250ms}. Units: {@code d}, {@code h}, {@code m},
 * {@code s}, {@code ms}, {@code ns}. Whether a duration must be whole seconds, and its range, is the core's to check.
 */
final class Durations {
    /** The units, largest first; a duration lists each at most once, in this order. */
    private static final List<Unit> UNITS = List.of(
            new Unit("d", Duration.ofDays(1)),
            new Unit("h", Duration.ofHours(1)),
            new Unit("m", Duration.ofMinutes(1)),
            new Unit("s", Duration.ofSeconds(1)),
            new Unit("ms", Duration.ofMillis(1)),
            new Unit("ns", Duration.ofNanos(1)));

    static final String EXAMPLES = "such as 30s, 5m, 1h or 1h30m";

    private Durations() {
    }

    /**
     * Reads a duration.
     *
     * @param text the text, such as {@code 1h30m}
     * @return the duration
     * @throws IllegalArgumentException with a message saying what is wrong and how to write it
     */
    static Duration parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("expected a duration " + EXAMPLES + ", got nothing");
        }
        if (trimmed.startsWith("-")) {
            throw new IllegalArgumentException(quote(text) + " is negative; a duration is 0 or more, " + EXAMPLES);
        }
        if (trimmed.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(quote(text) + " has no unit: write " + trimmed + "s, " + trimmed
                    + "m or " + trimmed + "h");
        }
        Duration total = Duration.ZERO;
        int position = 0;
        int lastUnit = -1;
        while (position < trimmed.length()) {
            int digitsEnd = position;
            while (digitsEnd < trimmed.length() && Character.isDigit(trimmed.charAt(digitsEnd))) {
                digitsEnd++;
            }
            if (digitsEnd == position) {
                throw new IllegalArgumentException(quote(text) + " is not a duration: use a whole number and a unit"
                        + " (d, h, m, s, ms), " + EXAMPLES);
            }
            int unitEnd = digitsEnd;
            while (unitEnd < trimmed.length() && Character.isLetter(trimmed.charAt(unitEnd))) {
                unitEnd++;
            }
            String unitText = trimmed.substring(digitsEnd, unitEnd);
            int unitIndex = unitIndex(unitText);
            if (unitText.isEmpty()) {
                throw new IllegalArgumentException(quote(text) + " is not a duration: "
                        + (digitsEnd < trimmed.length() ? "'" + trimmed.charAt(digitsEnd) + "' is not a unit; "
                        : "the last number has no unit; ") + "use d, h, m, s or ms, " + EXAMPLES);
            }
            if (unitIndex < 0 && unitIndex(unitText.toLowerCase(Locale.ROOT)) >= 0) {
                throw new IllegalArgumentException(quote(text) + " has the unit '" + unitText + "': write units in"
                        + " lower case, as in " + trimmed.toLowerCase(Locale.ROOT));
            }
            if (unitIndex < 0) {
                throw new IllegalArgumentException(quote(text) + " has an unknown unit '" + unitText
                        + "': use d, h, m, s or ms, " + EXAMPLES);
            }
            if (unitIndex <= lastUnit) {
                throw new IllegalArgumentException(quote(text) + " is not a duration: give each unit once, the largest"
                        + " first, as in 1h30m");
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

    /**
     * Writes a duration so that {@link #parse} reads it back exactly: in one unit when it is whole hours, minutes,
     * seconds or milliseconds ({@code 2h}, {@code 15m}, {@code 90s}, {@code 1500ms}), as the core writes it in its
     * messages; otherwise in seconds and nanoseconds.
     *
     * @param duration a duration of 0 or more
     * @return the text, such as {@code 30s}
     */
    static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a negative duration cannot be written: " + duration);
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

    private record Unit(String name, Duration length) {
    }
}
