package io.github.httpssetup.core;

/**
 * Receives {@link ProgressEvent}s from the executor. May be called from several threads at once.
 * The default ({@link #slf4j()}) logs them through SLF4J under {@code io.github.httpssetup.progress}.
 */
@FunctionalInterface
public interface ProgressListener {

    void onEvent(ProgressEvent event);

    /**
     * Logs each event through SLF4J under {@code io.github.httpssetup.progress} at its {@link ProgressEvent#level()}:
     * warnings at WARN; changes made, waits and other news at INFO; steps, writes starting and retries at DEBUG
     * (a retry's cause too).
     */
    static ProgressListener slf4j() {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("io.github.httpssetup.progress");
        return event -> {
            switch (event.level()) {
                case WARN -> log.warn("{}", event);
                case INFO -> log.info("{}", event);
                case DEBUG -> log.debug("{}", event);
            }
            if (event.type() == ProgressEvent.Type.RETRYING && event.cause() != null) {
                log.debug("retry cause", event.cause());
            }
        };
    }

    /** Discards every event. */
    static ProgressListener none() {
        return event -> {};
    }
}
