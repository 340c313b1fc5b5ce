package io.github.httpssetup.yaml;

import io.github.httpssetup.core.HttpsSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads and writes {@code https-setup.yaml}, the file an application team checks in to describe HTTPS in front of its
 * EC2 instances. Its keys mirror {@link HttpsSetup.Builder} one to one:
 *
 * <pre>{@code
 * # yaml-language-server: $schema=https-setup.schema.json
 * stack: shop
 * region: ${AWS_REGION:-ap-northeast-2}
 * domain:
 *   name: example.com
 *   alternativeNames: [www.example.com]
 * targets:
 *   instanceTags: { app: shop }
 *   port: 8080
 *   healthCheck: { path: /actuator/health, interval: 15s }
 * listeners:
 *   http: { action: redirect }
 * environments:
 *   prod: { region: eu-west-1, targets: { instanceTags: { env: prod } } }
 * }</pre>
 *
 * <pre>{@code
 * HttpsSetup setup = HttpsSetupYaml.load(Path.of("https-setup.yaml"), "prod");
 * }</pre>
 *
 * <ul>
 *   <li><b>Values.</b> Durations are a whole number and a unit, several from the largest: {@code 15s}, {@code 5m},
 *   {@code 1h30m}, {@code 250ms} (units {@code d h m s ms ns}, lower case), or ISO-8601 in upper case
 *   ({@code PT1M30S}): see {@link io.github.httpssetup.core.Durations}. Enumerations take their constant's name in any case
 *   ({@code dualstack}, {@code DUALSTACK}, {@code ec_prime256v1}). Numbers and booleans are unquoted; unquoted
 *   {@code yes}, {@code no}, {@code on} and {@code off} are strings (YAML 1.2). {@code subnets: auto} and
 *   {@code securityGroups: auto} (the defaults) let the load balancer pick them.</li>
 *   <li><b>Variables.</b> {@code ${NAME}} and {@code ${NAME:-default}} in values are replaced by the environment
 *   variable, else the Java system property, of that name; the default applies when it is unset or empty.
 *   <code>$${</code> is a literal <code>${</code>. Keys are never interpolated. An unset variable without default is an
 *   error.</li>
 *   <li><b>Environments.</b> The top-level {@code environments:} maps names to overrides, merged over the rest of the
 *   file when that environment is loaded: mappings merge key by key; strings, numbers, booleans and <em>lists are
 *   replaced whole</em>; {@code null} removes a key (restoring its default). Every override's keys are checked, even
 *   when another environment is loaded.</li>
 *   <li><b>Sites.</b> {@code sites:} maps site names to sites, each with its own {@code domain}, {@code targets} and
 *   optional {@code routes} (a list of {@code paths} and {@code targets}), in place of the top-level {@code domain} and
 *   {@code targets}; {@code defaultSite:} names the one that answers unknown hosts. In an environment, sites merge by
 *   name like any mapping ({@code null} removes one), and a site's {@code routes}, a list, is replaced whole.</li>
 *   <li><b>Safety.</b> Only nodes are composed, never objects: explicit tags ({@code !!python/object}, {@code !foo})
 *   are errors, aliases to mappings and lists are limited to 20, nesting to 32 levels and the file to 1 MiB, checked
 *   before it is read. Duplicate keys are
 *   errors. The file must be UTF-8.</li>
 *   <li><b>Errors.</b> Every problem of the file is reported at once in a {@link YamlConfigException}, each at its
 *   line and column with the key path, including the core's checks of the description.</li>
 * </ul>
 *
 * <p>A JSON Schema of the file, for editors, is in this jar at {@value #SCHEMA_RESOURCE}. Loading never calls AWS.
 */
public final class HttpsSetupYaml {
    /** The class-path location of the JSON Schema (draft 2020-12) of {@code https-setup.yaml}. */
    public static final String SCHEMA_RESOURCE = "io/github/httpssetup/yaml/https-setup.schema.json";

    private HttpsSetupYaml() {}

    /**
     * Loads a file's base description, without any environment's overrides.
     *
     * <pre>{@code
     * HttpsSetup setup = HttpsSetupYaml.load(Path.of("https-setup.yaml"));
     * }</pre>
     *
     * @param file the file; its name as given is shown in errors
     * @return the valid description
     * @throws YamlConfigException with every problem of the file
     */
    public static HttpsSetup load(Path file) {
        return load(file, null);
    }

    /**
     * Loads a file with an environment's overrides merged over its base. Variables come from the environment, then
     * from the Java system properties.
     *
     * <pre>{@code
     * HttpsSetup prod = HttpsSetupYaml.load(Path.of("https-setup.yaml"), "prod");
     * }</pre>
     *
     * @param file        the file; its name as given is shown in errors
     * @param environment a name under {@code environments:}; {@code null} or blank for the base alone
     * @return the valid description
     * @throws YamlConfigException with every problem of the file, or when the environment is not defined
     */
    public static HttpsSetup load(Path file, String environment) {
        return Loader.load(read(file), blankToNull(environment), Variables.ENVIRONMENT_THEN_SYSTEM_PROPERTIES);
    }

    /**
     * Loads a description given as text, with the variables given: for tests, and for files that do not live on a
     * file system.
     *
     * <pre>{@code
     * HttpsSetup setup = HttpsSetupYaml.load("https-setup.yaml", text, "prod", Map.of("PORT", "8080")::get);
     * }</pre>
     *
     * @param fileName    the name shown in errors, such as {@code https-setup.yaml}
     * @param content     the text of the file
     * @param environment a name under {@code environments:}; {@code null} or blank for the base alone
     * @param variables   the value of a variable by name, {@code null} when it is unset; {@code null} for the
     *                    environment, then the Java system properties
     * @return the valid description
     * @throws YamlConfigException with every problem of the text
     */
    public static HttpsSetup load(
            String fileName, String content, String environment, Function<String, String> variables) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        return Loader.load(SourceText.of(fileName, content), blankToNull(environment), orDefault(variables));
    }

    /**
     * Checks a file as {@link #load(Path, String)} does, without throwing: for a {@code validate} goal.
     *
     * <pre>{@code
     * List<YamlProblem> problems = HttpsSetupYaml.validate(Path.of("https-setup.yaml"), null);
     * problems.forEach(p -> log.error(p.render()));
     * }</pre>
     *
     * @param file        the file
     * @param environment a name under {@code environments:}; {@code null} or blank for the base alone
     * @return every problem, in the order of the file; empty when the file loads
     */
    public static List<YamlProblem> validate(Path file, String environment) {
        try {
            load(file, environment);
            return List.of();
        } catch (YamlConfigException e) {
            return e.problems();
        }
    }

    /**
     * Checks a description given as text, as {@link #load(String, String, String, Function)} does, without throwing.
     *
     * @param fileName    the name shown in problems
     * @param content     the text of the file
     * @param environment a name under {@code environments:}; {@code null} or blank for the base alone
     * @param variables   the value of a variable by name; {@code null} for the environment, then system properties
     * @return every problem, in the order of the text; empty when it loads
     */
    public static List<YamlProblem> validate(
            String fileName, String content, String environment, Function<String, String> variables) {
        try {
            load(fileName, content, environment, variables);
            return List.of();
        } catch (YamlConfigException e) {
            return e.problems();
        }
    }

    /**
     * The environments a file defines under {@code environments:}.
     *
     * <pre>{@code
     * List<String> names = HttpsSetupYaml.environments(Path.of("https-setup.yaml"));   // [staging, prod]
     * }</pre>
     *
     * @param file the file
     * @return the names, in the order of the file; empty when it has no {@code environments:}
     * @throws YamlConfigException when the file cannot be read, is not valid YAML or its environments are malformed
     */
    public static List<String> environments(Path file) {
        return Loader.environments(read(file));
    }

    /**
     * Writes a description as the text of an {@code https-setup.yaml} that loads back to an equal description: only
     * the values that differ from their defaults, in the order of the keys above.
     *
     * <pre>{@code
     * Files.writeString(Path.of("https-setup.yaml"), HttpsSetupYaml.write(setup));
     * }</pre>
     *
     * @param setup the description
     * @return the YAML text, ending with a line break
     */
    public static String write(HttpsSetup setup) {
        return YamlWriter.write(setup);
    }

    /** Loads bytes as a file's content, for tests of encodings. */
    static HttpsSetup load(String fileName, byte[] content, String environment, Function<String, String> variables) {
        return Loader.load(SourceText.decode(fileName, content), blankToNull(environment), orDefault(variables));
    }

    /** Reads a file, refusing a large one by its size before reading it. */
    private static SourceText read(Path file) {
        Objects.requireNonNull(file, "file");
        String fileName = file.toString();
        try {
            SourceText.checkSize(fileName, Files.size(file));
            return SourceText.decode(fileName, Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new YamlConfigException(
                    List.of(new YamlProblem(fileName, 0, 0, "", "the file does not exist", "")), e);
        } catch (IOException e) {
            throw new YamlConfigException(
                    List.of(new YamlProblem(fileName, 0, 0, "", "the file cannot be read: " + e, "")), e);
        }
    }

    private static Function<String, String> orDefault(Function<String, String> variables) {
        return variables != null ? variables : Variables.ENVIRONMENT_THEN_SYSTEM_PROPERTIES;
    }

    private static String blankToNull(String environment) {
        return environment == null || environment.isBlank() ? null : environment.trim();
    }
}
