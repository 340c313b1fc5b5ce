package io.github.httpssetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.ProgressEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TerminalTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Terminal terminal(boolean live, boolean colour) {
        return new Terminal(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                live,
                colour,
                100);
    }

    private static ProgressEvent waiting(long seconds) {
        return new ProgressEvent(
                ProgressEvent.Type.WAITING,
                "certificate",
                "waiting for ACM to issue example.com",
                Duration.ofSeconds(seconds),
                Duration.ofMinutes(30),
                null);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty(Terminal.TERMINAL_PROPERTY);
    }

    @Test
    void onATerminal_aWaitIsOneLiveLine_rewrittenInPlace_thenKeptWithItsLastState() {
        Terminal terminal = terminal(true, false);

        terminal.onEvent(waiting(1));
        terminal.onEvent(waiting(2));
        terminal.onEvent(
                ProgressEvent.of(ProgressEvent.Type.CHANGE_APPLIED, "certificate", "certificate issued: done"));

        assertThat(err())
                .isEqualTo("\r\u001b[K[certificate] waiting for ACM to issue example.com (1 s of 30 min)"
                        + "\r\u001b[K[certificate] waiting for ACM to issue example.com (2 s of 30 min)"
                        + "\r\u001b[K[certificate] waiting for ACM to issue example.com (2 s of 30 min)\n"
                        + "[certificate] certificate issued: done\n");
    }

    @Test
    void notATerminal_everyEventIsOnePlainLine() {
        Terminal terminal = terminal(false, false);

        terminal.onEvent(waiting(1));
        terminal.onEvent(waiting(2));
        terminal.onEvent(ProgressEvent.of(ProgressEvent.Type.WARNING, "security-groups", "443 is closed"));

        assertThat(err())
                .isEqualTo("[certificate] waiting for ACM to issue example.com (1 s of 30 min)\n"
                        + "[certificate] waiting for ACM to issue example.com (2 s of 30 min)\n"
                        + "warning: [security-groups] 443 is closed\n");
        assertThat(err()).doesNotContain("\r", "\u001b");
    }

    @Test
    void colour_marksWarningsAndChanges_onlyWhenAsked() {
        Terminal terminal = terminal(true, true);

        terminal.onEvent(ProgressEvent.of(ProgressEvent.Type.WARNING, "security-groups", "443 is closed"));
        terminal.onEvent(ProgressEvent.of(ProgressEvent.Type.CHANGE_APPLIED, "target group", "created: done"));

        assertThat(err()).contains("\u001b[33mwarning: \u001b[0m", "\u001b[32m[target group] created: done\u001b[0m");
    }

    @Test
    void stepsAndRetries_showOnlyWhenVerbose() {
        Terminal terminal = terminal(false, false);
        ProgressEvent step = ProgressEvent.of(ProgressEvent.Type.STEP_STARTED, "certificate", "apply: started");

        terminal.onEvent(step);
        terminal.verbose(true);
        terminal.onEvent(step);

        assertThat(err()).isEqualTo("[certificate] apply: started\n");
    }

    @Test
    void system_isLiveOnATerminal_andColouredUnlessNoColor() {
        System.setProperty(Terminal.TERMINAL_PROPERTY, "true");

        assertThat(Terminal.system(Map.of()).colour()).isTrue();
        assertThat(Terminal.system(Map.of("NO_COLOR", "1")).colour()).isFalse();
        assertThat(Terminal.system(Map.of("NO_COLOR", "1")).live()).isTrue();
        assertThat(Terminal.system(Map.of("TERM", "dumb")).live()).isFalse();

        System.setProperty(Terminal.TERMINAL_PROPERTY, "false");
        assertThat(Terminal.system(Map.of()).live()).isFalse();
        assertThat(Terminal.system(Map.of()).colour()).isFalse();
    }
}
