package io.github.httpssetup.cli;

import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.export.CloudFormationTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * {@code https-setup export}: the stack as a CloudFormation template, for CloudFormation to own. Reads only, like
 * {@code plan} (the instances, subnets and hosted zone the template names are resolved now).
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = HttpsSetupCli.Version.class,
        description = "Writes the stack as a CloudFormation template (JSON): the same resources, names and settings"
                + " apply would create. Reads only, like plan.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCode.OK + ":the template is written",
            ExitCode.ERROR + ":a read failed (AWS error, no instances, no hosted zone, ...)",
            ExitCode.INVALID_INPUT
                    + ":invalid input (YAML file, option, a key CloudFormation cannot express); no AWS call"
                    + " was made"
        })
final class ExportCommand implements Callable<Integer> {

    @Mixin
    DescriptionOptions description;

    @Mixin
    AwsOptions aws;

    @Option(
            names = "--format",
            paramLabel = "<format>",
            defaultValue = "cloudformation",
            description = "cloudformation (default; the only format for now).")
    String format;

    @Option(
            names = {"-o", "--template-file"},
            paramLabel = "<file>",
            description = "Where to write the template; standard output when absent.")
    Path templateFile;

    @ParentCommand
    HttpsSetupCli cli;

    @Override
    public Integer call() {
        if (!"cloudformation".equalsIgnoreCase(format.trim())) {
            throw new InvalidOptionException(
                    ErrorCode.INVALID_SPEC,
                    "--format " + format + " is not a format export writes: use cloudformation");
        }
        Terminal terminal = cli.terminal();
        HttpsSetup setup = description.setup();
        CloudFormationTemplate template =
                aws.executor(terminal, new ExecutionInterceptor() {}).export(setup);
        terminal.finish();
        template.warnings().forEach(w -> terminal.info("warning: " + w));
        if (templateFile == null) {
            terminal.result(template.toJson().stripTrailing());
        } else {
            try {
                Path parent = templateFile.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(templateFile, template.toJson());
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Could not write the template to " + templateFile + ": " + e.getMessage(), e);
            }
            terminal.info("CloudFormation template of stack " + setup.stack() + " written to " + templateFile + " ("
                    + template.logicalIds().size() + " resources). Deploy it with: aws cloudformation deploy"
                    + " --template-file " + templateFile + " --stack-name " + setup.stack() + " --region "
                    + setup.region());
        }
        return ExitCode.OK;
    }
}
