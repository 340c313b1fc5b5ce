package io.github.httpssetup.yaml;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What a scalar is, decided by its text and whether it is quoted, as YAML 1.2's core schema does: unquoted
 * {@code true}/{@code false} are booleans, unquoted whole numbers are numbers, unquoted {@code null}, {@code ~} or
 * nothing is null, and everything else, including {@code yes}, {@code no}, {@code on} and {@code off}, is a string.
 * SnakeYAML's own YAML 1.1 typing is not used.
 */
final class Scalars {
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final int MAX_SHOWN = 60;

    private Scalars() {}

    static boolean isPlain(ScalarNode node) {
        return node.getScalarStyle() == ScalarStyle.PLAIN;
    }

    /** {@return whether the node is an unquoted null: {@code null}, {@code ~} or nothing} */
    static boolean isNull(Node node) {
        if (!(node instanceof ScalarNode) || !isPlain((ScalarNode) node)) {
            return false;
        }
        String value = ((ScalarNode) node).getValue();
        return value.isEmpty() || value.equals("~") || value.equalsIgnoreCase("null");
    }

    static boolean isBoolean(String text) {
        return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
    }

    static boolean isInteger(String text) {
        return INTEGER.matcher(text).matches();
    }

    /** {@return what a node is, for "expected ..., got ..." messages} */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        if (isNull(scalar)) {
            return "nothing";
        }
        return describe(scalar.getValue(), scalar.getScalarStyle());
    }

    /** {@return what a scalar's (interpolated) text is, for "expected ..., got ..." messages} */
    static String describe(String text, ScalarStyle style) {
        if (style == ScalarStyle.PLAIN) {
            if (isBoolean(text)) {
                return "the boolean " + text;
            }
            if (NUMBER.matcher(text).matches()) {
                return "the number " + text;
            }
            return quote(text);
        }
        if (style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED) {
            return "a block of text";
        }
        return "the string " + quote(text);
    }

    /** {@return the text in double quotes, shortened when long} */
    static String quote(String text) {
        String shown = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN - 3) + "..." : text;
        return "\"" + shown.replace("\n", "\\n") + "\"";
    }
}
