package io.github.httpssetup.cli;

import io.github.httpssetup.core.DestroyResult;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.report.JsonReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code https-setup destroy --confirm <stack>}: deletes what the stack owns. */
@Command(
        name = "destroy",
        mixinStandardHelpOptions = true,
        versionProvider = HttpsSetupCli.Version.class,
        description = "Deletes what the stack owns, in reverse order. Refuses unless confirmed with the stack's name."
                + " The hosted zone stays unless the file asks otherwise; nothing the stack does not own is touched.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCode.OK + ":the stack's resources are gone",
            ExitCode.ERROR + ":the destroy failed",
            ExitCode.INVALID_INPUT + ":invalid input (YAML file, option, no --confirm); no AWS call was made"
        })
final class DestroyCommand extends RunCommand {

    @Option(names = "--confirm", paramLabel = "<stack>", description = "Must equal the stack's name.")
    String confirm;

    @Override
    JsonReport.Command command() {
        return JsonReport.Command.DESTROY;
    }

    @Override
    int run(Terminal terminal) {
        HttpsSetup setup = description.setup();
        if (!setup.stack().equals(DescriptionOptions.blankToNull(confirm) == null ? null : confirm.trim())) {
            throw new InvalidOptionException(
                    ErrorCode.INVALID_SPEC,
                    "destroy deletes the load balancer, listeners, target"
                            + " group, security groups, certificate and DNS records of stack " + setup.stack() + " in "
                            + setup.region() + ". Nothing was changed. To confirm, run again with --confirm "
                            + setup.stack());
        }
        DestroyResult result = aws.executor(terminal, calls).destroy(setup);
        JsonReport report = JsonReport.of(result).withStack(setup.stack(), setup.region());
        print(
                terminal,
                report,
                result.render(),
                "Deleted " + result.deleted().size() + " resources of stack " + setup.stack());
        return ExitCode.OK;
    }
}
