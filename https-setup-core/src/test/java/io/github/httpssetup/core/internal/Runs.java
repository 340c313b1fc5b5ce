package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.ProgressEvent;
import io.github.httpssetup.testing.AwsEmulator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Builds {@link Run}s against the emulator, so a single resource can be exercised in an integration test. */
final class Runs {

    private Runs() {
    }

    /** Clients for the emulator in the spec's region; close them after the test. */
    static AwsClients clients(AwsEmulator aws, HttpsSetup spec) {
        return new AwsClients(spec.region(), aws.credentialsProvider(), aws.endpoint(), List.of(), 8);
    }

    /** A run in the given mode; events are collected into {@code events} when not null. */
    static Run run(AwsClients clients, HttpsSetup spec, Run.Mode mode, List<ProgressEvent> events) {
        List<ProgressEvent> sink = events == null ? new CopyOnWriteArrayList<>() : events;
        return new Run(spec, clients, mode, EngineConfig.builder().listener(sink::add).build());
    }
}
