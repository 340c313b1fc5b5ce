package io.github.httpssetup.core;

import java.time.Duration;

/**
 * The numeric ranges a description must keep, with AWS's real limits, said once: the validator checks them and words
 * its messages from them, and a test of the YAML module checks that the JSON Schema's minimums and maximums say the
 * same.
 */
final class Limits {
    /** A TCP port. */
    static final IntRange PORT = new IntRange(1, 65535);
    /** Consecutive checks before a target is healthy or unhealthy (ELBv2 HealthyThresholdCount and its twin). */
    static final IntRange HEALTH_CHECK_THRESHOLD = new IntRange(2, 10);
    /** Years Route 53 Domains registers a domain for (RegisterDomain DurationInYears). */
    static final IntRange REGISTRATION_YEARS = new IntRange(1, 10);

    static final DurationRange WAIT_TIMEOUT =
            new DurationRange(Duration.ofSeconds(1), Duration.ofHours(2), "1s-2h", null, false);
    static final DurationRange VALIDATION_TIMEOUT = new DurationRange(
            Duration.ofSeconds(1),
            Duration.ofHours(72),
            "1s-72h",
            "ACM gives up a pending DNS validation after 72 hours",
            false);
    /** ELBv2 deregistration_delay.timeout_seconds. */
    static final DurationRange DEREGISTRATION_DELAY =
            new DurationRange(Duration.ZERO, Duration.ofSeconds(3600), "0s-3600s", null, true);
    /** ELBv2 stickiness.lb_cookie.duration_seconds. */
    static final DurationRange STICKINESS = new DurationRange(
            Duration.ofSeconds(1),
            Duration.ofDays(7),
            "1s-604800s",
            "a load-balancer cookie lasts at most 7 days",
            true);
    /** ELBv2 HealthCheckIntervalSeconds. */
    static final DurationRange HEALTH_CHECK_INTERVAL =
            new DurationRange(Duration.ofSeconds(5), Duration.ofSeconds(300), "5s-300s", null, true);
    /** ELBv2 HealthCheckTimeoutSeconds. */
    static final DurationRange HEALTH_CHECK_TIMEOUT =
            new DurationRange(Duration.ofSeconds(2), Duration.ofSeconds(120), "2s-120s", null, true);
    /** ELBv2 idle_timeout.timeout_seconds. */
    static final DurationRange IDLE_TIMEOUT =
            new DurationRange(Duration.ofSeconds(1), Duration.ofSeconds(4000), "1s-4000s", null, true);

    /** Strict-Transport-Security max-age: 0 (forget) to 2 years, the longest the HSTS preload list asks for. */
    static final DurationRange HSTS_MAX_AGE = new DurationRange(
            Duration.ZERO,
            Duration.ofDays(730),
            "0s-730d",
            "two years is the longest max-age the HSTS preload list suggests",
            true);

    private Limits() {}

    /** Whole numbers from {@code min} to {@code max}, both included. */
    record IntRange(int min, int max) {
        boolean contains(int value) {
            return value >= min && value <= max;
        }

        /** {@return the range as messages write it: {@code 1-65535}} */
        String text() {
            return min + "-" + max;
        }
    }

    /**
     * Durations from {@code min} to {@code max}, both included.
     *
     * @param text         the range as messages write it, in the unit AWS takes the setting in ({@code 0s-3600s});
     *                     a test checks that it reads back as {@code min} and {@code max}
     * @param why          why the range is what it is, or {@code null}
     * @param wholeSeconds whether AWS takes the value in whole seconds
     */
    record DurationRange(Duration min, Duration max, String text, String why, boolean wholeSeconds) {
        boolean contains(Duration value) {
            return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
        }
    }
}
