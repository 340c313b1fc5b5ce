package io.github.httpssetup.core;

import java.util.Objects;

/**
 * The one unchecked exception type of https-setup. Every instance carries an {@link ErrorCode} and a
 * message that says what is wrong and how to fix it; subclasses add structured details.
 */
public class HttpsSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public HttpsSetupException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public HttpsSetupException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** What kind of problem this is. */
    public ErrorCode code() {
        return code;
    }
}
