package io.github.httpssetup.cli;

import io.github.httpssetup.core.HttpsSetup;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code https-setup validate}: the file only; no credentials, no AWS call. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = HttpsSetupCli.Version.class,
        description = "Parses and validates the description: no credentials needed, no AWS call.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCode.OK + ":the file is valid",
            ExitCode.INVALID_INPUT + ":it is not: each problem with file:line:column"
        })
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    DescriptionOptions description;

    @ParentCommand
    HttpsSetupCli cli;

    @Override
    public Integer call() {
        HttpsSetup setup = description.setup();
        cli.terminal().result(description.fileName() + " is valid: " + setup.summary());
        return ExitCode.OK;
    }
}
