package io.github.httpssetup.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrictLauncherTest {

    @Test
    void extract_copiesTheLauncherAndEveryBehaviourModule(@TempDir Path directory) throws IOException {
        Path launcher = StrictLauncher.extract(directory);

        assertThat(launcher).isEqualTo(directory.resolve("strict_moto.py")).isRegularFile();
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(StrictLauncher.FILES);
        }
    }

    @Test
    void files_listEveryModuleTheResourcesHold() throws IOException {
        Path resources = Path.of("src", "main", "resources").resolve(StrictLauncher.RESOURCE_DIRECTORY.substring(1));
        try (Stream<Path> files = Files.list(resources)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".py")))
                    .containsExactlyInAnyOrderElementsOf(StrictLauncher.FILES);
        }
    }
}
