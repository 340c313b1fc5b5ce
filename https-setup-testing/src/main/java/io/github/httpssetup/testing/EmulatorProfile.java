package io.github.httpssetup.testing;

import java.util.Locale;
import java.util.Optional;

/**
 * How closely the started moto answers like AWS.
 *
 * <p>{@link #LENIENT} is moto as released: every resource is ready at once and many of AWS's refusals are
 * missing. {@link #STRICT} starts moto through a launcher that patches its models first, so that the
 * behaviours an engine must cope with on AWS — eventual consistency, resources that take a while to become
 * ready, refusals moto does not implement — are there, each after a short configurable delay. The behaviours,
 * their AWS sources and their delay settings are listed in the README's testing section; each delay is read
 * from {@code HTTPS_SETUP_STRICT_<NAME>_SECONDS}.
 *
 * <p>Chosen with the system property {@code https-setup.emulator.profile} or the environment variable
 * {@code HTTPS_SETUP_EMULATOR_PROFILE} ({@code strict} or {@code lenient}); lenient when neither is set.
 * In Maven:
 *
 * <pre>{@code
 * <environmentVariables>
 *   <HTTPS_SETUP_EMULATOR_PROFILE>strict</HTTPS_SETUP_EMULATOR_PROFILE>
 * </environmentVariables>
 * }</pre>
 *
 * <p>The strict profile needs the harness to start moto itself from its pinned virtual environment: it is
 * not available with {@code AWS_ENDPOINT_URL} or LocalStack.
 */
public enum EmulatorProfile {
    /** moto as released. */
    LENIENT,
    /** moto patched to answer like AWS where the engine depends on it. */
    STRICT;

    /** The system property that selects the profile. */
    public static final String PROPERTY = "https-setup.emulator.profile";
    /** The environment variable that selects the profile when the system property is not set. */
    public static final String VARIABLE = "HTTPS_SETUP_EMULATOR_PROFILE";

    /** The profile the property or the variable names, lenient when neither is set. */
    static EmulatorProfile of(EmulatorSelector.Host host) {
        Optional<String> value = Optional.ofNullable(System.getProperty(PROPERTY)).filter(s -> !s.isBlank())
                .or(() -> host.variable(VARIABLE).filter(s -> !s.isBlank()));
        return value.map(EmulatorProfile::parse).orElse(LENIENT);
    }

    static EmulatorProfile parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new EmulatorUnavailableException(VARIABLE + " (or -D" + PROPERTY + ") is '" + value
                    + "'; set it to strict or lenient");
        }
    }
}
