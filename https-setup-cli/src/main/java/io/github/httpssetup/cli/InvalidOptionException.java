package io.github.httpssetup.cli;

import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetupException;

/** An option the command line cannot use (a missing file, a bad duration or URL, a missing confirmation). */
final class InvalidOptionException extends HttpsSetupException {
    private static final long serialVersionUID = 1L;

    InvalidOptionException(ErrorCode code, String message) {
        super(code, message);
    }
}
