package io.github.httpssetup.yaml;

import java.io.Serializable;
import java.util.Objects;

/**
 * One problem found in an {@code https-setup.yaml}, with where it is: the file, the line and column (1-based, the
 * column counted in characters), the key path ({@code targets.port}, {@code domain.alternativeNames[1]}) and the line
 * of the file itself, so that it can be shown the way a compiler shows an error:
 *
 * <pre>
 * https-setup.yaml:9:9: targets.port: 80800 is not a port (1-65535)
 *     port: 80800
 *           ^
 * </pre>
 *
 * <p>A problem with the file as a whole (too large, unreadable) has line and column 0 and no source line; a problem
 * that belongs to no key (a syntax error) has an empty path.
 *
 * @param file       the file name as given to the loader, such as {@code https-setup.yaml}
 * @param line       the line, from 1; 0 when the problem is with the whole file
 * @param column     the column, from 1, in characters (code points); 0 when the problem is with the whole file
 * @param path       the key path, such as {@code targets.port}; empty when the problem belongs to no key
 * @param message    what is wrong and how to fix it
 * @param sourceLine the text of the line, without its line break; empty when the problem has no line
 */
public record YamlProblem(String file, int line, int column, String path, String message, String sourceLine)
        implements Serializable {

    /** How far the quoted source line is indented under the message. */
    private static final String SOURCE_INDENT = "  ";

    /**
     * A problem; see the parts above.
     *
     * @param file       the file name as given to the loader
     * @param line       the line, from 1; 0 for the whole file
     * @param column     the column, from 1, in characters; 0 for the whole file
     * @param path       the key path; empty when the problem belongs to no key
     * @param message    what is wrong and how to fix it
     * @param sourceLine the text of the line; empty when the problem has no line
     * @throws NullPointerException when a text part is {@code null}
     */
    public YamlProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(sourceLine, "sourceLine");
    }

    /**
     * {@return whether the problem points at a line of the file (rather than at the whole file)}
     */
    public boolean hasLocation() {
        return line > 0;
    }

    /**
     * The problem as a compiler shows it: {@code file:line:column: path: message}, then the source line and a caret
     * under the column. Without a location, only {@code file: path: message}; without a path, the path and its colon
     * are left out.
     *
     * @return the rendered problem, one to three lines, without a trailing line break
     */
    public String render() {
        StringBuilder text = new StringBuilder(file);
        if (hasLocation()) {
            text.append(':').append(line).append(':').append(column);
        }
        text.append(": ");
        if (!path.isEmpty()) {
            text.append(path).append(": ");
        }
        text.append(message);
        if (hasLocation() && !sourceLine.isEmpty()) {
            text.append('\n').append(SOURCE_INDENT).append(printable(sourceLine));
            text.append('\n').append(SOURCE_INDENT).append(caretIndent()).append('^');
        }
        return text.toString();
    }

    /** The line with control characters (other than tab) shown as their Unicode pictures, such as U+2407 for BEL. */
    private static String printable(String line) {
        StringBuilder shown = new StringBuilder(line.length());
        line.codePoints()
                .forEach(c -> shown.appendCodePoint(c < 0x20 && c != '\t' ? 0x2400 + c : c == 0x7F ? 0x2421 : c));
        return shown.toString();
    }

    /** Spaces up to the column, keeping the tabs of the source line so that the caret lines up under it. */
    private String caretIndent() {
        StringBuilder indent = new StringBuilder();
        int[] codePoints = sourceLine.codePoints().toArray();
        for (int i = 0; i < column - 1; i++) {
            indent.append(i < codePoints.length && codePoints[i] == '\t' ? '\t' : ' ');
        }
        return indent.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
