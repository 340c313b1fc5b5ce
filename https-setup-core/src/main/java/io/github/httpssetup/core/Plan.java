package io.github.httpssetup.core;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code apply} would do: one {@link Change} per resource of the chain, in chain order. Made by
 * {@link HttpsSetupExecutor#plan(HttpsSetup)} without any write call.
 *
 * <pre>{@code
 * Plan plan = executor.plan(setup);
 * System.out.println(plan.render());
 * if (plan.hasConflicts()) { ... }
 * }</pre>
 */
public final class Plan {

    private final String stack;
    private final String region;
    private final List<Change> changes;

    public Plan(String stack, String region, List<Change> changes) {
        this.stack = stack;
        this.region = region;
        this.changes = List.copyOf(changes);
    }

    public String stack() {
        return stack;
    }

    public String region() {
        return region;
    }

    /** Every resource of the chain with what would happen to it, including the unchanged ones. */
    public List<Change> changes() {
        return changes;
    }

    /** Whether apply would write anything. */
    public boolean hasChanges() {
        return changes.stream().anyMatch(c -> c.action().writes());
    }

    /** Whether some resource blocks apply (exists, not owned, {@code adopt} not set). */
    public boolean hasConflicts() {
        return changes.stream().anyMatch(c -> c.action() == ChangeAction.CONFLICT);
    }

    public List<Change> conflicts() {
        return changes.stream().filter(c -> c.action() == ChangeAction.CONFLICT).toList();
    }

    /** Number of changes per action. */
    public Map<ChangeAction, Integer> counts() {
        Map<ChangeAction, Integer> counts = new EnumMap<>(ChangeAction.class);
        for (ChangeAction action : ChangeAction.values()) {
            counts.put(action, 0);
        }
        changes.forEach(c -> counts.merge(c.action(), 1, Integer::sum));
        return counts;
    }

    /** {@code Plan: 3 to create, 1 to update, 0 to replace, 0 to delete, 5 unchanged, 0 conflicts.} */
    public String summary() {
        Map<ChangeAction, Integer> n = counts();
        return "Plan: " + n.get(ChangeAction.CREATE) + " to create, " + n.get(ChangeAction.UPDATE) + " to update, "
                + n.get(ChangeAction.REPLACE) + " to replace, " + n.get(ChangeAction.DELETE) + " to delete, "
                + n.get(ChangeAction.UNCHANGED) + " unchanged, " + n.get(ChangeAction.CONFLICT)
                + (n.get(ChangeAction.CONFLICT) == 1 ? " conflict." : " conflicts.");
    }

    /** A Terraform-like text: one line per resource, its attribute differences below, then {@link #summary()}. */
    public String render() {
        return renderChanges("https-setup plan for stack \"" + stack + "\" in " + region, changes, true) + "\n"
                + summary()
                + (hasConflicts()
                        ? "\nApply refuses to run while there are conflicts: set adopt: true to take the"
                                + " resources over, or remove or rename them."
                        : "")
                + (!hasChanges() && !hasConflicts() ? "\nNo changes. AWS matches the description." : "");
    }

    static String renderChanges(String title, List<Change> changes, boolean withAttributes) {
        StringBuilder out = new StringBuilder(title).append("\n\n");
        for (Change change : changes) {
            out.append(String.format(
                    "  %-3s %s %s", change.action().symbol(), change.kind().label(), change.name()));
            if (change.id() != null && !change.id().equals(change.name())) {
                out.append(" [").append(change.id()).append(']');
            }
            if (change.action() == ChangeAction.UNCHANGED) {
                out.append(change.reason().isEmpty() ? " (unchanged)" : " (unchanged; " + change.reason() + ")");
            } else if (!change.reason().isEmpty()) {
                out.append(" (").append(change.reason()).append(')');
            }
            out.append('\n');
            if (withAttributes && change.action() != ChangeAction.UNCHANGED) {
                for (AttributeChange attribute : change.attributes()) {
                    out.append("        ").append(attribute.attribute()).append(": ");
                    if (attribute.before() == null) {
                        out.append(quote(attribute.after()));
                    } else if (attribute.after() == null) {
                        out.append(quote(attribute.before())).append(" -> (deleted)");
                    } else {
                        out.append(quote(attribute.before())).append(" -> ").append(quote(attribute.after()));
                    }
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String quote(String value) {
        boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
        return AttributeChange.KNOWN_AFTER_APPLY.equals(value) || quoted ? value : "\"" + value + "\"";
    }

    @Override
    public String toString() {
        return summary() + changes.stream().map(c -> "\n  " + c).collect(Collectors.joining());
    }
}
