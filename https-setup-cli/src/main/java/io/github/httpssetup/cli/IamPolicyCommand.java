package io.github.httpssetup.cli;

import io.github.httpssetup.core.IamPolicy;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code https-setup iam-policy}: the least-privilege IAM policy of the description. */
@Command(
        name = "iam-policy",
        mixinStandardHelpOptions = true,
        versionProvider = HttpsSetupCli.Version.class,
        description = "Prints the least-privilege IAM policy (JSON) that plan, apply and destroy of this description"
                + " need. No AWS call.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCode.OK + ":the policy is printed",
            ExitCode.INVALID_INPUT + ":invalid input (YAML file, option)"
        })
final class IamPolicyCommand implements Callable<Integer> {

    @Mixin
    DescriptionOptions description;

    @ParentCommand
    HttpsSetupCli cli;

    @Override
    public Integer call() {
        cli.terminal().result(IamPolicy.of(description.setup()).toJson());
        return ExitCode.OK;
    }
}
