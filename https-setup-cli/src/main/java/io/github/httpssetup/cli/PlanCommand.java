package io.github.httpssetup.cli;

import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.Plan;
import io.github.httpssetup.core.report.JsonReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code https-setup plan}: what apply would change, changing nothing. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        versionProvider = HttpsSetupCli.Version.class,
        description = "Shows what apply would change, without changing anything (read-only AWS calls).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCode.OK + ":success; with --detailed-exitcode: AWS matches the description",
            ExitCode.ERROR + ":the plan failed",
            ExitCode.CHANGES + ":with --detailed-exitcode: apply would change something, or a conflict blocks it",
            ExitCode.INVALID_INPUT + ":invalid input (YAML file, option); no AWS call was made"
        })
final class PlanCommand extends RunCommand {

    @Option(
            names = "--detailed-exitcode",
            description =
                    "Exit 0 when AWS matches the description, 2 when apply would change something (as Terraform).")
    boolean detailedExitCode;

    @Override
    JsonReport.Command command() {
        return JsonReport.Command.PLAN;
    }

    @Override
    int run(Terminal terminal) {
        HttpsSetup setup = description.setup();
        Plan plan = aws.executor(terminal, calls).plan(setup);
        JsonReport report = JsonReport.of(plan).withDuration(elapsed()).withApiCalls(calls.snapshot());
        print(terminal, report, plan.render(), plan.summary());
        return detailedExitCode && (plan.hasChanges() || plan.hasConflicts()) ? ExitCode.CHANGES : ExitCode.OK;
    }
}
