package io.github.httpssetup.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * AWS's CloudFormation linter, <a href="https://github.com/aws-cloudformation/cfn-lint">cfn-lint</a>, at a pinned
 * version, installed the way the emulator is (into the same virtual environment under the user's cache, once per
 * machine). Checks a template file and returns what it found.
 *
 * <pre>{@code
 * List<CfnLint.Finding> findings = CfnLint.installed().check(Path.of("cloudformation.json"), "ap-northeast-2");
 * assertThat(findings).filteredOn(CfnLint.Finding::error).isEmpty();
 * }</pre>
 */
public final class CfnLint {

    /** The pinned version. */
    public static final String VERSION = MotoInstallation.CFN_LINT_VERSION;

    private static final long TIMEOUT_SECONDS = 300;

    private final Path executable;

    private CfnLint(Path executable) {
        this.executable = executable;
    }

    /**
     * The pinned cfn-lint, installed first if needed (needs {@code python3} on {@code PATH} and the package
     * index, once per machine).
     *
     * @throws EmulatorUnavailableException when it cannot be installed
     */
    public static synchronized CfnLint installed() {
        EmulatorSelector.Host host = new SystemHost();
        Path python = host.onPath("python3")
                .orElseThrow(() -> new EmulatorUnavailableException("cfn-lint needs python3"
                        + " on PATH to install cfn-lint " + VERSION + " into a virtual environment"));
        return new CfnLint(new MotoInstallation(python, MotoInstallation.defaultCacheRoot(host)).ensureCfnLint());
    }

    /**
     * One finding.
     *
     * @param rule    the rule id: {@code E...} an error, {@code W...} a warning, {@code I...} information
     * @param line    the line of the template it points at
     * @param column  the column
     * @param message what cfn-lint says
     */
    public record Finding(String rule, int line, int column, String message) {
        /** Whether the rule is an error ({@code E...}): a template with one fails to deploy or deploys wrong. */
        public boolean error() {
            return rule.startsWith("E");
        }

        @Override
        public String toString() {
            return rule + " at " + line + ":" + column + ": " + message;
        }
    }

    /** Lints the template for the region; every finding, errors, warnings and information alike. */
    public List<Finding> check(Path template, String region) {
        return check(List.of(template), region).get(template);
    }

    /**
     * Lints several templates in one run (cfn-lint takes seconds to load its schemas); the findings of each, in the
     * order given.
     */
    public Map<Path, List<Finding>> check(List<Path> templates, String region) {
        List<String> command = new ArrayList<>(List.of(
                executable.toString(), "--format", "parseable", "--regions", region, "--include-checks", "I", "--"));
        templates.forEach(t -> command.add(Objects.requireNonNull(t, "template").toString()));
        String output;
        int exit;
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "cfn-lint did not finish within " + TIMEOUT_SECONDS + " s on " + templates);
            }
            exit = process.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + executable + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while linting " + templates, e);
        }
        Map<Path, List<Finding>> findings = new LinkedHashMap<>();
        templates.forEach(t -> findings.put(t, parse(output, t)));
        // Exit codes are a bit field of the levels found (2 error, 4 warning, 8 information); 1 is a failure of its
        // own.
        if ((exit & 1) != 0 || (exit != 0 && findings.values().stream().allMatch(List::isEmpty))) {
            throw new IllegalStateException("cfn-lint failed (exit " + exit + ") on " + templates + ":\n" + output);
        }
        return findings;
    }

    /** Lines {@code file:line:column:endLine:endColumn:rule:message}; the file name may itself hold colons. */
    static List<Finding> parse(String output, Path template) {
        List<Finding> findings = new ArrayList<>();
        String prefix = template.toString() + ":";
        for (String line : output.split("\\R")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            String[] parts = line.substring(prefix.length()).split(":", 6);
            if (parts.length < 6) {
                continue;
            }
            findings.add(new Finding(parts[4], Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), parts[5]));
        }
        return findings;
    }
}
