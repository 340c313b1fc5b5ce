package io.github.httpssetup.cli;

import io.github.httpssetup.core.ApplyResult;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.report.JsonReport;
import picocli.CommandLine.Command;

/** {@code https-setup apply}: converges AWS to the description. */
@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        versionProvider = HttpsSetupCli.Version.class,
        description = "Converges AWS to the description, with progress during waits, then prints the URL, the load"
                + " balancer, the certificate and the name servers. A second run changes nothing.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCode.OK + ":AWS now matches the description",
            ExitCode.ERROR + ":the apply failed (the message lists what it changed before it stopped)",
            ExitCode.INVALID_INPUT + ":invalid input (YAML file, option); no AWS call was made"
        })
final class ApplyCommand extends RunCommand {

    @Override
    JsonReport.Command command() {
        return JsonReport.Command.APPLY;
    }

    @Override
    int run(Terminal terminal) {
        HttpsSetup setup = description.setup();
        ApplyResult result = aws.executor(terminal, calls).apply(setup);
        JsonReport report = JsonReport.of(result).withStack(setup.stack(), setup.region());
        print(terminal, report, result.render(), (result.changed() ? "Applied: " : "No changes: ") + result.url());
        return ExitCode.OK;
    }
}
