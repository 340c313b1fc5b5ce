package io.github.httpssetup.core.reliability;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The command line of a child JVM running a main class of this package, on this JVM's test class path. Class
 * directories are copied once to a private directory first, so that a concurrent build that cleans or recompiles
 * {@code target/classes} cannot pull classes out from under a child.
 */
final class ChildJvm {

    private static String classPath;

    private ChildJvm() {}

    static List<String> command(Class<?> main, List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath());
        command.add(main.getName());
        command.addAll(args);
        return command;
    }

    static synchronized String classPath() {
        if (classPath == null) {
            String original = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            try {
                Path snapshot = Files.createTempDirectory("reliability-classpath");
                List<String> entries = new ArrayList<>();
                int i = 0;
                for (String entry : original.split(File.pathSeparator)) {
                    Path path = Paths.get(entry);
                    if (Files.isDirectory(path)) {
                        Path copy = snapshot.resolve("dir" + i++);
                        copyTree(path, copy);
                        entries.add(copy.toString());
                    } else {
                        entries.add(entry);
                    }
                }
                classPath = String.join(File.pathSeparator, entries);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return classPath;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
