package io.github.httpssetup.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/** The real machine: environment variables, {@code PATH}, Docker. */
final class SystemHost implements EmulatorSelector.Host {

    @Override
    public Optional<String> variable(String name) {
        return Optional.ofNullable(System.getenv(name));
    }

    @Override
    public Optional<Path> onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : windows
                    ? new String[] {executable + ".exe", executable + ".cmd", executable}
                    : new String[] {executable}) {
                Path candidate = Paths.get(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean dockerAvailable() {
        return LocalStackEmulator.dockerAvailable();
    }
}
