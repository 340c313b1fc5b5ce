package io.github.httpssetup.yaml;

import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Walks the nodes of the file along the {@link FileFormat} tables, setting each value on its builder and reporting
 * every unknown key and wrong value, without stopping at the first. Remembers the node of every key path, so that the
 * core's violations ({@code targets.port}) can be shown at their line.
 *
 * <p>A shape-only binder checks keys and the kind of each value (mapping, list, scalar) without reading values or
 * variables; it checks the overrides of environments that are not loaded, where {@code null} removes a key.
 */
final class Binder {
    private final SourceText source;
    private final Problems problems;
    /** The variables; {@code null} when only the shape is checked. */
    private final Variables variables;

    private final Map<String, Node> locations = new HashMap<>();

    private Binder(SourceText source, Problems problems, Variables variables) {
        this.source = source;
        this.problems = problems;
        this.variables = variables;
    }

    /** A binder that reads values, interpolating variables. */
    static Binder reading(SourceText source, Problems problems, Variables variables) {
        return new Binder(source, problems, variables);
    }

    /** A binder that checks keys and kinds of values only, and allows {@code null} (which removes in an override). */
    static Binder shapeOnly(SourceText source, Problems problems) {
        return new Binder(source, problems, null);
    }

    /**
     * Reads the top level, without its {@value FileFormat#ENVIRONMENTS} (see {@link Environments}), onto a fresh
     * builder.
     *
     * @return the builder; in shape-only mode, {@code null}
     */
    HttpsSetup.Builder bindTopLevel(MappingNode root) {
        HttpsSetup.Builder builder = shapeOnly() ? null : HttpsSetup.builder();
        bindFields(FileFormat.ROOT, root, builder, "");
        return builder;
    }

    /** Reports the core's violations at the nodes of their paths, leaving out those the file's problems explain. */
    void reportViolations(List<Violation> violations, Node root) {
        // the file's own problems hide the violations around them, and a path shows its first violation only; the
        // core's violations at a list and at one of its items are both shown
        List<YamlProblem> found = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        for (Violation violation : violations) {
            if (!problems.touches(violation.path()) && paths.add(violation.path())) {
                found.add(source.problem(locationOf(violation.path(), root), violation.path(), violation.message()));
            }
        }
        problems.addAll(found);
    }

    /** The node of a path; for a path that is not in the file (a missing key), the nearest enclosing one. */
    private Node locationOf(String path, Node root) {
        for (String p = path; !p.isEmpty(); p = Paths.parent(p)) {
            Node node = locations.get(p);
            if (node != null) {
                return node;
            }
        }
        return root;
    }

    private <B, T> void bindFields(Fields<B, T> fields, MappingNode mapping, B builder, String path) {
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode) || Scalars.isNull(keyNode)) {
                problem(keyNode, path, "expected a key name, got " + Scalars.describe(keyNode));
                continue;
            }
            String key = ((ScalarNode) keyNode).getValue();
            String childPath = Paths.child(path, key);
            Field<B, T> field = fields.get(key);
            if (field == null) {
                unknownKey(fields, mapping, keyNode, key, path);
            } else {
                bindField(field, keyNode, tuple.getValueNode(), builder, childPath);
            }
        }
    }

    private <B, T> void bindField(Field<B, T> field, Node keyNode, Node valueNode, B builder, String path) {
        if (shapeOnly() && Scalars.isNull(valueNode)) {
            locate(path, keyNode);
        } else if (field instanceof Field.Value<B, T, ?> value) {
            locate(path, valueNode instanceof ScalarNode ? valueNode : keyNode);
            bindValue(value, valueNode, builder, path);
        } else if (field instanceof Field.Part<B, T, ?, ?> part) {
            locate(path, keyNode);
            bindPart(part, valueNode, builder, path);
        } else if (field instanceof Field.Named<B, T, ?, ?> named) {
            locate(path, keyNode);
            bindNamed(named, valueNode, builder, path);
        } else if (field instanceof Field.Items<B, T, ?, ?> items) {
            locate(path, keyNode);
            bindItems(items, valueNode, builder, path);
        } else if (field instanceof Field.Group<B, T> group) {
            locate(path, keyNode);
            MappingNode mapping = mapping(valueNode, path, group.fields().expected());
            if (mapping != null) {
                bindFields(group.fields(), mapping, builder, path);
            }
        }
    }

    private <B, T, V> void bindValue(Field.Value<B, T, V> field, Node valueNode, B builder, String path) {
        V value = field.type().read(this, valueNode, path);
        if (value != null && builder != null) {
            field.setter().accept(builder, value);
        }
    }

    private <B, T, C, S> void bindPart(Field.Part<B, T, C, S> field, Node valueNode, B builder, String path) {
        if (!field.shorthands().isEmpty() && valueNode instanceof ScalarNode scalar && !Scalars.isNull(valueNode)) {
            bindShorthand(field, scalar, builder, path);
            return;
        }
        MappingNode mapping = mapping(
                valueNode,
                path,
                field.fields().expected()
                        + (field.shorthands().isEmpty()
                                ? ""
                                : ", or "
                                        + String.join(" or ", field.shorthands().keySet())));
        if (mapping == null) {
            return;
        }
        C partBuilder = builder == null ? null : field.fields().newBuilder();
        bindFields(field.fields(), mapping, partBuilder, path);
        if (builder != null) {
            field.setter().accept(builder, field.fields().build(partBuilder));
        }
    }

    /**
     * Parts by name, such as {@code sites}: each name's path ({@code sites.blog}) is at its key, and a name with nothing
     * under it is passed on as {@code null} for the core to report (in an override, it removes the base's part).
     */
    private <B, T, C, S> void bindNamed(Field.Named<B, T, C, S> field, Node valueNode, B builder, String path) {
        MappingNode mapping = mapping(
                valueNode,
                path,
                "a mapping of " + field.fields().name() + " names to "
                        + field.fields().name() + "s, such as {shop:"
                        + " {domain: {name: example.com}, targets: {instanceIds: [i-0123456789abcdef0]}}}");
        if (mapping == null) {
            return;
        }
        Map<String, S> parts = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node nameNode = tuple.getKeyNode();
            if (!(nameNode instanceof ScalarNode) || Scalars.isNull(nameNode)) {
                problem(
                        nameNode,
                        path,
                        "expected a " + field.fields().name() + " name, got " + Scalars.describe(nameNode));
                continue;
            }
            String name = ((ScalarNode) nameNode).getValue();
            String partPath = Paths.child(path, name);
            locate(partPath, nameNode);
            Node partNode = tuple.getValueNode();
            if (Scalars.isNull(partNode)) {
                parts.put(name, null);
                continue;
            }
            MappingNode partMapping = mapping(partNode, partPath, field.fields().expected());
            if (partMapping == null) {
                parts.put(name, null);
                continue;
            }
            C partBuilder = builder == null ? null : field.fields().newBuilder();
            bindFields(field.fields(), partMapping, partBuilder, partPath);
            if (builder != null) {
                parts.put(name, field.fields().build(partBuilder));
            }
        }
        if (builder != null) {
            field.setter().accept(builder, parts);
        }
    }

    /** A list of parts, such as {@code routes}: each item's path ({@code sites.blog.routes[0]}) is at the item. */
    private <B, T, C, S> void bindItems(Field.Items<B, T, C, S> field, Node valueNode, B builder, String path) {
        String expected = "a list of " + field.fields().name() + "s, each "
                + field.fields().expected();
        if (valueNode instanceof MappingNode) {
            problem(
                    valueNode,
                    path,
                    "expected " + expected + ", got a mapping: write each "
                            + field.fields().name() + " as an item of a list, starting with '- '");
            return;
        }
        SequenceNode sequence;
        if (valueNode instanceof SequenceNode) {
            sequence = (SequenceNode) valueNode;
        } else {
            if (!(shapeOnly() && Scalars.isNull(valueNode))) {
                problem(valueNode, path, "expected " + expected + ", got " + Scalars.describe(valueNode));
            }
            return;
        }
        List<S> parts = new ArrayList<>();
        int index = 0;
        for (Node item : sequence.getValue()) {
            String itemPath = Paths.item(path, index++);
            locate(itemPath, item);
            MappingNode itemMapping = mapping(item, itemPath, field.fields().expected());
            if (itemMapping == null) {
                parts.add(null);
                continue;
            }
            C partBuilder = builder == null ? null : field.fields().newBuilder();
            bindFields(field.fields(), itemMapping, partBuilder, itemPath);
            parts.add(builder == null ? null : field.fields().build(partBuilder));
        }
        if (builder != null) {
            field.setter().accept(builder, parts);
        }
    }

    /** A word standing for a whole part, such as {@code securityHeaders: recommended}. */
    private <B, T, C, S> void bindShorthand(Field.Part<B, T, C, S> field, ScalarNode scalar, B builder, String path) {
        if (shapeOnly()) {
            return;
        }
        String text = text(scalar, path);
        if (text == null) {
            return;
        }
        S value = field.shorthands().get(text.trim().toLowerCase(java.util.Locale.ROOT));
        if (value == null) {
            Optional<String> suggestion =
                    Suggestions.nearest(text.trim(), field.shorthands().keySet());
            problem(
                    scalar,
                    path,
                    "expected " + String.join(" or ", field.shorthands().keySet()) + ", or "
                            + field.fields().expected() + "; got " + Scalars.describe(text, style(scalar))
                            + suggestion.map(s -> "; did you mean '" + s + "'?").orElse(""));
            return;
        }
        if (builder != null) {
            field.setter().accept(builder, value);
        }
    }

    /**
     * Reports an unknown key with the likeliest fix: the known key it misspells, or where the key belongs. A misspelled
     * key also explains the core's complaint that the key it misspells is missing, which is then not reported.
     */
    private void unknownKey(Fields<?, ?> fields, MappingNode mapping, Node keyNode, String key, String path) {
        List<String> known = path.isEmpty() ? FileFormat.topLevelKeys() : List.copyOf(fields.keys());
        Optional<String> suggestion = Suggestions.nearest(key, known);
        List<String> elsewhere = FileFormat.mappingsWithKey(key);
        if (missingColon(known, keyNode, key, path)) {
            return;
        }
        String message;
        if (key.equals("<<")) {
            message = "merge keys (<<) are not supported: write the keys out, or use environments: for variants";
        } else if (key.equals(FileFormat.ENVIRONMENTS)) {
            message = path.isEmpty()
                    ? "an environment cannot hold environments: of its own"
                    : "environments: belongs at the top of the file only";
        } else if (suggestion.isPresent()) {
            message = "unknown key '" + key + "'; did you mean '" + suggestion.get() + "'?"
                    + (suggestion.get().equalsIgnoreCase(key) ? " Keys are case-sensitive" : "");
            if (!hasKey(mapping, suggestion.get())) {
                problems.explain(Paths.child(path, suggestion.get()));
            }
        } else if (!elsewhere.isEmpty()) {
            message = "unknown key '" + key + "' here; it belongs in " + places(elsewhere);
        } else {
            message = "unknown key '" + key + "'; " + (path.isEmpty() ? "the top level" : path) + " takes "
                    + String.join(", ", known);
        }
        problem(keyNode, Paths.child(path, key), message);
    }

    /**
     * A known key written without its ':' before a value that holds one: {@code healthCheck { path: /health }} is valid
     * YAML, the key {@code "healthCheck { path"}. Reported at the known key, where the ':' belongs.
     *
     * @return whether it was such a key (and was reported)
     */
    private boolean missingColon(List<String> known, Node keyNode, String key, String path) {
        int space = key.indexOf(' ');
        if (space <= 0 || !Scalars.isPlain((ScalarNode) keyNode) || !known.contains(key.substring(0, space))) {
            return false;
        }
        String name = key.substring(0, space);
        Mark start = keyNode.getStartMark();
        String line = source.line(start.getLine() + 1);
        String written = line.substring(Math.min(
                line.length(),
                line.offsetByCodePoints(0, Math.min(start.getColumn(), line.codePointCount(0, line.length())))));
        int comment = written.indexOf(" #");
        written = (comment >= 0 ? written.substring(0, comment) : written).trim();
        String fixed = name + ": " + written.substring(name.length()).trim();
        problems.add(source.problem(
                start.getLine() + 1,
                start.getColumn() + name.length() + 1,
                Paths.child(path, name),
                "`" + written + "` has no ':' after the key; write `" + fixed + "`"));
        return true;
    }

    /** {@return the paths as a phrase: {@code targets, listeners.https or listeners.http}} */
    private static String places(List<String> paths) {
        List<String> names =
                paths.stream().map(p -> p.isEmpty() ? "the top level" : p).toList();
        return names.size() == 1
                ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static boolean hasKey(MappingNode mapping, String key) {
        return mapping.getValue().stream()
                .anyMatch(tuple -> tuple.getKeyNode() instanceof ScalarNode
                        && ((ScalarNode) tuple.getKeyNode()).getValue().equals(key));
    }

    // ------------------------------------------------------------------------------------ used by the value types

    boolean shapeOnly() {
        return variables == null;
    }

    void problem(Node node, String path, String message) {
        problems.add(source.problem(node, path, message));
    }

    /**
     * Whether a scalar's text is typed as unquoted: when it is, or when it is quoted only to hold a variable, as
     * <code>${VAR}</code> must be inside {@code [ ]} or {@code { }} ({@code port: "${PORT}"} is a number).
     */
    boolean unquoted(ScalarNode node) {
        return Scalars.isPlain(node) || Variables.mayHaveReferences(node.getValue());
    }

    /** {@return the style a scalar's text is typed by, see {@link #unquoted}} */
    ScalarStyle style(ScalarNode node) {
        return unquoted(node) ? ScalarStyle.PLAIN : node.getScalarStyle();
    }

    /** Remembers the node a path's problems are shown at. */
    void locate(String path, Node node) {
        locations.put(path, node);
    }

    /**
     * The node as a scalar with a value, or {@code null} after reporting what it is instead (in shape-only mode a
     * {@code null} is fine and not reported).
     */
    ScalarNode scalar(Node node, String path, ValueType<?> type) {
        if (Scalars.isNull(node)) {
            if (!shapeOnly()) {
                problem(node, path, "expected " + type.expected() + ", got nothing");
            }
            return null;
        }
        if (node instanceof ScalarNode) {
            return (ScalarNode) node;
        }
        problem(node, path, "expected " + type.expected() + ", got " + Scalars.describe(node));
        return null;
    }

    /** The node as a list, or {@code null} after reporting what it is instead. */
    SequenceNode sequence(Node node, String path, ValueType<?> type) {
        if (node instanceof SequenceNode) {
            return (SequenceNode) node;
        }
        if (!(shapeOnly() && Scalars.isNull(node))) {
            problem(node, path, "expected " + type.expected() + ", got " + Scalars.describe(node));
        }
        return null;
    }

    /** The node as a mapping, or {@code null} after reporting what it is instead. */
    MappingNode mapping(Node node, String path, String expected) {
        if (node instanceof MappingNode) {
            return (MappingNode) node;
        }
        if (!(shapeOnly() && Scalars.isNull(node))) {
            problem(node, path, "expected " + expected + ", got " + Scalars.describe(node));
        }
        return null;
    }

    /**
     * The scalar's text with its variables replaced; {@code null} after reporting each variable that could not be
     * replaced, at its own column. Always {@code null} in shape-only mode, where values are not read.
     */
    String text(ScalarNode node, String path) {
        if (shapeOnly()) {
            return null;
        }
        Variables.Result result = variables.interpolate(node.getValue());
        for (Variables.Error error : result.errors()) {
            problems.add(source.problem(referenceLine(node), referenceColumn(node, error), path, error.message()));
        }
        return result.errors().isEmpty() ? result.text() : null;
    }

    private static int referenceLine(ScalarNode node) {
        return node.getStartMark().getLine() + 1;
    }

    /**
     * The column of a variable reference: found in the source line when the value is on one line (quotes and escapes
     * shift it from the value's own offset), else the value's start.
     */
    private int referenceColumn(ScalarNode node, Variables.Error error) {
        Mark start = node.getStartMark();
        Mark end = node.getEndMark();
        if (start.getLine() == end.getLine()) {
            String line = source.line(start.getLine() + 1);
            int startColumn = start.getColumn();
            if (startColumn <= line.codePointCount(0, line.length())) {
                int from = line.offsetByCodePoints(0, startColumn);
                int occurrence = occurrences(node.getValue().substring(0, error.offset()), error.reference());
                int at = line.indexOf(error.reference(), from);
                for (int i = 0; i < occurrence && at >= 0; i++) {
                    at = line.indexOf(error.reference(), at + 1);
                }
                if (at >= 0) {
                    return 1 + line.codePointCount(0, at);
                }
            }
        }
        return start.getColumn() + 1;
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
