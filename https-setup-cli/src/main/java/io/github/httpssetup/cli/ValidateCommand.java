package io.github.httpssetup.cli;

import io.github.httpssetup.core.HttpsSetup;
import java.util.ArrayList;
import java.util.List;
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
        cli.terminal()
                .result(description.fileName() + " is valid: stack " + setup.stack() + " in " + setup.region() + ", "
                        + served(setup));
        return ExitCode.OK;
    }

    /** The URL and how many names more; with sites, how many, and each one's name, URL and names more. */
    static String served(HttpsSetup setup) {
        if (setup.sites().isEmpty()) {
            return setup.url() + more(setup.allNames().size());
        }
        List<String> sites = new ArrayList<>();
        setup.sites()
                .forEach((name, site) -> sites.add(
                        name + " " + setup.siteUrl(name) + more(site.allNames().size())));
        return setup.sites().size() + " sites: " + String.join(", ", sites);
    }

    private static String more(int names) {
        return names > 1 ? " (+" + (names - 1) + " names)" : "";
    }
}
