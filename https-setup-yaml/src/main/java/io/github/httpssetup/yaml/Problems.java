package io.github.httpssetup.yaml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The problems found so far in one file: each kept once (aliases and environments can reach a node twice), and
 * listed in the order of the file, whole-file problems first.
 */
final class Problems {
    private final Set<YamlProblem> problems = new LinkedHashSet<>();
    /** Paths a problem explains without being at them: the key {@code regoin} explains a missing {@code region}. */
    private final Set<String> explained = new LinkedHashSet<>();

    void add(YamlProblem problem) {
        problems.add(problem);
    }

    void addAll(List<YamlProblem> more) {
        problems.addAll(more);
    }

    /** Notes that a problem already explains what is wrong at a path, such as a misspelled key's missing value. */
    void explain(String path) {
        explained.add(path);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /**
     * Whether a problem found in the file already accounts for what the core says about a path: a problem at the
     * path, inside it (a bad list item leaves the list unset, and the core finds no instances) or around it; or a
     * misspelled key that explains the path's absence.
     *
     * @return whether the core's violation at the path would only repeat a problem already reported
     */
    boolean touches(String path) {
        for (YamlProblem problem : problems) {
            if (related(problem.path(), path)) {
                return true;
            }
        }
        return explained.stream()
                .anyMatch(explainedPath -> path.equals(explainedPath) || isInside(path, explainedPath));
    }

    /** {@return the problems in the order of the file; a stable sort keeps the order found within a position} */
    List<YamlProblem> sorted() {
        List<YamlProblem> list = new ArrayList<>(problems);
        list.sort(Comparator.comparingInt(YamlProblem::line).thenComparingInt(YamlProblem::column));
        return list;
    }

    /** Throws the problems found, if any. */
    void throwIfAny(Throwable cause) {
        if (!problems.isEmpty()) {
            throw new YamlConfigException(sorted(), cause);
        }
    }

    private static boolean related(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        return a.equals(b) || isInside(a, b) || isInside(b, a);
    }

    private static boolean isInside(String inner, String outer) {
        return inner.length() > outer.length()
                && inner.startsWith(outer)
                && (inner.charAt(outer.length()) == '.' || inner.charAt(outer.length()) == '[');
    }
}
