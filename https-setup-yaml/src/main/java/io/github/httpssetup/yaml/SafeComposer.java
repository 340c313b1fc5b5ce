package io.github.httpssetup.yaml;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes the text into SnakeYAML nodes, which keep their line and column, and nothing else: no Java object is ever
 * constructed from the file. On the way it refuses explicit tags ({@code !!python/object}, {@code !foo}), bounds
 * aliases and nesting (so that a "billion laughs" file fails fast), and reports duplicate keys; it turns SnakeYAML's
 * syntax errors into problems that say what to fix.
 */
final class SafeComposer {
    /** Aliases to mappings and lists allowed in one file; a real https-setup.yaml needs none. */
    static final int MAX_ALIASES = 20;
    /** How deep mappings and lists may nest; an https-setup.yaml needs 6 levels. */
    static final int MAX_DEPTH = 32;

    private static final String YAML_TAG_PREFIX = "tag:yaml.org,2002:";

    private final SourceText source;
    private final Problems problems;
    /** Explicit tags found, by the index of their node's start, until the node's path is known. */
    private final Map<Integer, TagProblem> tagProblems = new HashMap<>();
    /** The mappings and lists being walked, to find one that contains itself through an alias. */
    private final Set<Node> ancestors = Collections.newSetFromMap(new IdentityHashMap<>());

    private boolean recursive;

    private record TagProblem(Mark mark, String message) {}

    private SafeComposer(SourceText source, Problems problems) {
        this.source = source;
        this.problems = problems;
    }

    /**
     * Composes the single document of the file.
     *
     * @return the root node, or {@code null} when the file has no content or is not valid YAML (then a problem was
     * added)
     */
    static Node compose(SourceText source, Problems problems) {
        return new SafeComposer(source, problems).compose();
    }

    private Node compose() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(SourceText.MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(false);
        options.setProcessComments(false);
        CheckingParser parser = new CheckingParser(new ParserImpl(new StreamReader(source.text()), options));
        Node root;
        try {
            root = new Composer(parser, new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            problems.add(syntaxProblem(e));
            reportRemainingTags();
            return null;
        } catch (ReaderException e) {
            problems.add(readerProblem(e));
            return null;
        } catch (YAMLException e) {
            problems.add(limitProblem(e, parser));
            reportRemainingTags();
            return null;
        }
        if (root != null) {
            checkTree(root, "", Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        reportRemainingTags();
        return recursive ? null : root;
    }

    /**
     * Walks the tree once: reports explicit tags with their path, duplicate keys at their second occurrence (dropping
     * it, so that the first one counts from here on), and a mapping or list that contains itself through an alias,
     * which would send every later step round in circles (the file is then not loaded further).
     */
    private void checkTree(Node node, String path, Set<Node> visited) {
        TagProblem tag = tagProblems.remove(node.getStartMark().getIndex());
        if (tag != null) {
            problems.add(source.problem(node, path, tag.message()));
        }
        if (ancestors.contains(node)) {
            recursive = true;
            problems.add(source.problem(
                    node,
                    path,
                    "this alias refers to a " + (node instanceof MappingNode ? "mapping" : "list") + " that contains it"
                            + (node.getAnchor() == null ? "" : " (&" + node.getAnchor() + ")")
                            + ": an alias cannot point back to where it is"));
            return;
        }
        if (!visited.add(node)) {
            return;
        }
        ancestors.add(node);
        checkChildren(node, path, visited);
        ancestors.remove(node);
    }

    private void checkChildren(Node node, String path, Set<Node> visited) {
        if (node instanceof MappingNode) {
            Map<String, Node> firstKeys = new HashMap<>();
            Iterator<NodeTuple> tuples = ((MappingNode) node).getValue().iterator();
            while (tuples.hasNext()) {
                NodeTuple tuple = tuples.next();
                Node key = tuple.getKeyNode();
                String keyText = key instanceof ScalarNode ? ((ScalarNode) key).getValue() : null;
                String childPath = Paths.child(path, keyText == null ? "?" : keyText);
                checkTree(key, childPath, visited);
                if (keyText != null) {
                    Node first = firstKeys.putIfAbsent(keyText, key);
                    if (first != null) {
                        problems.add(source.problem(
                                key,
                                childPath,
                                "duplicate key '" + keyText
                                        + "': it is already defined on line "
                                        + (first.getStartMark().getLine() + 1)
                                        + "; remove one of them"));
                        tuples.remove();
                        continue;
                    }
                }
                checkTree(tuple.getValueNode(), childPath, visited);
            }
        } else if (node instanceof SequenceNode) {
            int index = 0;
            for (Node item : ((SequenceNode) node).getValue()) {
                checkTree(item, Paths.item(path, index++), visited);
            }
        }
    }

    /** Reports the tags of nodes the walk did not reach (after a syntax error), without a path. */
    private void reportRemainingTags() {
        for (TagProblem tag : tagProblems.values()) {
            problems.add(source.problem(tag.mark(), "", tag.message()));
        }
        tagProblems.clear();
    }

    /** Says SnakeYAML's syntax errors in terms of what to fix. */
    private YamlProblem syntaxProblem(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        Mark contextMark = e.getContextMark();
        String message;
        YamlProblem missingColon = missingColon(problem, context, at, contextMark);
        if (missingColon != null) {
            return missingColon;
        }
        if (problem.contains("'\\t(TAB)'")) {
            message = "a tab character cannot indent YAML: indent with spaces";
        } else if (context.contains("quoted scalar") && problem.contains("end of stream") && contextMark != null) {
            return source.problem(
                    contextMark,
                    "",
                    "this quoted value is never closed: add the closing " + quoteAt(contextMark) + " at its end");
        } else if (problem.startsWith("found character") && problem.contains("cannot start any token")) {
            String character =
                    problem.substring(problem.indexOf('\'') + 1, problem.indexOf('\'', problem.indexOf('\'') + 1));
            message = "a value cannot start with '" + character + "': put the value in quotes";
        } else if (problem.equals("mapping values are not allowed here")) {
            message = "unexpected ':': this line is indented deeper than the key above it, or a value holds ': ';"
                    + " fix the indentation, or put the value in quotes";
        } else if (problem.startsWith("expected <block end>") && context.contains("block mapping")) {
            message = "bad indentation: this line does not line up with the keys of the mapping"
                    + lineOf(" that starts on line ", contextMark) + "; indent it like the key it belongs with";
        } else if (problem.startsWith("expected <block end>") && context.contains("block collection")) {
            message = "bad indentation: this line does not line up with the list"
                    + lineOf(" that starts on line ", contextMark)
                    + "; a key cannot follow list items at the same indentation";
        } else if (context.contains("flow sequence")) {
            message = "this list is not closed: expected ',' or ']'" + lineOf(" (it opens on line ", contextMark)
                    + (contextMark == null ? "" : ")");
        } else if (context.contains("flow mapping")) {
            message = "this mapping is not closed: expected ',' or '}'" + lineOf(" (it opens on line ", contextMark)
                    + (contextMark == null ? "" : ")");
        } else if (context.equals("expected a single document in the stream")) {
            message = "a second YAML document: https-setup.yaml holds one; remove this '---' and what follows it,"
                    + " or use environments: for variants";
        } else if (problem.startsWith("found undefined alias")) {
            message = "alias *"
                    + problem.substring("found undefined alias".length()).trim()
                    + " refers to no anchor: define &"
                    + problem.substring("found undefined alias".length()).trim()
                    + " before using it";
        } else {
            message = "not valid YAML: " + problem + (context.isEmpty() ? "" : " (" + context + ")");
        }
        if (context.contains("flow") && source.line(at.getLine() + 1).contains("${")) {
            message += "; inside [ ] or { }, put a ${VAR} in quotes: \"${VAR}\"";
        }
        return source.problem(at, "", message);
    }

    /**
     * A key written without its ':' ({@code port 8080}). SnakeYAML reads such a line as the start of a key that runs on
     * into the next line, and reports the next line: "could not find expected ':'" (the line is a later key of its
     * mapping; the context mark is where it starts) or "mapping values are not allowed here" (the line is the first key
     * of its mapping, and the next key's ':' ends a value that started on it). Points at the line without the colon.
     *
     * @return the problem, or {@code null} when the error is not a missing colon
     */
    private YamlProblem missingColon(String problem, String context, Mark at, Mark contextMark) {
        int line;
        if (problem.startsWith("could not find expected ':'")
                && context.contains("simple key")
                && contextMark != null) {
            line = contextMark.getLine() + 1;
        } else if (problem.equals("mapping values are not allowed here") && at != null) {
            line = previousContentLine(at.getLine() + 1);
            if (line < 1 || indentation(source.line(line)) != indentation(source.line(at.getLine() + 1))) {
                return null;
            }
        } else {
            return null;
        }
        String text = source.line(line);
        int start = indentation(text);
        String content = text.substring(start);
        if (content.startsWith("- ")) { // a list item's first key
            start += 2 + indentation(content.substring(2));
            content = text.substring(start);
        }
        if (content.isEmpty() || "#[{\"'|>&*!%@`".indexOf(content.charAt(0)) >= 0) {
            return null;
        }
        int space = content.indexOf(' ');
        String key = space < 0 ? content : content.substring(0, space);
        if (key.contains(":")) { // the colon is there: something else is wrong
            return null;
        }
        String value = space < 0 ? "" : content.substring(space).trim();
        int hash = value.indexOf(" #");
        value = hash >= 0 ? value.substring(0, hash).trim() : value.startsWith("#") ? "" : value;
        String written = value.isEmpty() ? key : key + " " + value;
        String fixed = value.isEmpty() ? key + ":" : key + ": " + value;
        return source.problem(
                line,
                text.codePointCount(0, start + key.length()) + 1,
                "",
                "`" + written + "` has no ':' after the key; write `" + fixed + "`");
    }

    /** {@return the last line before {@code line} that holds more than spaces and a comment, or 0} */
    private int previousContentLine(int line) {
        for (int l = line - 1; l >= 1; l--) {
            String content = source.line(l).trim();
            if (!content.isEmpty() && !content.startsWith("#")) {
                return l;
            }
        }
        return 0;
    }

    private static int indentation(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    private String quoteAt(Mark mark) {
        String line = source.line(mark.getLine() + 1);
        int[] codePoints = line.codePoints().toArray();
        int column = mark.getColumn();
        return column < codePoints.length && codePoints[column] == '\'' ? "'" : "\"";
    }

    private static String lineOf(String prefix, Mark mark) {
        return mark == null ? "" : prefix + (mark.getLine() + 1);
    }

    /** A character SnakeYAML refuses to read, such as a NUL or another control character. */
    private YamlProblem readerProblem(ReaderException e) {
        int position = e.getPosition();
        String text = source.text();
        int index = text.offsetByCodePoints(0, Math.min(position, text.codePointCount(0, text.length())));
        String before = text.substring(0, index);
        int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
        int column = 1 + before.codePointCount(before.lastIndexOf('\n') + 1, before.length());
        return source.problem(
                line,
                column,
                "",
                String.format("character U+%04X is not allowed in YAML: remove it", e.getCodePoint()));
    }

    /** The alias and nesting limits, which SnakeYAML reports without a position: the parser knows where it was. */
    private YamlProblem limitProblem(YAMLException e, CheckingParser parser) {
        String text = String.valueOf(e.getMessage());
        if (text.contains("aliases") && parser.lastAlias != null) {
            return source.problem(
                    parser.lastAlias,
                    "",
                    "too many aliases: more than " + MAX_ALIASES
                            + " aliases to mappings or lists (a \"billion laughs\" file?); write the values out instead");
        }
        if (text.contains("Nesting Depth") && parser.lastEvent != null) {
            return source.problem(
                    parser.lastEvent, "", "nested too deep: more than " + MAX_DEPTH + " levels of mappings and lists");
        }
        Mark at = parser.lastEvent;
        String message = "not valid YAML: " + text;
        return at == null ? source.fileProblem(message) : source.problem(at, "", message);
    }

    /** The tag as written: {@code !!python/object} rather than {@code tag:yaml.org,2002:python/object}. */
    private static String shownTag(String tag) {
        return tag.startsWith(YAML_TAG_PREFIX) ? "!!" + tag.substring(YAML_TAG_PREFIX.length()) : tag;
    }

    /**
     * Hands SnakeYAML's events to its composer with explicit tags taken out (each recorded as a problem, so that all
     * of them are reported, not only the first), and remembers where it is for the errors SnakeYAML reports without
     * a position.
     */
    private final class CheckingParser implements Parser {
        private final Parser parser;
        private Event pending;
        Mark lastEvent;
        Mark lastAlias;

        CheckingParser(Parser parser) {
            this.parser = parser;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return parser.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            if (pending == null) {
                Event event = parser.peekEvent();
                pending = event == null ? null : withoutTag(event);
                if (pending != null) {
                    lastEvent = pending.getStartMark();
                }
            }
            return pending;
        }

        @Override
        public Event getEvent() {
            Event event = peekEvent();
            parser.getEvent();
            pending = null;
            if (event instanceof AliasEvent) {
                lastAlias = event.getStartMark();
            }
            return event;
        }

        private Event withoutTag(Event event) {
            if (event instanceof ScalarEvent) {
                ScalarEvent scalar = (ScalarEvent) event;
                if (scalar.getTag() != null) {
                    record(scalar.getTag(), event);
                    return new ScalarEvent(
                            scalar.getAnchor(),
                            null,
                            scalar.getImplicit(),
                            scalar.getValue(),
                            scalar.getStartMark(),
                            scalar.getEndMark(),
                            scalar.getScalarStyle());
                }
            } else if (event instanceof MappingStartEvent) {
                MappingStartEvent mapping = (MappingStartEvent) event;
                if (mapping.getTag() != null) {
                    record(mapping.getTag(), event);
                    return new MappingStartEvent(
                            mapping.getAnchor(),
                            null,
                            true,
                            mapping.getStartMark(),
                            mapping.getEndMark(),
                            mapping.getFlowStyle());
                }
            } else if (event instanceof SequenceStartEvent) {
                SequenceStartEvent sequence = (SequenceStartEvent) event;
                if (sequence.getTag() != null) {
                    record(sequence.getTag(), event);
                    return new SequenceStartEvent(
                            sequence.getAnchor(),
                            null,
                            true,
                            sequence.getStartMark(),
                            sequence.getEndMark(),
                            sequence.getFlowStyle());
                }
            }
            return event;
        }

        private void record(String tag, Event event) {
            tagProblems.put(
                    event.getStartMark().getIndex(),
                    new TagProblem(
                            event.getStartMark(),
                            "explicit tag " + shownTag(tag)
                                    + " is not allowed: https-setup.yaml takes plain values only; remove the tag"));
        }
    }
}
