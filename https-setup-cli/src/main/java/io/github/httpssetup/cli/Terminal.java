package io.github.httpssetup.cli;

import io.github.httpssetup.core.ProgressEvent;
import io.github.httpssetup.core.ProgressListener;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the command line writes: results (the plan, the outputs, JSON) to standard output, progress and errors to
 * standard error, so {@code https-setup plan --output json | jq} sees only the document.
 *
 * <p>On a terminal, each wait is a live line that counts its elapsed time against its limit, rewritten in place
 * (carriage return); colour marks changes, warnings and errors unless {@code NO_COLOR} is set. Otherwise (a pipe, a
 * file, a CI log, {@code TERM=dumb}) every event is one plain line. Whether standard error is a terminal is told by
 * the launcher script ({@code -Dhttps-setup.terminal=true|false}, from {@code test -t 2}); without it, by
 * {@link System#console()}.
 */
final class Terminal implements ProgressListener {

    /** The system property the launcher sets to say whether standard error is a terminal. */
    static final String TERMINAL_PROPERTY = "https-setup.terminal";

    private static final String RESET = "\u001b[0m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RED = "\u001b[31m";
    private static final String DIM = "\u001b[2m";
    private static final String CLEAR_LINE = "\r\u001b[K";

    private final PrintStream out;
    private final PrintStream err;
    private final boolean live;
    private final boolean colour;
    private final int width;
    private boolean verbose;
    /** The wait each thread is in, shown on the live line; a thread's next event ends its wait. */
    private final Map<Thread, String> waits = new LinkedHashMap<>();

    private boolean liveLineShown;

    Terminal(PrintStream out, PrintStream err, boolean live, boolean colour, int width) {
        this.out = out;
        this.err = err;
        this.live = live;
        this.colour = colour;
        this.width = width;
    }

    /** The terminal of this process, as the environment describes it. */
    static Terminal system(Map<String, String> env) {
        String told = System.getProperty(TERMINAL_PROPERTY);
        boolean tty = told != null ? Boolean.parseBoolean(told) : System.console() != null;
        boolean live = tty && !"dumb".equals(env.get("TERM"));
        String noColor = env.get("NO_COLOR");
        boolean colour = live && (noColor == null || noColor.isEmpty());
        int width = 100;
        try {
            width = Math.max(
                    40, Integer.parseInt(env.getOrDefault("COLUMNS", "100").trim()));
        } catch (NumberFormatException e) {
            // keep the default
        }
        return new Terminal(System.out, System.err, live, colour, width);
    }

    void verbose(boolean verbose) {
        this.verbose = verbose;
    }

    /** A result line, to standard output. */
    synchronized void result(String text) {
        clearLiveLine();
        out.println(text);
        out.flush();
        redraw();
    }

    /** A line for people, to standard error. */
    synchronized void info(String text) {
        clearLiveLine();
        err.println(text);
        err.flush();
        redraw();
    }

    /** An error, to standard error. */
    synchronized void error(String text) {
        clearLiveLine();
        err.println(paint(RED, "error: ") + text);
        err.flush();
    }

    @Override
    public synchronized void onEvent(ProgressEvent event) {
        Thread thread = Thread.currentThread();
        if (event.type() == ProgressEvent.Type.WAITING) {
            if (live) {
                waits.put(thread, event.toString());
                redraw();
            } else {
                err.println(event);
                err.flush();
            }
            return;
        }
        String ended = waits.remove(thread);
        String line = line(event);
        if (line == null && ended == null) {
            return;
        }
        clearLiveLine();
        if (ended != null) {
            err.println(paint(DIM, ended)); // the wait's last state stays in the scrollback
        }
        if (line != null) {
            err.println(line);
        }
        err.flush();
        redraw();
    }

    /** Ends the live line; called when the run is over. */
    synchronized void finish() {
        clearLiveLine();
        for (String wait : waits.values()) {
            err.println(paint(DIM, wait));
        }
        waits.clear();
        err.flush();
    }

    /**
     * The line an event prints, or {@code null} for the events only {@code --verbose} shows: what the one
     * event-to-level mapping ({@link ProgressEvent#level()}) puts at DEBUG.
     */
    private String line(ProgressEvent event) {
        return switch (event.level()) {
            case WARN -> paint(YELLOW, "warning: ") + event;
            case INFO ->
                event.type() == ProgressEvent.Type.CHANGE_APPLIED ? paint(GREEN, event.toString()) : event.toString();
            case DEBUG -> verbose ? paint(DIM, event.toString()) : null;
        };
    }

    private void redraw() {
        if (!live || waits.isEmpty()) {
            return;
        }
        String text = String.join("   ", waits.values());
        if (text.length() > width - 1) {
            text = text.substring(0, width - 2) + "…";
        }
        err.print(CLEAR_LINE + text);
        err.flush();
        liveLineShown = true;
    }

    private void clearLiveLine() {
        if (liveLineShown) {
            err.print(CLEAR_LINE);
            liveLineShown = false;
        }
    }

    private String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }

    PrintStream stdout() {
        return out;
    }

    PrintStream stderr() {
        return err;
    }

    boolean live() {
        return live;
    }

    boolean colour() {
        return colour;
    }
}
