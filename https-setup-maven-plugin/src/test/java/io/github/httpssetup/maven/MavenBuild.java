package io.github.httpssetup.maven;

import io.github.httpssetup.testing.AwsEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a real {@code mvn} on a copy of a fixture project, with this build's plugin installed in a
 * private local repository and AWS pointed at the emulator.
 */
final class MavenBuild {

    /** What one mvn run printed and how it ended. */
    record Result(int exitCode, String log) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private final Path project;
    private final AwsEmulator aws;
    private final Path settings;

    private MavenBuild(Path project, AwsEmulator aws, Path settings) {
        this.project = project;
        this.aws = aws;
        this.settings = settings;
    }

    /** Copies {@code src/test/resources/projects/<name>} to a fresh directory under target/. */
    static MavenBuild of(String fixture, AwsEmulator aws) {
        try {
            Path target = Files.createTempDirectory(
                    Files.createDirectories(Paths.get("target", "it-projects").toAbsolutePath()), fixture + "-");
            Path source = Paths.get("src", "test", "resources", "projects", fixture);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path to = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.writeString(to, Files.readString(file).replace("@pluginVersion@", pluginVersion()));
                    }
                }
            }
            return new MavenBuild(target, aws, settings(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pluginVersion() {
        return System.getProperty("it.pluginVersion", "0.1.0-SNAPSHOT");
    }

    Path project() {
        return project;
    }

    void write(String file, String content) {
        try {
            Files.writeString(project.resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs mvn with these arguments in the project directory. */
    Result run(String... arguments) {
        String mavenHome = System.getProperty("maven.home");
        if (mavenHome == null) {
            throw new IllegalStateException("maven.home is not set: run these tests through Maven (failsafe)");
        }
        List<String> command = new ArrayList<>();
        command.add(Paths.get(mavenHome, "bin", "mvn").toString());
        command.add("-B");
        command.add("-ntp");
        command.add("-s");
        command.add(settings.toString());
        command.add("-Dmaven.repo.local="
                + Paths.get(System.getProperty("it.repository", "target/it-repo"))
                        .toAbsolutePath());
        command.add("-Dhttps-setup.endpoint=" + aws.endpoint());
        command.addAll(List.of(arguments));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
        builder.environment().remove("AWS_PROFILE");
        builder.environment().remove("AWS_ENDPOINT_URL");
        builder.environment().remove("MAVEN_OPTS");
        try {
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("mvn did not finish in 5 minutes: " + command);
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The child builds read from the private repository first, then from the user's local repository (as a
     * file repository, so nothing already downloaded is fetched again), then from Maven Central.
     */
    private static Path settings(Path dir) throws IOException {
        String userRepository = Paths.get(System.getProperty(
                        "it.userRepository",
                        Paths.get(System.getProperty("user.home"), ".m2", "repository")
                                .toString()))
                .toUri()
                .toString();
        String xml = "<settings>\n  <profiles>\n    <profile>\n      <id>it</id>\n      <repositories>\n"
                + "        <repository><id>user-local</id><url>" + userRepository + "</url></repository>\n"
                + "      </repositories>\n      <pluginRepositories>\n"
                + "        <pluginRepository><id>user-local</id><url>" + userRepository + "</url></pluginRepository>\n"
                + "      </pluginRepositories>\n    </profile>\n  </profiles>\n"
                + "  <activeProfiles><activeProfile>it</activeProfile></activeProfiles>\n</settings>\n";
        Path file = dir.resolveSibling(dir.getFileName() + "-settings.xml");
        Files.writeString(file, xml);
        return file;
    }
}
