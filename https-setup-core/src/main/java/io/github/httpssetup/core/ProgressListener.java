package io.github.httpssetup.core;

/**
 * Receives {@link ProgressEvent}s from the executor. May be called from several threads at once.
 * The default ({@link #slf4j()}) logs them through SLF4J under {@code io.github.httpssetup.progress}.
 */
@FunctionalInterface
public interface ProgressListener {

    void onEvent(ProgressEvent event);

    /** Logs warnings at WARN, steps starting and ending at DEBUG, waits and retries at INFO (DEBUG for the cause), the rest at INFO. */
    static ProgressListener slf4j() {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("io.github.httpssetup.progress");
        return event -> {
            switch (event.type()) {
                case WARNING:
                    log.warn("{}", event);
                    break;
                case STEP_STARTED:
                case STEP_FINISHED:
                    log.debug("{}", event);
                    break;
                case RETRYING:
                    log.info("{}", event);
                    if (event.cause() != null) {
                        log.debug("retry cause", event.cause());
                    }
                    break;
                default:
                    log.info("{}", event);
            }
        };
    }

    /** Discards every event. */
    static ProgressListener none() {
        return event -> { };
    }
}
