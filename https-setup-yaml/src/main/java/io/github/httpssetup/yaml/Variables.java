package io.github.httpssetup.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in scalar values with variables: the default is used when the
 * variable is unset or empty, as in a shell. <code>$${</code> writes a literal <code>${</code>. Keys are never interpolated.
 */
final class Variables {
    /** A variable name: letters, digits, {@code _} and {@code .} (for system properties), not starting with a digit. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    /** The environment first, then the Java system properties. */
    static final Function<String, String> ENVIRONMENT_THEN_SYSTEM_PROPERTIES = name -> {
        String value = System.getenv(name);
        return value != null ? value : System.getProperty(name);
    };

    private final Function<String, String> lookup;

    Variables(Function<String, String> lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /** A reference that could not be replaced, at a character offset of the value. */
    record Error(int offset, String reference, String message) {}

    /** The value with its references replaced, and the references that could not be. */
    record Result(String text, List<Error> errors) {}

    /** {@return whether the value refers to a variable or escapes one} (most values do not: they are left alone) */
    static boolean mayHaveReferences(String value) {
        return value.contains("${");
    }

    Result interpolate(String value) {
        if (!mayHaveReferences(value)) {
            return new Result(value, List.of());
        }
        StringBuilder text = new StringBuilder(value.length());
        List<Error> errors = new ArrayList<>();
        int i = 0;
        while (i < value.length()) {
            if (value.startsWith("$${", i)) {
                text.append("${");
                i += 3;
            } else if (value.startsWith("${", i)) {
                int end = value.indexOf('}', i + 2);
                if (end < 0) {
                    errors.add(new Error(
                            i,
                            value.substring(i),
                            "'${' is not closed: write ${NAME} or ${NAME:-default}," + " or $${ for a literal ${"));
                    text.append(value, i, value.length());
                    break;
                }
                String reference = value.substring(i, end + 1);
                String body = value.substring(i + 2, end);
                int separator = body.indexOf(":-");
                String name = separator < 0 ? body : body.substring(0, separator);
                String fallback = separator < 0 ? null : body.substring(separator + 2);
                if (!NAME.matcher(name).matches()) {
                    errors.add(
                            new Error(
                                    i,
                                    reference,
                                    "'" + reference + "' is not a variable reference: write"
                                            + " ${NAME} or ${NAME:-default} (NAME of letters, digits, _ and .), or $${ for a literal ${"));
                    text.append(reference);
                } else {
                    String replacement = lookup.apply(name);
                    if (fallback != null && (replacement == null || replacement.isEmpty())) {
                        replacement = fallback;
                    }
                    if (replacement == null) {
                        errors.add(new Error(
                                i,
                                reference,
                                "variable " + name + " is not set: set it in the"
                                        + " environment (or as a system property), or give a default: ${" + name
                                        + ":-value}"));
                        text.append(reference);
                    } else {
                        text.append(replacement);
                    }
                }
                i = end + 1;
            } else {
                text.append(value.charAt(i));
                i++;
            }
        }
        return new Result(text.toString(), errors);
    }

    /** {@return the value with <code>${</code> written as <code>$${</code>, so that interpolation gives it back} */
    static String escape(String value) {
        return value.replace("${", "$${");
    }
}
