package io.github.httpssetup.cli;

import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.yaml.YamlConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code https-setup}: the Maven goals on the command line, on the same core and the same YAML file.
 *
 * <pre>
 * java -jar https-setup-cli.jar plan -f https-setup.yaml --environment prod
 * https-setup apply --profile deploy
 * https-setup plan --detailed-exitcode --output json | jq .summary
 * </pre>
 *
 * <p>Each command is one class, listed in {@link Command#subcommands()} below; the options they share are
 * {@link DescriptionOptions} and {@link AwsOptions}.
 */
@Command(
        name = "https-setup",
        mixinStandardHelpOptions = true,
        versionProvider = HttpsSetupCli.Version.class,
        description = "Puts HTTPS in front of an application on AWS EC2, as https-setup.yaml describes: Route 53 zone,"
                + " ACM certificate, security groups, target group, load balancer, listeners, alias records.",
        subcommands = {
            ValidateCommand.class,
            PlanCommand.class,
            ApplyCommand.class,
            DestroyCommand.class,
            IamPolicyCommand.class,
            ExportCommand.class
        },
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands (https-setup COMMAND --help for each):%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCode.OK + ":success (plan --detailed-exitcode: no changes)",
            ExitCode.ERROR + ":the run failed (AWS error, timeout, conflict, ...)",
            ExitCode.CHANGES + ":plan --detailed-exitcode: apply would change something",
            ExitCode.INVALID_INPUT + ":invalid input (YAML file, option); no AWS call was made"
        },
        footer = {
            "%nCredentials: --profile, else the AWS SDK's default chain (environment, ~/.aws, SSO, instance role).",
            "Results go to standard output, progress and errors to standard error."
        })
public final class HttpsSetupCli implements Runnable {

    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    HttpsSetupCli(Terminal terminal) {
        this.terminal = terminal;
    }

    /** Runs the command line and exits with its {@link ExitCode}. */
    public static void main(String[] args) {
        quietLibraries();
        System.exit(execute(Terminal.system(System.getenv()), args));
    }

    /** Runs the command line on a terminal; returns the exit code. */
    static int execute(Terminal terminal, String... args) {
        return commandLine(terminal).execute(args);
    }

    static CommandLine commandLine(Terminal terminal) {
        CommandLine cli = new CommandLine(new HttpsSetupCli(terminal));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, args) -> {
            terminal.error(e.getMessage());
            CommandLine command = e.getCommandLine();
            terminal.info("Run '" + command.getCommandSpec().qualifiedName() + " --help' for its options.");
            return ExitCode.INVALID_INPUT;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            terminal.finish();
            if (e
                    instanceof
                    YamlConfigException) { // file:line:column first, as compilers write it (editors jump there)
                terminal.info(e.getMessage());
                return ExitCode.INVALID_INPUT;
            }
            if (e instanceof InvalidOptionException) {
                terminal.error(e.getMessage());
                return ExitCode.INVALID_INPUT;
            }
            if (e instanceof HttpsSetupException failure) {
                terminal.error("https-setup " + command.getCommandName() + " failed [" + failure.code() + "]: "
                        + failure.getMessage());
                return ExitCode.of(failure);
            }
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            terminal.error("https-setup " + command.getCommandName() + " failed unexpectedly: " + e + "\n" + trace);
            return ExitCode.ERROR;
        });
        cli.setOut(new PrintWriter(terminal.stdout(), true));
        cli.setErr(new PrintWriter(terminal.stderr(), true));
        return cli;
    }

    /** Without a command: the usage, as an invalid input. */
    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(), "Missing command: validate, plan, apply, destroy or iam-policy.");
    }

    Terminal terminal() {
        return terminal;
    }

    /**
     * The AWS SDK and core log through SLF4J: on the command line only their warnings show, on standard error. Progress
     * has its own printer ({@link Terminal}). A {@code -D} given to the JVM wins.
     */
    private static void quietLibraries() {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
        setDefault("org.slf4j.simpleLogger.log.io.github.httpssetup.progress", "off");
    }

    private static void setDefault(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** {@code https-setup 0.1.0}: the version the build wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = HttpsSetupCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {
                "https-setup " + properties.getProperty("version", "(unknown version)"),
                "Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name")
            };
        }
    }
}
