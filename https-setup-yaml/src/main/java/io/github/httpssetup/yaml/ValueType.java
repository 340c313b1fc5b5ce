package io.github.httpssetup.yaml;

import io.github.httpssetup.core.Durations;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The type of a value in the file: how its node is read (reporting what is wrong with it) and how a value is written
 * back. Ranges and formats of the values themselves (a port is 1-65535, an instance id starts with {@code i-}) are the
 * core's to check, so that the rules live in one place.
 *
 * @param <V> the Java type of the value
 */
abstract class ValueType<V> {

    /** Text. Unquoted numbers are taken as written ({@code zipCode: 98101}); booleans and nothing are not text. */
    static final ValueType<String> STRING = new ValueType<>() {
        @Override
        String expected() {
            return "a string";
        }

        @Override
        String read(Binder binder, Node node, String path) {
            ScalarNode scalar = binder.scalar(node, path, this);
            if (scalar == null) {
                return null;
            }
            if (Scalars.isPlain(scalar) && Scalars.isBoolean(scalar.getValue())) {
                binder.problem(
                        node,
                        path,
                        "expected a string, got the boolean " + scalar.getValue() + ": write \"" + scalar.getValue()
                                + "\" in quotes if you mean the text");
                return null;
            }
            return binder.text(scalar, path);
        }

        @Override
        Object write(String value) {
            return Variables.escape(value);
        }
    };

    /** A whole number, unquoted. */
    static final ValueType<Integer> INTEGER = new ValueType<>() {
        @Override
        String expected() {
            return "a whole number";
        }

        @Override
        Integer read(Binder binder, Node node, String path) {
            ScalarNode scalar = binder.scalar(node, path, this);
            String text = scalar == null ? null : binder.text(scalar, path);
            if (text == null) {
                return null;
            }
            String trimmed = text.trim();
            if (!binder.unquoted(scalar)) {
                binder.problem(
                        node,
                        path,
                        "expected a whole number, got " + Scalars.describe(text, scalar.getScalarStyle())
                                + (Scalars.isInteger(trimmed) ? ": remove the quotes" : ""));
                return null;
            }
            if (!Scalars.isInteger(trimmed)) {
                binder.problem(node, path, "expected a whole number, got " + Scalars.describe(text, ScalarStyle.PLAIN));
                return null;
            }
            BigInteger number = new BigInteger(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed);
            if (number.bitLength() >= Integer.SIZE) {
                binder.problem(node, path, trimmed + " is too large a number");
                return null;
            }
            return number.intValue();
        }

        @Override
        Object write(Integer value) {
            return value;
        }
    };

    /** {@code true} or {@code false}, unquoted, in any case. */
    static final ValueType<Boolean> BOOLEAN = new ValueType<>() {
        @Override
        String expected() {
            return "true or false";
        }

        @Override
        Boolean read(Binder binder, Node node, String path) {
            ScalarNode scalar = binder.scalar(node, path, this);
            String text = scalar == null ? null : binder.text(scalar, path);
            if (text == null) {
                return null;
            }
            String trimmed = text.trim();
            if (!binder.unquoted(scalar) || !Scalars.isBoolean(trimmed)) {
                binder.problem(
                        node,
                        path,
                        "expected true or false, got " + Scalars.describe(text, binder.style(scalar))
                                + (Scalars.isBoolean(trimmed) ? ": remove the quotes" : ""));
                return null;
            }
            return Boolean.parseBoolean(trimmed.toLowerCase(Locale.ROOT));
        }

        @Override
        Object write(Boolean value) {
            return value;
        }
    };

    /** A duration such as {@code 30s}, see {@link Durations}. */
    static final ValueType<Duration> DURATION = new ValueType<>() {
        @Override
        String expected() {
            return "a duration " + Durations.EXAMPLES;
        }

        @Override
        Duration read(Binder binder, Node node, String path) {
            ScalarNode scalar = binder.scalar(node, path, this);
            if (scalar == null) {
                return null;
            }
            if (Scalars.isPlain(scalar) && Scalars.isBoolean(scalar.getValue())) {
                binder.problem(node, path, "expected " + expected() + ", got the boolean " + scalar.getValue());
                return null;
            }
            String text = binder.text(scalar, path);
            if (text == null) {
                return null;
            }
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                binder.problem(node, path, e.getMessage());
                return null;
            }
        }

        @Override
        Object write(Duration value) {
            return Durations.format(value);
        }
    };

    /**
     * One of an enum's constants, by its name in any case ({@code dualstack}, {@code DUALSTACK}); written in lower
     * case.
     *
     * @param otherName another accepted name of a constant, such as ACM's {@code EC_prime256v1}; may be {@code null}
     */
    static <E extends Enum<E>> ValueType<E> enumeration(Class<E> type, Function<E, String> otherName) {
        return new ValueType<>() {
            private final List<E> constants = Arrays.asList(type.getEnumConstants());

            @Override
            String expected() {
                return "one of " + names().stream().collect(Collectors.joining(", "));
            }

            @Override
            E read(Binder binder, Node node, String path) {
                ScalarNode scalar = binder.scalar(node, path, this);
                String text = scalar == null ? null : binder.text(scalar, path);
                if (text == null) {
                    return null;
                }
                String trimmed = text.trim();
                for (E constant : constants) {
                    if (constant.name().equalsIgnoreCase(trimmed)
                            || otherName != null && otherName.apply(constant).equalsIgnoreCase(trimmed)) {
                        return constant;
                    }
                }
                Optional<String> suggestion = Suggestions.nearest(trimmed, names());
                binder.problem(
                        node,
                        path,
                        "expected " + expected() + ", got " + Scalars.describe(text, binder.style(scalar))
                                + suggestion
                                        .map(s -> "; did you mean '" + s + "'?")
                                        .orElse(""));
                return null;
            }

            @Override
            Object write(E value) {
                return value.name().toLowerCase(Locale.ROOT);
            }

            private List<String> names() {
                return constants.stream()
                        .map(c -> c.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.toList());
            }
        };
    }

    /**
     * A list of strings, such as {@code [www.example.com]}.
     *
     * @param items what the items are, for messages: {@code "names"}, {@code "instance ids"}
     */
    static ValueType<List<String>> listOf(String items) {
        return new ValueType<>() {
            @Override
            String expected() {
                return "a list of " + items;
            }

            @Override
            List<String> read(Binder binder, Node node, String path) {
                if (node instanceof ScalarNode && !Scalars.isNull(node)) {
                    ScalarNode scalar = (ScalarNode) node;
                    binder.problem(
                            node,
                            path,
                            "expected " + expected() + ", got " + Scalars.describe(node) + ": write it as a list, ["
                                    + scalar.getValue() + "]");
                    return null;
                }
                SequenceNode sequence = binder.sequence(node, path, this);
                return sequence == null ? null : readItems(binder, sequence, path);
            }

            @Override
            Object write(List<String> value) {
                return value.stream().map(Variables::escape).collect(Collectors.toList());
            }
        };
    }

    /**
     * {@code auto} (the default, an empty list in the model) or a list of ids.
     *
     * @param items what the items are, for messages: {@code "subnet ids"}
     */
    static ValueType<List<String>> autoOrListOf(String items) {
        return new ValueType<>() {
            @Override
            String expected() {
                return "auto or a list of " + items;
            }

            @Override
            List<String> read(Binder binder, Node node, String path) {
                if (node instanceof ScalarNode && !Scalars.isNull(node)) {
                    ScalarNode scalar = (ScalarNode) node;
                    String text = binder.text(scalar, path);
                    if (text == null) {
                        return null;
                    }
                    if (text.trim().equalsIgnoreCase("auto")) {
                        return List.of();
                    }
                    binder.problem(
                            node,
                            path,
                            "expected " + expected() + ", got " + Scalars.describe(text, binder.style(scalar))
                                    + ": write auto, or a list such as [" + text + "]");
                    return null;
                }
                SequenceNode sequence = binder.sequence(node, path, this);
                return sequence == null ? null : readItems(binder, sequence, path);
            }

            @Override
            Object write(List<String> value) {
                return value.isEmpty()
                        ? "auto"
                        : value.stream().map(Variables::escape).collect(Collectors.toList());
            }
        };
    }

    /** Tags: a mapping of string keys to string values, such as {@code {team: web}}. */
    static final ValueType<Map<String, String>> STRING_MAP = new ValueType<>() {
        @Override
        String expected() {
            return "a mapping of tag keys to values, such as {team: web}";
        }

        @Override
        Map<String, String> read(Binder binder, Node node, String path) {
            MappingNode mapping = binder.mapping(node, path, expected());
            if (mapping == null) {
                return null;
            }
            Map<String, String> map = new LinkedHashMap<>();
            boolean valid = true;
            for (NodeTuple tuple : mapping.getValue()) {
                Node key = tuple.getKeyNode();
                if (!(key instanceof ScalarNode) || Scalars.isNull(key)) {
                    binder.problem(key, path, "expected a tag key, got " + Scalars.describe(key));
                    valid = false;
                    continue;
                }
                String keyText = ((ScalarNode) key).getValue();
                String entryPath = Paths.child(path, keyText);
                binder.locate(entryPath, key);
                String value = STRING.read(binder, tuple.getValueNode(), entryPath);
                valid &= value != null;
                map.put(keyText, value);
            }
            return valid ? map : null;
        }

        @Override
        Object write(Map<String, String> value) {
            Map<String, Object> map = new LinkedHashMap<>();
            value.forEach((k, v) -> map.put(k, Variables.escape(v)));
            return map;
        }
    };

    /** What a value must be, for messages: {@code "a whole number"}. */
    abstract String expected();

    /**
     * Reads a value, reporting through the binder what is wrong with it.
     *
     * @return the value; {@code null} when it is wrong (a problem was reported) or only its shape is checked
     */
    abstract V read(Binder binder, Node node, String path);

    /** {@return the value as SnakeYAML writes it: a String, Integer, Boolean, List or Map} */
    abstract Object write(V value);

    /** Reads every item of a list as a string; {@code null} when any is wrong, so that indexes never shift. */
    private static List<String> readItems(Binder binder, SequenceNode sequence, String path) {
        List<String> values = new ArrayList<>();
        boolean valid = true;
        int index = 0;
        for (Node item : sequence.getValue()) {
            String itemPath = Paths.item(path, index++);
            binder.locate(itemPath, item);
            String value = STRING.read(binder, item, itemPath);
            valid &= value != null;
            values.add(value);
        }
        return valid ? values : null;
    }
}
