package io.github.httpssetup.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@code moto_server} child process on a free loopback port, health-checked before use. */
final class MotoServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MotoServer.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /**
     * Starts the server and waits until it answers.
     *
     * @param command the server's command line without the address arguments: {@code moto_server}, or the
     *     pinned Python and the strict launcher
     * @param environment variables added to the server's environment, e.g. {@code MOTO_ACM_VALIDATION_WAIT}
     */
    static MotoServer start(List<String> command, Path logDirectory, Map<String, String> environment) {
        String executable = command.get(0);
        int port = freePort();
        try {
            Files.createDirectories(logDirectory);
        } catch (IOException e) {
            throw new EmulatorUnavailableException(
                    "Cannot create " + logDirectory + " for the moto log: " + e.getMessage(), e);
        }
        Path log = logDirectory.resolve("moto-server-" + port + ".log");
        List<String> commandLine = new java.util.ArrayList<>(command);
        commandLine.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
        ProcessBuilder builder = new ProcessBuilder(commandLine)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        // The server must not pick up a user's AWS endpoint or profile and forward anything anywhere.
        builder.environment().remove(EmulatorSelector.ENDPOINT_VARIABLE);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new EmulatorUnavailableException("Could not start " + executable + ": " + e.getMessage(), e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        MotoServer server = new MotoServer(process, endpoint, log);
        server.awaitHealthy(executable);
        LOG.info("moto server {} answering at {} (log: {})", String.join(" ", command), endpoint, log);
        return server;
    }

    URI endpoint() {
        return endpoint;
    }

    Path log() {
        return log;
    }

    private void awaitHealthy(String executable) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new EmulatorUnavailableException(
                        executable + " exited with " + process.exitValue() + " before answering; see " + log);
            }
            if (healthy(endpoint)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new EmulatorUnavailableException("Interrupted while waiting for moto to start", e);
            }
        }
        close();
        throw new EmulatorUnavailableException(
                executable + " did not answer within " + STARTUP_TIMEOUT.toSeconds() + " s; see " + log);
    }

    static boolean healthy(URI endpoint) {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmulatorUnavailableException("No free local port for the emulator: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
