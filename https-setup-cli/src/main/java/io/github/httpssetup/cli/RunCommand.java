package io.github.httpssetup.cli;

import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.report.ApiCallRecorder;
import io.github.httpssetup.core.report.JsonReport;
import io.github.httpssetup.yaml.YamlConfigException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * What {@code plan}, {@code apply} and {@code destroy} share: the description, AWS, progress on standard error and
 * {@code --output json}. A failure still writes its JSON document (status {@code failed} or {@code invalid}) before
 * the error message.
 */
abstract class RunCommand implements Callable<Integer> {

    /** How the result is written to standard output. */
    enum Output {
        TEXT,
        JSON
    }

    @Mixin
    DescriptionOptions description;

    @Mixin
    AwsOptions aws;

    @Option(
            names = "--output",
            paramLabel = "<format>",
            defaultValue = "text",
            description = "text (default) or json: the versioned JSON report on standard output (its schema:"
                    + " io/github/httpssetup/core/report/https-setup-report.schema.json in the jar).")
    Output output;

    @Option(
            names = {"-v", "--verbose"},
            description = "Also show each step, each write as it starts and each retry.")
    boolean verbose;

    @ParentCommand
    HttpsSetupCli cli;

    /** Counts the calls of runs whose result does not (a plan). */
    final ApiCallRecorder calls = new ApiCallRecorder();

    private long started;

    abstract JsonReport.Command command();

    /** Runs the command; returns its exit code. */
    abstract int run(Terminal terminal);

    @Override
    public final Integer call() {
        Terminal terminal = cli.terminal();
        terminal.verbose(verbose);
        started = System.nanoTime();
        try {
            return run(terminal);
        } catch (HttpsSetupException e) {
            if (output == Output.JSON) {
                terminal.finish();
                terminal.result(JsonReport.failure(command(), e, problems(e))
                        .withDuration(elapsed())
                        .toJson()
                        .stripTrailing());
            }
            throw e;
        } finally {
            terminal.finish();
        }
    }

    /** The time since the command started. */
    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    boolean json() {
        return output == Output.JSON;
    }

    /** Writes the report (JSON) or the text for people to standard output, and a summary to standard error for JSON. */
    void print(Terminal terminal, JsonReport report, String text, String summary) {
        terminal.finish();
        if (json()) {
            terminal.info(summary);
            terminal.result(report.toJson().stripTrailing());
        } else {
            terminal.result(text);
        }
    }

    /** Each problem of a YAML file with its location; otherwise the error itself. */
    static List<JsonReport.Problem> problems(HttpsSetupException e) {
        if (e instanceof YamlConfigException yaml) {
            return yaml.problems().stream()
                    .map(p -> new JsonReport.Problem(e.code(), p.message(), p.file(), p.line(), p.column(), p.path()))
                    .toList();
        }
        return List.of(JsonReport.Problem.of(e));
    }
}
