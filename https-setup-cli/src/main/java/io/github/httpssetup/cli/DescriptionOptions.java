package io.github.httpssetup.cli;

import io.github.httpssetup.core.Durations;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.yaml.HttpsSetupYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Which description, and the command line's overrides of it: the options of the Maven goals' {@code configFile},
 * {@code environment}, {@code region} and {@code waitTimeout}. An option given wins over the file.
 */
final class DescriptionOptions {

    @Option(
            names = {"-f", "--file"},
            paramLabel = "<file>",
            defaultValue = "https-setup.yaml",
            description = "The description file (default: ${DEFAULT-VALUE} in the current directory).")
    Path file;

    @Option(
            names = "--environment",
            paramLabel = "<name>",
            description = "The environment of the file's environments: section to apply over its base.")
    String environment;

    @Option(names = "--region", paramLabel = "<region>", description = "Overrides the file's region.")
    String region;

    @Option(
            names = "--wait-timeout",
            paramLabel = "<duration>",
            description = "Overrides the file's waitTimeout, written as in the file: 20m, 1h30m, PT20M.")
    String waitTimeout;

    /** Loads and validates the description, with the overrides. No AWS call. */
    HttpsSetup setup() {
        if (file == null || !Files.isRegularFile(file)) {
            throw new InvalidOptionException(
                    ErrorCode.INVALID_SPEC,
                    "No https-setup description at " + file
                            + ". Create https-setup.yaml in this directory (see the README for a minimal one) or point -f/--file at it.");
        }
        HttpsSetup setup = HttpsSetupYaml.load(file, blankToNull(environment));
        if (blankToNull(region) == null && blankToNull(waitTimeout) == null) {
            return setup;
        }
        HttpsSetup.Builder builder = setup.toBuilder();
        if (blankToNull(region) != null) {
            builder.region(region.trim());
        }
        if (blankToNull(waitTimeout) != null) {
            builder.waitTimeout(duration(waitTimeout, "--wait-timeout"));
        }
        return builder.build();
    }

    /** The file's name, as messages show it. */
    String fileName() {
        return file == null || file.getFileName() == null
                ? "https-setup.yaml"
                : file.getFileName().toString();
    }

    /** A duration as the YAML file writes it, see {@link Durations}; the error names the option. */
    static Duration duration(String text, String option) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(ErrorCode.INVALID_SPEC, option + ": " + e.getMessage());
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
