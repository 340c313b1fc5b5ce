package io.github.httpssetup.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The JSON Schema's minimums, maximums and patterns say what the loader and the core's validator say: for every number
 * range in the schema, its minimum and maximum are accepted and one past either end is refused at that key; for every
 * pattern, sample values are accepted exactly when the pattern matches them. Each value is tried in the full valid file
 * ({@code valid/full.yaml}) with that one key changed. (Durations have their own test, {@link SchemaDurationTest}.)
 */
class SchemaRulesTest {
    /**
     * Samples for each pattern of the schema, by key: values the pattern should match and values it should not. A
     * pattern added to the schema fails {@link #schemaPatterns_matchExactlyWhatTheLoaderAccepts} until it has samples
     * here.
     */
    private static final Map<String, List<String>> PATTERN_SAMPLES = Map.ofEntries(
            Map.entry(
                    "domain.registration.contact.contactType",
                    List.of("person", "PERSON", "Public_Body", "reseller", "robot", "per son", "")),
            Map.entry(
                    "certificate.keyAlgorithm",
                    List.of("rsa_2048", "RSA_4096", "EC_prime256v1", "ec_secp521r1", "rsa_1024", "EC-prime256v1")),
            Map.entry("targets.protocol", List.of("http", "HTTPS", "Http", "tcp", "https ")),
            Map.entry("targets.healthCheck.protocol", List.of("http", "HTTPS", "ftp")),
            Map.entry("targets.healthCheck.path", List.of("/", "/actuator/health", "health", " /health", "")),
            Map.entry("loadBalancer.ipAddressType", List.of("ipv4", "DualStack", "IPV4", "ipv6")),
            Map.entry("loadBalancer.subnets", List.of("auto", "AUTO", "Auto", " auto ", "automatic", "none")),
            Map.entry("loadBalancer.securityGroups", List.of("auto", "AUTO", " Auto", "automatic", "")),
            Map.entry("listeners.http.action", List.of("redirect", "FORWARD", " None ", "drop")),
            Map.entry(
                    "listeners.https.securityHeaders",
                    List.of("recommended", "RECOMMENDED", " Recommended ", "recomended", "strict", "")),
            Map.entry(
                    "listeners.https.securityHeaders.frameOptions",
                    List.of("deny", "SAMEORIGIN", "SameOrigin", "allow-from", "none")));

    private static Map<String, Object> schema;
    private static final List<NumberRange> RANGES = new ArrayList<>();
    private static final Map<String, Pattern> PATTERNS = new LinkedHashMap<>();

    private record NumberRange(String path, long minimum, long maximum) {}

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readTheSchema() throws IOException {
        try (InputStream in =
                HttpsSetupYaml.class.getClassLoader().getResourceAsStream(HttpsSetupYaml.SCHEMA_RESOURCE)) {
            schema = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
        properties.forEach((key, value) -> {
            if (!key.equals(FileFormat.ENVIRONMENTS)) {
                collect(key, (Map<String, Object>) value);
            }
        });
    }

    /** Collects the ranges and patterns of one key's schema, following {@code $ref} and {@code anyOf}. */
    @SuppressWarnings("unchecked")
    private static void collect(String path, Map<String, Object> node) {
        Object ref = node.get("$ref");
        if (ref != null) {
            String name = ((String) ref).substring("#/$defs/".length());
            if (!name.equals("duration") && !name.equals("variable")) {
                collect(path, (Map<String, Object>) ((Map<String, Object>) schema.get("$defs")).get(name));
            }
        }
        if (node.get("minimum") instanceof Number minimum && node.get("maximum") instanceof Number maximum) {
            RANGES.add(new NumberRange(path, minimum.longValue(), maximum.longValue()));
        } else if (node.containsKey("minimum") || node.containsKey("maximum")) {
            throw new AssertionError(path + ": a schema range needs both a minimum and a maximum in this test");
        }
        if (node.get("pattern") instanceof String pattern) {
            assertThat(PATTERNS.put(path, Pattern.compile(pattern)))
                    .as(path + ": one pattern per key")
                    .isNull();
        }
        if (node.get("anyOf") instanceof List<?> alternatives) {
            alternatives.forEach(alternative -> collect(path, (Map<String, Object>) alternative));
        }
        if (node.get("properties") instanceof Map<?, ?> properties) {
            ((Map<String, Object>) properties)
                    .forEach((key, value) -> collect(path + "." + key, (Map<String, Object>) value));
        }
    }

    @Test
    void schema_hasTheRangesAndPatternsThisTestKnows() {
        assertThat(RANGES)
                .extracting(NumberRange::path)
                .containsExactlyInAnyOrder(
                        "domain.registration.durationInYears",
                        "targets.port",
                        "targets.healthCheck.port",
                        "targets.healthCheck.healthyThreshold",
                        "targets.healthCheck.unhealthyThreshold",
                        "listeners.https.port",
                        "listeners.http.port");
        assertThat(PATTERNS.keySet()).containsExactlyInAnyOrderElementsOf(PATTERN_SAMPLES.keySet());
    }

    @Test
    void schemaRanges_acceptTheirEnds_andTheValidatorRefusesOnePastThem() throws IOException {
        List<String> differences = new ArrayList<>();
        for (NumberRange range : RANGES) {
            expect(range.path(), range.minimum(), true, differences);
            expect(range.path(), range.maximum(), true, differences);
            expect(range.path(), range.minimum() - 1, false, differences);
            expect(range.path(), range.maximum() + 1, false, differences);
        }

        assertThat(differences).isEmpty();
    }

    @Test
    void schemaPatterns_matchExactlyWhatTheLoaderAccepts() throws IOException {
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Pattern> pattern : PATTERNS.entrySet()) {
            List<String> samples = PATTERN_SAMPLES.get(pattern.getKey());
            assertThat(samples)
                    .as("samples for the schema's pattern at " + pattern.getKey())
                    .isNotNull();
            for (String sample : samples) {
                expect(
                        pattern.getKey(),
                        sample,
                        pattern.getValue().matcher(sample).find(),
                        differences);
            }
        }

        assertThat(differences).isEmpty();
    }

    /** Loads the full file with {@code path} set to {@code value} and notes when the loader disagrees with the schema. */
    private static void expect(String path, Object value, boolean schemaAccepts, List<String> differences)
            throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        @SuppressWarnings("unchecked")
        Map<String, Object> document =
                (Map<String, Object>) yaml.load(Files.readString(ValidFilesTest.valid("full.yaml")));
        set(document, path.split("\\."), 0, value);
        List<YamlProblem> problems = HttpsSetupYaml.validate("full.yaml", yaml.dump(document), null, name -> null);
        boolean loaderAccepts =
                problems.stream().noneMatch(problem -> problem.path().equals(path));
        if (loaderAccepts != schemaAccepts) {
            differences.add(path + ": " + value + " is " + (schemaAccepts ? "accepted" : "refused")
                    + " by the schema but " + (loaderAccepts ? "accepted" : "refused: " + problems) + " by the loader");
        }
    }

    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> map, String[] keys, int index, Object value) {
        if (index == keys.length - 1) {
            map.put(keys[index], value);
            return;
        }
        Object child = map.get(keys[index]);
        if (!(child instanceof Map)) {
            child = new LinkedHashMap<String, Object>();
            map.put(keys[index], child);
        }
        set((Map<String, Object>) child, keys, index + 1, value);
    }
}
