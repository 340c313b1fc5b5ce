package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one mapping of progress events to log levels, and how an event reads. */
class ProgressEventTest {

    @Test
    void level_warningsWarn_changesWaitsAndNewsInform_stepsWritesStartingAndRetriesAreDebug() {
        Map<ProgressEvent.Type, ProgressEvent.Level> levels = new EnumMap<>(ProgressEvent.Type.class);
        for (ProgressEvent.Type type : ProgressEvent.Type.values()) {
            levels.put(type, ProgressEvent.of(type, "certificate", "x").level());
        }

        assertThat(levels)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        ProgressEvent.Type.STEP_STARTED, ProgressEvent.Level.DEBUG,
                        ProgressEvent.Type.STEP_FINISHED, ProgressEvent.Level.DEBUG,
                        ProgressEvent.Type.CHANGE_STARTED, ProgressEvent.Level.DEBUG,
                        ProgressEvent.Type.RETRYING, ProgressEvent.Level.DEBUG,
                        ProgressEvent.Type.CHANGE_APPLIED, ProgressEvent.Level.INFO,
                        ProgressEvent.Type.WAITING, ProgressEvent.Level.INFO,
                        ProgressEvent.Type.INFO, ProgressEvent.Level.INFO,
                        ProgressEvent.Type.WARNING, ProgressEvent.Level.WARN));
    }

    @Test
    void level_isTheType_s() {
        for (ProgressEvent.Type type : ProgressEvent.Type.values()) {
            assertThat(new ProgressEvent(type, "dns", "m", Duration.ofSeconds(1), Duration.ofSeconds(2), null).level())
                    .isEqualTo(type.level());
        }
    }

    @Test
    void toString_ofAWait_showsTheTimeWaitedAndTheLimit() {
        ProgressEvent waiting = new ProgressEvent(
                ProgressEvent.Type.WAITING,
                "certificate",
                "waiting for ISSUED",
                Duration.ofSeconds(40),
                Duration.ofMinutes(30),
                null);

        assertThat(waiting).hasToString("[certificate] waiting for ISSUED (40 s of 30 min)");
        assertThat(ProgressEvent.of(ProgressEvent.Type.INFO, "apply", "No changes"))
                .hasToString("[apply] No changes");
    }
}
