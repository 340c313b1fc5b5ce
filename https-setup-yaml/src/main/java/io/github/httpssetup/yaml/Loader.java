package io.github.httpssetup.yaml;

import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.InvalidSpecException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Turns the text of a file into an {@link HttpsSetup}, in steps that each add their problems before the load fails
 * with all of them: compose the nodes safely, split off the environments, check every override's keys, merge the
 * chosen environment, read the values along the key tables, then let the core check the description and place its
 * violations at their lines.
 */
final class Loader {
    private Loader() {}

    /**
     * Loads a description.
     *
     * @param environment the environment to merge over the base; {@code null} for the base alone
     * @param variables   the value of a variable by name, {@code null} when unset
     * @throws YamlConfigException with every problem found
     */
    static HttpsSetup load(SourceText source, String environment, Function<String, String> variables) {
        Problems problems = new Problems();
        MappingNode root = topLevel(source, problems);
        Environments environments = Environments.of(root, source, problems);
        for (Environments.Environment override : environments.all().values()) {
            if (override.override() != null) {
                Binder.shapeOnly(source, problems).bindTopLevel(override.override());
            }
        }
        MappingNode effective = environments.base();
        if (environment != null) {
            Binder.shapeOnly(source, problems).bindTopLevel(environments.base());
            Optional<MappingNode> merged = environments.select(environment, source, problems);
            if (merged.isEmpty()) {
                problems.throwIfAny(null);
            }
            effective = merged.get();
        }
        Binder binder = Binder.reading(source, problems, new Variables(variables));
        HttpsSetup.Builder builder = binder.bindTopLevel(effective);
        HttpsSetup setup;
        try {
            setup = builder.build();
        } catch (InvalidSpecException e) {
            binder.reportViolations(e.violations(), effective);
            problems.throwIfAny(e);
            throw e;
        }
        problems.throwIfAny(null);
        return setup;
    }

    /**
     * The names under {@code environments:}.
     *
     * @throws YamlConfigException when the file is not valid YAML or its environments are malformed
     */
    static List<String> environments(SourceText source) {
        Problems problems = new Problems();
        MappingNode root = topLevel(source, problems);
        Environments environments = Environments.of(root, source, problems);
        problems.throwIfAny(null);
        return environments.names();
    }

    /** The top-level mapping; throws the problems when there is none. */
    private static MappingNode topLevel(SourceText source, Problems problems) {
        Node root = SafeComposer.compose(source, problems);
        if (root == null || Scalars.isNull(root)) {
            if (problems.isEmpty()) {
                problems.add(source.fileProblem("the file is empty: it needs at least " + requiredKeys()));
            }
            problems.throwIfAny(null);
        }
        if (!(root instanceof MappingNode)) {
            problems.add(source.problem(
                    root,
                    "",
                    "expected a mapping with keys " + String.join(", ", FileFormat.topLevelKeys()) + ", got "
                            + Scalars.describe(root) + "; it needs at least "
                            + requiredKeys()));
            problems.throwIfAny(null);
        }
        return (MappingNode) root;
    }

    private static String requiredKeys() {
        return "stack, region, domain and targets (or sites)";
    }
}
