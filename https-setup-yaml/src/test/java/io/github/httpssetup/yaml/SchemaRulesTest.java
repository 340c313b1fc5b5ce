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
 * ({@code valid/full.yaml}), or for the keys of sites in {@code valid/multi-site.yaml}, with that one key changed; a
 * site's domain and targets and a route's targets are tried with the samples of the same keys at the top level. The
 * counts of sites and of a route's paths are the validator's too. (Durations have their own test,
 * {@link SchemaDurationTest}.)
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
                    List.of("deny", "SAMEORIGIN", "SameOrigin", "allow-from", "none")),
            Map.entry(
                    "domain.hostedZone.roleArn",
                    List.of(
                            "arn:aws:iam::222233334444:role/dns",
                            "arn:aws-cn:iam::222233334444:role/team/dns@example.com",
                            " arn:aws:iam::222233334444:role/dns ",
                            "",
                            "arn:aws:iam::222233334444:user/dns",
                            "arn:aws:iam::22223333444:role/dns",
                            "arn:aws:iam::222233334444:role/",
                            "arn:aws:iam::222233334444:role/dns space",
                            "dns")),
            Map.entry(
                    "sites.<name>",
                    List.of(
                            "blog",
                            "my-blog2",
                            "0",
                            "a".repeat(32),
                            "a".repeat(33),
                            "Blog",
                            "-blog",
                            "blog-",
                            "my_blog",
                            "my.blog",
                            "")),
            Map.entry("defaultSite", List.of("shop", "blog", "", " ", "Shop", "shop ", "shop!", "a".repeat(33))),
            Map.entry(
                    "sites.*.routes[0].paths[0]",
                    List.of(
                            "/api/*",
                            "*.jpg",
                            "/a?c",
                            "/",
                            "/$~\"'@:+&_-.",
                            "/" + "a".repeat(127),
                            "/" + "a".repeat(128),
                            "api/*",
                            "/search?q=<term>",
                            "/with space",
                            " /api/*",
                            "/caf\u00e9",
                            "")));

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

    /**
     * Collects the ranges and patterns of one key's schema, following {@code $ref} and {@code anyOf}, into the values of
     * a mapping ({@code sites.*}), the first item of a list ({@code routes[0]}) and the names of a mapping's keys
     * ({@code sites.<name>}).
     */
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
        if (node.get("additionalProperties") instanceof Map<?, ?> values) {
            collect(path + ".*", (Map<String, Object>) values);
        }
        if (node.get("propertyNames") instanceof Map<?, ?> names) {
            collect(path + ".<name>", (Map<String, Object>) names);
        }
        // the items of sites' lists (a route's paths); loadBalancer.allowFrom's items have a looser pattern, a shape
        // for editors rather than the validator's rule, and are left out
        if (path.startsWith("sites.") && node.get("items") instanceof Map<?, ?> items) {
            collect(path + "[0]", (Map<String, Object>) items);
        }
    }

    /**
     * The samples of a pattern: its own, or those of the same key at the top level, since a site's domain and targets,
     * and a route's targets, are the top level's ({@code sites.*.targets.protocol} has the samples of
     * {@code targets.protocol}).
     */
    private static List<String> samples(String path) {
        List<String> own = PATTERN_SAMPLES.get(path);
        return own != null ? own : PATTERN_SAMPLES.get(topLevelPath(path));
    }

    private static String topLevelPath(String path) {
        return path.replaceFirst("^sites\\.\\*\\.(routes\\[0]\\.)?", "");
    }

    @Test
    void schema_hasTheRangesAndPatternsThisTestKnows() {
        List<String> targetRanges = List.of(
                "targets.port",
                "targets.healthCheck.port",
                "targets.healthCheck.healthyThreshold",
                "targets.healthCheck.unhealthyThreshold");
        List<String> ranges = new ArrayList<>(List.of(
                "domain.registration.durationInYears",
                "sites.*.domain.registration.durationInYears",
                "listeners.https.port",
                "listeners.http.port"));
        for (String prefix : List.of("", "sites.*.", "sites.*.routes[0].")) {
            targetRanges.forEach(range -> ranges.add(prefix + range));
        }
        assertThat(RANGES).extracting(NumberRange::path).containsExactlyInAnyOrderElementsOf(ranges);
        assertThat(PATTERNS.keySet().stream().filter(path -> samples(path) == null))
                .as("patterns without samples")
                .isEmpty();
        assertThat(PATTERNS.keySet().stream().map(SchemaRulesTest::topLevelPath))
                .containsAll(PATTERN_SAMPLES.keySet().stream()
                        .map(SchemaRulesTest::topLevelPath)
                        .toList());
    }

    @Test
    void schemaRanges_acceptTheirEnds_andTheValidatorRefusesOnePastThem() throws IOException {
        List<String> differences = new ArrayList<>();
        for (NumberRange range : RANGES) {
            if (range.path().startsWith("sites.*.domain.registration.")) {
                continue; // a site cannot register its domain: registration's ranges are tried at the top level
            }
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
            if (pattern.getKey().startsWith("sites.*.domain.registration.")) {
                continue; // a site cannot register its domain: registration's patterns are tried at the top level
            }
            List<String> samples = samples(pattern.getKey());
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

    @Test
    void schemaCounts_areTheValidatorsLimits() throws IOException {
        Map<String, Object> sites = object(object(schema.get("properties")).get("sites"));
        int maxSites = ((Number) sites.get("maxProperties")).intValue();
        Map<String, Object> route = object(object(schema.get("$defs")).get("route"));
        Map<String, Object> paths = object(object(route.get("properties")).get("paths"));
        int maxPaths = ((Number) paths.get("maxItems")).intValue();

        assertThat(problemsWithSites(maxSites))
                .noneMatch(problem -> problem.path().equals("sites"));
        assertThat(problemsWithSites(maxSites + 1))
                .anyMatch(problem -> problem.path().equals("sites"));
        assertThat(paths.get("minItems")).isEqualTo(1);
        List<String> differences = new ArrayList<>();
        expect(
                "sites.*.routes[0].paths",
                List.of("/a/*", "/b/*", "/c/*", "/d/*").subList(0, maxPaths),
                true,
                differences);
        expect("sites.*.routes[0].paths", List.of("/a/*", "/b/*", "/c/*", "/d/*", "/e/*"), false, differences);
        expect("sites.*.routes[0].paths", List.of(), false, differences);
        expect("sites.*.routes[0].paths", List.of("/a/*", "/a/*"), false, differences);
        assertThat(paths.get("uniqueItems")).isEqualTo(true);
        assertThat(differences).isEmpty();
    }

    /** The problems of multi-site.yaml with {@code count} sites, each with one name. */
    private static List<YamlProblem> problemsWithSites(int count) throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Map<String, Object> document = object(yaml.load(Files.readString(ValidFilesTest.valid("multi-site.yaml"))));
        Map<String, Object> sites = object(document.get("sites"));
        Object shop = sites.get("shop");
        sites.clear();
        sites.put("shop", shop);
        for (int i = 1; sites.size() < count; i++) {
            sites.put(
                    "site" + i,
                    Map.of(
                            "domain",
                            Map.of("name", "site" + i + ".example.com"),
                            "targets",
                            Map.of("instanceIds", List.of("i-0123456789abcdef0"))));
        }
        return HttpsSetupYaml.validate("multi-site.yaml", yaml.dump(document), null, name -> null);
    }

    /**
     * Loads a valid file with {@code path} set to {@code value} and notes when the loader disagrees with the schema:
     * {@code full.yaml}, or {@code multi-site.yaml} for the keys of sites (the site {@code *} is its site
     * {@code blog}; {@code sites.<name>} renames that site).
     */
    private static void expect(String path, Object value, boolean schemaAccepts, List<String> differences)
            throws IOException {
        boolean sites = path.startsWith("sites.") || path.equals("defaultSite");
        String file = sites ? "multi-site.yaml" : "full.yaml";
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Map<String, Object> document = object(yaml.load(Files.readString(ValidFilesTest.valid(file))));
        String concrete;
        if (path.equals("sites.<name>")) {
            Map<String, Object> renamed = new LinkedHashMap<>();
            object(document.get("sites"))
                    .forEach((name, site) -> renamed.put(name.equals("blog") ? (String) value : name, site));
            document.put("sites", renamed);
            concrete = "sites." + value;
        } else {
            concrete = path.replace("*", "blog");
            set(document, concrete.split("\\."), 0, value);
        }
        List<YamlProblem> problems = HttpsSetupYaml.validate(file, yaml.dump(document), null, name -> null);
        boolean loaderAccepts = problems.stream()
                .noneMatch(problem -> problem.path().equals(concrete)
                        || problem.path().startsWith(concrete + "[")
                        || path.equals("sites.<name>") && problem.path().equals("sites"));
        if (loaderAccepts != schemaAccepts) {
            differences.add(path + ": " + value + " is " + (schemaAccepts ? "accepted" : "refused")
                    + " by the schema but " + (loaderAccepts ? "accepted" : "refused: " + problems) + " by the loader");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object node) {
        return (Map<String, Object>) node;
    }

    /** Sets a value at a path of keys, where a key may name an item of a list: {@code routes[0]}. */
    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> map, String[] keys, int index, Object value) {
        java.util.regex.Matcher item = Pattern.compile("(.+)\\[(\\d+)]").matcher(keys[index]);
        if (item.matches()) {
            List<Object> list = (List<Object>) map.get(item.group(1));
            int at = Integer.parseInt(item.group(2));
            if (index == keys.length - 1) {
                list.set(at, value);
            } else {
                set((Map<String, Object>) list.get(at), keys, index + 1, value);
            }
            return;
        }
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
