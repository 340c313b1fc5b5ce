package io.github.httpssetup.yaml;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The text of one file, split into lines the way SnakeYAML counts them, so that a problem at a node's mark can quote
 * its line. Refuses files that are too large (before decoding them) and bytes that are not UTF-8.
 */
final class SourceText {
    /** The largest file accepted, in bytes (and so in characters): 1 MiB. An https-setup.yaml is a few kilobytes. */
    static final int MAX_BYTES = 1024 * 1024;

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final String fileName;
    private final String text;
    private final List<String> lines;

    private SourceText(String fileName, String text) {
        this.fileName = fileName;
        this.text = text;
        this.lines = splitLines(text);
    }

    /**
     * The text of a file read as bytes.
     *
     * @throws YamlConfigException when the file is too large or not UTF-8
     */
    static SourceText decode(String fileName, byte[] bytes) {
        checkSize(fileName, bytes.length);
        return new SourceText(fileName, withoutByteOrderMark(decodeUtf8(fileName, bytes)));
    }

    /**
     * The text of a file given as a string.
     *
     * @throws YamlConfigException when the text is too large
     */
    static SourceText of(String fileName, String content) {
        checkSize(fileName, utf8Length(content));
        return new SourceText(fileName, withoutByteOrderMark(content));
    }

    /**
     * Refuses a file larger than {@link #MAX_BYTES} before anything reads it.
     *
     * @param size the file's size in bytes
     * @throws YamlConfigException when the file is too large
     */
    static void checkSize(String fileName, long size) {
        if (size > MAX_BYTES) {
            throw new YamlConfigException(List.of(new YamlProblem(
                    fileName,
                    0,
                    0,
                    "",
                    "the file is " + size + " bytes (" + mebibytes(size) + "); at most " + MAX_BYTES
                            + " bytes (1 MiB) are read. An https-setup.yaml is a few kilobytes: is this the right file?",
                    "")));
        }
    }

    String fileName() {
        return fileName;
    }

    String text() {
        return text;
    }

    /** {@return the line, from 1, without its line break; empty for a line that does not exist} */
    String line(int line) {
        return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
    }

    /** A problem at a 1-based line and column. */
    YamlProblem problem(int line, int column, String path, String message) {
        return new YamlProblem(fileName, line, column, path, message, line(line));
    }

    /** A problem at a SnakeYAML mark (0-based). */
    YamlProblem problem(Mark mark, String path, String message) {
        return problem(mark.getLine() + 1, mark.getColumn() + 1, path, message);
    }

    /** A problem at the start of a node. */
    YamlProblem problem(Node node, String path, String message) {
        return problem(node.getStartMark(), path, message);
    }

    /** A problem with the file as a whole. */
    YamlProblem fileProblem(String message) {
        return new YamlProblem(fileName, 0, 0, "", message, "");
    }

    /**
     * Splits into lines at the breaks SnakeYAML counts: LF, CR not followed by LF, NEL, LS and PS; CR LF is one break.
     */
    private static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n'
                    || c == '\u0085'
                    || c == '\u2028'
                    || c == '\u2029'
                    || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                lines.add(text.substring(start, i));
                start = i + 1;
            } else if (c == '\r') {
                lines.add(text.substring(start, i));
                start = i + 2;
                i++;
            }
        }
        lines.add(text.substring(Math.min(start, text.length())));
        return lines;
    }

    /** Decodes UTF-8, or reports the first byte that is not, with its offset, line and column. */
    private static String decodeUtf8(String fileName, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            String before = new String(bytes, 0, offset, StandardCharsets.UTF_8);
            before = withoutByteOrderMark(before);
            SourceText partial =
                    new SourceText(fileName, withoutByteOrderMark(new String(bytes, StandardCharsets.UTF_8)));
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int lineStart = before.lastIndexOf('\n') + 1;
            int column = 1 + before.codePointCount(lineStart, before.length());
            String message = "the file is not UTF-8: byte 0x" + String.format(Locale.ROOT, "%02X", bytes[offset] & 0xFF)
                    + " at offset " + offset + " is not valid UTF-8; save the file as UTF-8";
            throw new YamlConfigException(List.of(partial.problem(line, column, "", message)));
        }
        out.flip();
        return out.toString();
    }

    private static String withoutByteOrderMark(String text) {
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    /** The length of a string in UTF-8, without encoding it. */
    private static long utf8Length(String s) {
        long length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    private static String mebibytes(long size) {
        return String.format(Locale.ROOT, "%.1f MiB", size / (1024.0 * 1024.0));
    }
}
