package io.github.httpssetup.testing;

/** No AWS emulator could be found or started; the message says what was tried and how to get one. */
public final class EmulatorUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EmulatorUnavailableException(String message) {
        super(message);
    }

    public EmulatorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
