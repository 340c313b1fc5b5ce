package io.github.httpssetup.cli;

import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetupException;

/** The exit codes of {@code https-setup}, for scripts. {@code --help} and the README list them. */
final class ExitCode {
    /** Done; for {@code plan --detailed-exitcode}: AWS matches the description. */
    static final int OK = 0;
    /** The run failed: AWS refused a call, a wait timed out, a conflict stopped apply, ... */
    static final int ERROR = 1;
    /** {@code plan --detailed-exitcode}: apply would change something (or a conflict blocks it). */
    static final int CHANGES = 2;
    /** Invalid input: the YAML file, an option or the command line; nothing was called (sysexits' EX_USAGE). */
    static final int INVALID_INPUT = 64;

    private ExitCode() {}

    /** The exit code of a run that stopped on this exception. */
    static int of(HttpsSetupException e) {
        return e.code() == ErrorCode.INVALID_SPEC
                        || e.code() == ErrorCode.NOT_EXPORTABLE
                        || e instanceof InvalidOptionException
                ? INVALID_INPUT
                : ERROR;
    }
}
