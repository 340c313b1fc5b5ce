package io.github.httpssetup.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pinned moto installed into a Python virtual environment under the user's cache directory, created
 * once per moto version and shared by every build on the machine.
 *
 * <p>Two JVMs (two Maven modules, two builds) may race to create it: an exclusive file lock serialises
 * them, and a marker file written last tells a complete environment from one a killed install left.
 */
final class MotoInstallation {

    /** The one place the moto version is pinned. */
    static final String MOTO_VERSION = "5.2.5";
    /**
     * The one place cfn-lint's version is pinned: the one moto's {@code [server]} extra pulls in at
     * {@link #MOTO_VERSION}, installed explicitly so that the linter of the tests never drifts.
     */
    static final String CFN_LINT_VERSION = "1.58.0";

    static final String CACHE_DIR_VARIABLE = "HTTPS_SETUP_CACHE_DIR";

    private static final Logger LOG = LoggerFactory.getLogger(MotoInstallation.class);
    private static final String COMPLETE_MARKER = ".installed";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

    private final Path python;
    private final Path directory;

    MotoInstallation(Path python, Path cacheRoot) {
        this.python = python;
        this.directory = cacheRoot.resolve("moto-" + MOTO_VERSION);
    }

    /** The cache root: {@code HTTPS_SETUP_CACHE_DIR}, else {@code $XDG_CACHE_HOME/https-setup}, else {@code ~/.cache/https-setup}. */
    static Path defaultCacheRoot(EmulatorSelector.Host host) {
        return host.variable(CACHE_DIR_VARIABLE)
                .filter(s -> !s.isBlank())
                .map(Paths::get)
                .or(() -> host.variable("XDG_CACHE_HOME")
                        .filter(s -> !s.isBlank())
                        .map(p -> Paths.get(p, "https-setup")))
                .orElseGet(() -> Paths.get(System.getProperty("user.home"), ".cache", "https-setup"));
    }

    Path directory() {
        return directory;
    }

    boolean installed() {
        return Files.exists(directory.resolve(COMPLETE_MARKER)) && Files.isExecutable(motoServer());
    }

    Path motoServer() {
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        return windows
                ? directory.resolve("Scripts").resolve("moto_server.exe")
                : directory.resolve("bin").resolve("moto_server");
    }

    /** The environment's Python interpreter, which can import the pinned moto. */
    Path python() {
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        return windows
                ? directory.resolve("Scripts").resolve("python.exe")
                : directory.resolve("bin").resolve("python");
    }

    /** Creates the environment unless a complete one exists; returns the {@code moto_server} executable. */
    Path ensureInstalled() {
        if (installed()) {
            LOG.info("Reusing moto {} from {}", MOTO_VERSION, directory);
            return motoServer();
        }
        try {
            Files.createDirectories(directory.getParent());
            Path lockFile = directory.getParent().resolve("moto-" + MOTO_VERSION + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                if (installed()) { // another JVM finished it while this one waited for the lock
                    LOG.info("Reusing moto {} from {} (installed by a concurrent build)", MOTO_VERSION, directory);
                    return motoServer();
                }
                install();
                return motoServer();
            }
        } catch (IOException e) {
            throw new EmulatorUnavailableException(
                    "Could not install moto " + MOTO_VERSION + " into " + directory
                            + ": " + e.getMessage() + ". Install it yourself with `pip install \"moto[server]=="
                            + MOTO_VERSION + "\"`, or set " + EmulatorSelector.ENDPOINT_VARIABLE
                            + " to a running emulator.",
                    e);
        }
    }

    /** The environment's {@code cfn-lint} executable. */
    Path cfnLint() {
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        return windows
                ? directory.resolve("Scripts").resolve("cfn-lint.exe")
                : directory.resolve("bin").resolve("cfn-lint");
    }

    /**
     * Installs the pinned cfn-lint into the environment unless it is there at that version (an environment made
     * before the pin was added gets it here, under the same lock); returns the executable.
     */
    Path ensureCfnLint() {
        ensureInstalled();
        Path marker = directory.resolve(".cfn-lint-" + CFN_LINT_VERSION);
        if (Files.exists(marker) && Files.isExecutable(cfnLint())) {
            return cfnLint();
        }
        try {
            Path lockFile = directory.getParent().resolve("moto-" + MOTO_VERSION + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                if (!Files.exists(marker) || !Files.isExecutable(cfnLint())) {
                    Path log = directory.getParent().resolve("moto-" + MOTO_VERSION + "-install.log");
                    run(
                            List.of(
                                    python().toString(),
                                    "-m",
                                    "pip",
                                    "install",
                                    "--disable-pip-version-check",
                                    "--quiet",
                                    "cfn-lint==" + CFN_LINT_VERSION),
                            log);
                    Files.writeString(marker, CFN_LINT_VERSION + "\n");
                }
                return cfnLint();
            }
        } catch (IOException e) {
            throw new EmulatorUnavailableException(
                    "Could not install cfn-lint " + CFN_LINT_VERSION + " into " + directory
                            + ": " + e.getMessage() + ". Install it yourself with `pip install cfn-lint=="
                            + CFN_LINT_VERSION
                            + "` into that environment.",
                    e);
        }
    }

    private void install() throws IOException {
        long started = System.nanoTime();
        LOG.info("Installing moto {} into {} (once per machine; later runs reuse it)", MOTO_VERSION, directory);
        deleteRecursively(directory); // a partial environment from an interrupted install
        Path log = directory.getParent().resolve("moto-" + MOTO_VERSION + "-install.log");
        run(List.of(python.toString(), "-m", "venv", directory.toString()), log);
        run(
                List.of(
                        python().toString(),
                        "-m",
                        "pip",
                        "install",
                        "--disable-pip-version-check",
                        "--quiet",
                        "moto[server]==" + MOTO_VERSION,
                        "cfn-lint==" + CFN_LINT_VERSION),
                log);
        if (!Files.isExecutable(motoServer())) {
            throw new IOException("pip finished but " + motoServer() + " is missing; see " + log);
        }
        Files.writeString(directory.resolve(".cfn-lint-" + CFN_LINT_VERSION), CFN_LINT_VERSION + "\n");
        Files.writeString(directory.resolve(COMPLETE_MARKER), MOTO_VERSION + "\n");
        LOG.info(
                "Installed moto {} in {} s", MOTO_VERSION, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    private static void run(List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            if (!process.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within "
                        + INSTALL_TIMEOUT.toMinutes() + " minutes; see " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + "; see " + log);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            for (Path p : (Iterable<Path>) paths.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
