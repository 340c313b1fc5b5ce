package io.github.httpssetup.maven;

import io.github.httpssetup.core.Durations;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.HttpsSetupExecutor;
import io.github.httpssetup.core.ProgressEvent;
import io.github.httpssetup.core.ProgressListener;
import io.github.httpssetup.core.report.ApiCallRecorder;
import io.github.httpssetup.core.report.JsonReport;
import io.github.httpssetup.yaml.HttpsSetupYaml;
import io.github.httpssetup.yaml.YamlConfigException;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: where the description is, which environment of it, and how to reach AWS. Each
 * parameter is also a user property {@code -Dhttps-setup.<name>}; a value given on the command line wins
 * over the pom's {@code <configuration>}, which wins over the YAML file (for {@code region} and
 * {@code waitTimeout}).
 */
abstract class AbstractHttpsSetupMojo extends AbstractMojo {

    /** The description file. */
    @Parameter(property = "https-setup.configFile", defaultValue = "${project.basedir}/https-setup.yaml")
    File configFile;

    /** The environment of the file's {@code environments:} section to apply over its base (none by default). */
    @Parameter(property = "https-setup.environment")
    String environment;

    /** Overrides the file's {@code region}. */
    @Parameter(property = "https-setup.region")
    String region;

    /** A profile of {@code ~/.aws/config}; the SDK's default credentials chain when absent. */
    @Parameter(property = "https-setup.profile")
    String profile;

    /** One endpoint for every AWS service, e.g. a local emulator ({@code http://localhost:5000}). */
    @Parameter(property = "https-setup.endpoint")
    String endpoint;

    /** Overrides the file's {@code waitTimeout}, written as in the file: {@code 20m}, {@code 1h30m}, {@code PT20M}. */
    @Parameter(property = "https-setup.waitTimeout")
    String waitTimeout;

    /**
     * {@code json}: plan, apply and destroy also write their report, the versioned JSON document of the command line's
     * {@code --output json}, to {@code outputFile}. {@code text} (the default): the build log only.
     */
    @Parameter(property = "https-setup.output", defaultValue = "text")
    String output;

    /** Where {@code output=json} writes the report; {@code target/https-setup/<goal>.json} by default. */
    @Parameter(property = "https-setup.outputFile")
    File outputFile;

    /** Skips the goal. */
    @Parameter(property = "https-setup.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping https-setup:" + goal() + " (https-setup.skip is true)");
            return;
        }
        if (project != null && "pom".equals(project.getPackaging()) && (configFile == null || !configFile.isFile())) {
            getLog().info("Skipping https-setup:" + goal() + " for pom project " + project.getArtifactId()
                    + ": it has no " + (configFile == null ? "https-setup.yaml" : configFile.getName()));
            return;
        }
        boolean json = json();
        started = System.nanoTime();
        // the benchmark's cold-start split starts the goal's own time here (examples/benchmark)
        getLog().debug("https-setup:" + goal() + " started");
        try {
            run();
        } catch (YamlConfigException e) {
            reportFailure(
                    json,
                    e,
                    e.problems().stream()
                            .map(p -> new JsonReport.Problem(
                                    e.code(), p.message(), p.file(), p.line(), p.column(), p.path()))
                            .toList());
            throw failure(e.getMessage(), e);
        } catch (HttpsSetupException e) {
            reportFailure(json, e, List.of());
            throw failure("https-setup:" + goal() + " failed [" + e.code() + "]: " + e.getMessage(), e);
        }
    }

    /** Counts the AWS calls of the run, for the JSON report of a plan (apply and destroy results carry theirs). */
    final ApiCallRecorder calls = new ApiCallRecorder();

    private long started;

    /** The report's command for goals that write one (plan, apply, destroy); {@code null} for the others. */
    JsonReport.Command reportCommand() {
        return null;
    }

    /** Whether the JSON report is asked for; an unknown {@code output} fails before anything runs. */
    private boolean json() throws MojoFailureException {
        String value = blankToNull(output) == null ? "text" : output.trim().toLowerCase(Locale.ROOT);
        if (!value.equals("text") && !value.equals("json")) {
            throw new MojoFailureException("https-setup.output=" + output + " is not an output: use text (the build log"
                    + " only) or json (also a JSON report in target/https-setup/" + goal() + ".json)");
        }
        return value.equals("json") && reportCommand() != null;
    }

    /** The time since the goal started. */
    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Writes the report when {@code output=json}, and says where. */
    void report(JsonReport report) throws MojoFailureException {
        if (json()) {
            Path file = reportFile();
            report.writeTo(file);
            getLog().info("JSON report: " + file);
        }
    }

    private void reportFailure(boolean json, HttpsSetupException e, List<JsonReport.Problem> problems) {
        if (json) {
            Path file = reportFile();
            JsonReport.failure(reportCommand(), e, problems)
                    .withDuration(elapsed())
                    .writeTo(file);
            getLog().info("JSON report: " + file);
        }
    }

    /** {@code outputFile}, else {@code target/https-setup/<goal>.json} of the project (of the current directory without one). */
    Path reportFile() {
        if (outputFile != null) {
            return outputFile.toPath();
        }
        Path target = project != null
                        && project.getBuild() != null
                        && project.getBuild().getDirectory() != null
                ? Path.of(project.getBuild().getDirectory())
                : Path.of("target");
        return target.resolve("https-setup").resolve(goal() + ".json");
    }

    /**
     * The build's failure, saying each problem once. Maven prints the message followed by the message of every cause
     * it does not already contain: the core's own wording of the problems a YAML file's message already shows (with
     * follow-ons the file's message leaves out), or the AWS SDK's wording of an error the message already explains.
     * So the exception is attached as suppressed, not as the cause: {@code -e} still prints it with its causes.
     */
    static MojoFailureException failure(String message, HttpsSetupException e) {
        MojoFailureException failure = new MojoFailureException(message);
        failure.addSuppressed(e);
        return failure;
    }

    abstract String goal();

    abstract void run() throws MojoExecutionException, MojoFailureException;

    /** Loads and validates the description, with the command line's overrides. No AWS call. */
    HttpsSetup setup() throws MojoFailureException {
        if (configFile == null || !configFile.isFile()) {
            throw new MojoFailureException(
                    "No https-setup description at " + configFile + ". Create https-setup.yaml next"
                            + " to the pom (see the README for a minimal one) or point -Dhttps-setup.configFile at it.");
        }
        long start = System.nanoTime();
        HttpsSetup setup = HttpsSetupYaml.load(configFile.toPath(), blankToNull(environment));
        if (blankToNull(region) != null || blankToNull(waitTimeout) != null) {
            HttpsSetup.Builder builder = setup.toBuilder();
            if (blankToNull(region) != null) {
                builder.region(region.trim());
            }
            if (blankToNull(waitTimeout) != null) {
                builder.waitTimeout(duration(waitTimeout.trim(), "https-setup.waitTimeout"));
            }
            setup = builder.build();
        }
        // timed for the benchmark's cold-start split (examples/benchmark)
        getLog().debug("Description loaded and validated in " + (System.nanoTime() - start) / 1000 + " us");
        return setup;
    }

    HttpsSetupExecutor executor() throws MojoFailureException {
        HttpsSetupExecutor.Builder builder = HttpsSetupExecutor.builder().listener(progress());
        builder.addExecutionInterceptor(calls);
        if (blankToNull(profile) != null) {
            builder.profile(profile.trim());
        }
        try {
            builder.endpointOverride(endpoint); // checked there, before any AWS call
        } catch (HttpsSetupException e) {
            throw failure("https-setup.endpoint: " + e.getMessage(), e);
        }
        return builder.build();
    }

    /** Progress into the build log, at each event's {@link ProgressEvent#level()}; waits show their elapsed time and limit. */
    ProgressListener progress() {
        return event -> {
            switch (event.level()) {
                case WARN -> getLog().warn(event.toString());
                case INFO -> getLog().info(event.toString());
                case DEBUG -> getLog().debug(event.toString());
            }
        };
    }

    void info(String text) {
        for (String line : text.split("\n", -1)) {
            getLog().info(line);
        }
    }

    /** A duration as the YAML file writes it, see {@link Durations}; the failure names the parameter. */
    static Duration duration(String text, String name) throws MojoFailureException {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(name + ": " + e.getMessage());
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
