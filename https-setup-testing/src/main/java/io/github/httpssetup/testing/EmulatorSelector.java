package io.github.httpssetup.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides which emulator a test run uses. Pure: everything it looks at comes through {@link Host}, so
 * the order can be unit-tested without touching the machine.
 */
final class EmulatorSelector {

    static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL";
    static final String REQUIRE_VARIABLE = "HTTPS_SETUP_REQUIRE_EMULATOR";
    static final String LOCALSTACK_TOKEN_VARIABLE = "LOCALSTACK_AUTH_TOKEN";

    /** What the selector may ask of the machine. */
    interface Host {
        Optional<String> variable(String name);

        /** The executable with that name on {@code PATH}, if any. */
        Optional<Path> onPath(String executable);

        /** Whether Testcontainers is on the class path and a Docker engine answers. */
        boolean dockerAvailable();
    }

    /** The outcome: an emulator to use, or the reason there is none. */
    record Selection(EmulatorKind kind, URI endpoint, Path executable, String skipReason) {
        static Selection of(EmulatorKind kind, URI endpoint, Path executable) {
            return new Selection(kind, endpoint, executable, null);
        }

        static Selection none(String reason) {
            return new Selection(null, null, null, reason);
        }

        boolean found() {
            return kind != null;
        }
    }

    private EmulatorSelector() {}

    /** The emulator to use: the first of {@link #candidates}, or none with the reason. */
    static Selection select(Host host) {
        List<Selection> candidates = candidates(host, EmulatorProfile.of(host));
        return candidates.isEmpty() ? Selection.none(noEmulatorMessage()) : candidates.get(0);
    }

    /**
     * Every emulator this machine could provide, in the order they are tried. An explicit endpoint is
     * the only candidate when set: the user asked for it, nothing else is tried behind their back. The
     * strict profile patches moto before it starts, so it can only use the pinned moto the harness installs.
     */
    static List<Selection> candidates(Host host, EmulatorProfile profile) {
        Optional<String> endpoint =
                host.variable(ENDPOINT_VARIABLE).map(String::trim).filter(s -> !s.isEmpty());
        if (profile == EmulatorProfile.STRICT) {
            if (endpoint.isPresent()) {
                throw new EmulatorUnavailableException("The strict emulator profile starts its own moto, but "
                        + ENDPOINT_VARIABLE + " names one to use as is. Unset " + ENDPOINT_VARIABLE + ", or set "
                        + EmulatorProfile.VARIABLE + "=lenient to test against that endpoint.");
            }
            return host.onPath("python3")
                    .map(p -> List.of(Selection.of(EmulatorKind.MOTO_VIRTUALENV, null, p)))
                    .orElse(List.of());
        }
        if (endpoint.isPresent()) {
            return List.of(Selection.of(EmulatorKind.ENDPOINT, parseEndpoint(endpoint.get()), null));
        }
        List<Selection> candidates = new ArrayList<>();
        host.onPath("moto_server").ifPresent(p -> candidates.add(Selection.of(EmulatorKind.MOTO_ON_PATH, null, p)));
        host.onPath("python3").ifPresent(p -> candidates.add(Selection.of(EmulatorKind.MOTO_VIRTUALENV, null, p)));
        if (host.variable(LOCALSTACK_TOKEN_VARIABLE).filter(s -> !s.isBlank()).isPresent() && host.dockerAvailable()) {
            candidates.add(Selection.of(EmulatorKind.LOCALSTACK, null, null));
        }
        return candidates;
    }

    private static URI parseEndpoint(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new EmulatorUnavailableException(
                    ENDPOINT_VARIABLE + "=" + value
                            + " is not a URI; set it to the emulator's base URL, e.g. http://localhost:5000",
                    e);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new EmulatorUnavailableException(ENDPOINT_VARIABLE + "=" + value
                    + " has no scheme or host; set it to the emulator's base URL, e.g. http://localhost:5000");
        }
        return uri;
    }

    static boolean required(Host host) {
        return host.variable(REQUIRE_VARIABLE)
                .map(v -> v.trim().equalsIgnoreCase("true"))
                .orElse(false);
    }

    static String noEmulatorMessage() {
        return "No AWS emulator available: " + ENDPOINT_VARIABLE + " is not set, neither moto_server nor python3 is on"
                + " PATH, and Docker with " + LOCALSTACK_TOKEN_VARIABLE + " is not available. To run these tests,"
                + " install Python 3 (a pinned moto " + MotoInstallation.MOTO_VERSION + " is then installed"
                + " automatically), or run `pip install \"moto[server]==" + MotoInstallation.MOTO_VERSION + "\"`,"
                + " or start an emulator yourself and set " + ENDPOINT_VARIABLE + "=http://localhost:5000.";
    }
}
