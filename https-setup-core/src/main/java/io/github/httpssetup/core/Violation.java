package io.github.httpssetup.core;

import java.util.Objects;

/**
 * One problem in an {@link HttpsSetup} description: the property path (as in the YAML file, e.g.
 * {@code targets.port} or {@code domain.alternativeNames[1]}) and what is wrong with it.
 *
 * @param path    the property path, never empty
 * @param message what is wrong and what is allowed, e.g. {@code 80800 is not a port (1-65535)}
 */
public record Violation(String path, String message) {

    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code path: message}. */
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
