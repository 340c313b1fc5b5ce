package io.github.httpssetup.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The strict profile's Python launcher and its patches, copied from this jar into a directory the pinned
 * Python can run them from.
 */
final class StrictLauncher {

    static final String RESOURCE_DIRECTORY = "/io/github/httpssetup/testing/strict/";
    /** Every file of the launcher; it imports each {@code *_strict.py} among them. */
    static final List<String> FILES = List.of(
            "strict_moto.py",
            "strict_settings.py",
            "acm_strict.py",
            "elbv2_strict.py",
            "route53_strict.py",
            "ec2_strict.py",
            "domains_strict.py",
            "iam_strict.py",
            "wafv2_strict.py",
            "autoscaling_strict.py",
            "accesslogs_strict.py");

    private StrictLauncher() {}

    /** Copies the launcher into {@code directory} and returns the path of {@code strict_moto.py}. */
    static Path extract(Path directory) {
        try {
            Files.createDirectories(directory);
            for (String file : FILES) {
                try (InputStream in = StrictLauncher.class.getResourceAsStream(RESOURCE_DIRECTORY + file)) {
                    if (in == null) { // every behaviour is part of the profile: a jar without one is broken
                        throw new EmulatorUnavailableException("The strict emulator profile's " + file
                                + " is missing from the https-setup-testing jar (" + RESOURCE_DIRECTORY + ")");
                    }
                    Files.copy(in, directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new EmulatorUnavailableException(
                    "Cannot write the strict emulator launcher to " + directory + ": " + e.getMessage(), e);
        }
        return directory.resolve("strict_moto.py");
    }
}
