package io.github.httpssetup.yaml;

import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetupException;
import java.util.List;

/**
 * An {@code https-setup.yaml} that cannot be turned into an {@link io.github.httpssetup.core.HttpsSetup}: it cannot be
 * read, is not valid YAML, has unknown keys or values of the wrong type, or describes an invalid setup. Carries every
 * problem found, each with its line and column; the message renders them all the way a compiler does, followed by a
 * count:
 *
 * <pre>
 * https-setup.yaml:9:9: targets.port: 80800 is not a port (1-65535)
 *     port: 80800
 *           ^
 * 1 problem in https-setup.yaml
 * </pre>
 *
 * <p>Its {@link #code()} is {@link ErrorCode#INVALID_SPEC}. When the problems include the core's own checks, the
 * {@link io.github.httpssetup.core.InvalidSpecException} is the cause.
 */
public final class YamlConfigException extends HttpsSetupException {
    private static final long serialVersionUID = 1L;

    /** At most this many problems are rendered in the message, as compilers do; {@link #problems()} has them all. */
    static final int MAX_RENDERED = 100;

    /** The problems; a {@code List.copyOf}, serializable. */
    private final List<YamlProblem> problems;

    /**
     * An exception for the given problems.
     *
     * @param problems the problems, at least one, in the order to show them
     * @throws IllegalArgumentException when there is no problem
     */
    public YamlConfigException(List<YamlProblem> problems) {
        this(problems, null);
    }

    /**
     * An exception for the given problems, caused by another exception.
     *
     * @param problems the problems, at least one, in the order to show them
     * @param cause    what caused them, such as an I/O error or the core's validation; may be {@code null}
     * @throws IllegalArgumentException when there is no problem
     */
    public YamlConfigException(List<YamlProblem> problems, Throwable cause) {
        super(ErrorCode.INVALID_SPEC, message(problems), cause);
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem found, in the order of the file.
     *
     * @return the problems, unmodifiable, never empty
     */
    public List<YamlProblem> problems() {
        return problems;
    }

    private static String message(List<YamlProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a YamlConfigException needs at least one problem");
        }
        StringBuilder message = new StringBuilder();
        int shown = Math.min(problems.size(), MAX_RENDERED);
        for (int i = 0; i < shown; i++) {
            message.append(problems.get(i).render()).append('\n');
        }
        if (problems.size() > shown) {
            message.append("... ").append(problems.size() - shown).append(" more not shown\n");
        }
        int count = problems.size();
        return message.append(count)
                .append(count == 1 ? " problem in " : " problems in ")
                .append(problems.get(0).file())
                .toString();
    }
}
