package io.github.httpssetup.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The top-level {@code environments:} of a file: overrides by environment name, each merged over the rest of the
 * file (the base) when that environment is loaded.
 *
 * <p>The merge follows JSON Merge Patch (RFC 7386): a mapping in the override merges into the base's mapping key by
 * key, recursively; any other value (a string, a number, a boolean, a list) replaces the base's value whole, so a list
 * in an override is the whole list, not items to add; {@code null} (or nothing) removes the base's key, which restores
 * its default. Merged values keep their own nodes, so a problem in an override points at the override's line.
 */
final class Environments {
    private final MappingNode base;
    private final Node environmentsKey;
    private final Map<String, Environment> environments;
    /** Whether {@code environments:} or one of its entries was malformed (and reported): no environment is then
     * reported missing, which could only be a consequence. */
    private final boolean malformed;

    /** One environment: its name's node and its override, {@code null} for an empty one. */
    record Environment(Node name, MappingNode override) {}

    private Environments(
            MappingNode base, Node environmentsKey, Map<String, Environment> environments, boolean malformed) {
        this.base = base;
        this.environmentsKey = environmentsKey;
        this.environments = environments;
        this.malformed = malformed;
    }

    /**
     * Splits the top level into the base and the environments, reporting an {@code environments:} that is not a
     * mapping of names to mappings.
     */
    static Environments of(MappingNode root, SourceText source, Problems problems) {
        List<NodeTuple> baseTuples = new ArrayList<>();
        Node environmentsKey = null;
        Map<String, Environment> environments = new LinkedHashMap<>();
        boolean malformed = false;
        for (NodeTuple tuple : root.getValue()) {
            if (!isKey(tuple.getKeyNode(), FileFormat.ENVIRONMENTS)) {
                baseTuples.add(tuple);
                continue;
            }
            environmentsKey = tuple.getKeyNode();
            Node value = tuple.getValueNode();
            if (Scalars.isNull(value)) {
                continue;
            }
            if (!(value instanceof MappingNode)) {
                problems.add(source.problem(
                        value,
                        FileFormat.ENVIRONMENTS,
                        "expected a mapping of environment names"
                                + " to overrides, such as {prod: {region: eu-west-1}}, got "
                                + Scalars.describe(value)));
                malformed = true;
                continue;
            }
            for (NodeTuple entry : ((MappingNode) value).getValue()) {
                Node name = entry.getKeyNode();
                if (!(name instanceof ScalarNode) || Scalars.isNull(name)) {
                    problems.add(source.problem(
                            name,
                            FileFormat.ENVIRONMENTS,
                            "expected an environment name, got " + Scalars.describe(name)));
                    malformed = true;
                    continue;
                }
                String nameText = ((ScalarNode) name).getValue();
                Node override = entry.getValueNode();
                if (Scalars.isNull(override)) {
                    environments.put(nameText, new Environment(name, null));
                } else if (override instanceof MappingNode) {
                    environments.put(nameText, new Environment(name, (MappingNode) override));
                } else {
                    problems.add(source.problem(
                            override,
                            Paths.child(FileFormat.ENVIRONMENTS, nameText),
                            "expected a mapping of the keys to override, such as {region: eu-west-1}, got "
                                    + Scalars.describe(override)));
                    malformed = true;
                }
            }
        }
        return new Environments(mappingLike(root, baseTuples), environmentsKey, environments, malformed);
    }

    /** {@return the top level without {@code environments:}} */
    MappingNode base() {
        return base;
    }

    /** {@return the environments' names, in the order of the file} */
    List<String> names() {
        return List.copyOf(environments.keySet());
    }

    /** {@return the overrides, by name} */
    Map<String, Environment> all() {
        return environments;
    }

    /**
     * The base with an environment's override merged over it.
     *
     * @return the merged top level; empty when there is no such environment (a problem was added)
     */
    Optional<MappingNode> select(String name, SourceText source, Problems problems) {
        Environment environment = environments.get(name);
        if (environment != null) {
            return Optional.of(
                    environment.override() == null ? base : (MappingNode) merge(base, environment.override()));
        }
        if (malformed) {
            return Optional.empty();
        }
        if (environmentsKey == null) {
            problems.add(source.fileProblem(
                    "environment '" + name + "' is not defined: this file has no" + " environments: section"));
        } else {
            String suggestion = Suggestions.nearest(name, environments.keySet())
                    .map(s -> "; did you mean '" + s + "'?")
                    .orElse("");
            String defined = environments.isEmpty()
                    ? "; the file defines none"
                    : (suggestion.isEmpty() ? "." : "") + " The file defines: "
                            + String.join(", ", environments.keySet());
            problems.add(source.problem(
                    environmentsKey,
                    FileFormat.ENVIRONMENTS,
                    "environment '" + name + "' is not defined" + suggestion + defined));
        }
        return Optional.empty();
    }

    /**
     * Merges an override over a base value (JSON Merge Patch): mappings key by key, anything else replaced, {@code null}
     * removing.
     *
     * @param base  the base's value; {@code null} when the base has none
     * @param patch the override's value
     * @return the merged value, sharing the nodes it does not change
     */
    static Node merge(Node base, Node patch) {
        if (!(patch instanceof MappingNode)) {
            return patch;
        }
        List<NodeTuple> tuples =
                base instanceof MappingNode ? new ArrayList<>(((MappingNode) base).getValue()) : new ArrayList<>();
        for (NodeTuple change : ((MappingNode) patch).getValue()) {
            int index = indexOf(tuples, change.getKeyNode());
            if (Scalars.isNull(change.getValueNode())) {
                if (index >= 0) {
                    tuples.remove(index);
                }
            } else if (index >= 0
                    && tuples.get(index).getValueNode() instanceof MappingNode
                    && change.getValueNode() instanceof MappingNode) {
                NodeTuple current = tuples.get(index);
                tuples.set(
                        index,
                        new NodeTuple(current.getKeyNode(), merge(current.getValueNode(), change.getValueNode())));
            } else {
                NodeTuple replacement = new NodeTuple(change.getKeyNode(), merge(null, change.getValueNode()));
                if (index >= 0) {
                    tuples.set(index, replacement);
                } else {
                    tuples.add(replacement);
                }
            }
        }
        return mappingLike(base instanceof MappingNode ? (MappingNode) base : (MappingNode) patch, tuples);
    }

    /** A mapping with other entries, at the place of {@code like}, so that problems about it point there. */
    private static MappingNode mappingLike(MappingNode like, List<NodeTuple> tuples) {
        return new MappingNode(Tag.MAP, true, tuples, like.getStartMark(), like.getEndMark(), like.getFlowStyle());
    }

    private static int indexOf(List<NodeTuple> tuples, Node key) {
        if (!(key instanceof ScalarNode)) {
            return -1;
        }
        String text = ((ScalarNode) key).getValue();
        for (int i = 0; i < tuples.size(); i++) {
            if (isKey(tuples.get(i).getKeyNode(), text)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isKey(Node key, String text) {
        return key instanceof ScalarNode && ((ScalarNode) key).getValue().equals(text);
    }
}
