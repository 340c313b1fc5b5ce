package io.github.httpssetup.core;

import java.util.List;
import java.util.stream.Collectors;

/** An {@link HttpsSetup} description is invalid. Thrown by {@code build()}, before any AWS call. */
public final class InvalidSpecException extends HttpsSetupException {
    private static final long serialVersionUID = 1L;

    private final List<Violation> violations;

    public InvalidSpecException(List<Violation> violations) {
        super(ErrorCode.INVALID_SPEC, message(violations));
        this.violations = List.copyOf(violations);
    }

    /** Every problem found, in property order. */
    public List<Violation> violations() {
        return violations;
    }

    private static String message(List<Violation> violations) {
        return "Invalid https-setup description (" + violations.size()
                + (violations.size() == 1 ? " problem" : " problems") + "):"
                + violations.stream().map(v -> "\n  " + v).collect(Collectors.joining());
    }
}
