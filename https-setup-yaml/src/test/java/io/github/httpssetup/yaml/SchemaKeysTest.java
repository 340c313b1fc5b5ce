package io.github.httpssetup.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The JSON Schema shipped in the jar and the loader's key tables accept the same keys, at every level: a key added to
 * one and not the other fails here. (JSON is read with SnakeYAML, which reads it as YAML.)
 */
class SchemaKeysTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schema() throws IOException {
        try (InputStream in =
                HttpsSetupYaml.class.getClassLoader().getResourceAsStream(HttpsSetupYaml.SCHEMA_RESOURCE)) {
            assertThat(in).as("the schema at " + HttpsSetupYaml.SCHEMA_RESOURCE).isNotNull();
            return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
    }

    @Test
    void schema_isDraft202012_andClosed() throws IOException {
        Map<String, Object> schema = schema();

        assertThat(schema.get("$schema")).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("additionalProperties")).isEqualTo(false);
        assertThat(schema.get("required")).isEqualTo(List.of("stack", "region"));
        assertThat((List<?>) schema.get("anyOf"))
                .extracting(branch -> object(branch).get("required"))
                .containsExactly(List.of("domain", "targets"), List.of("sites"));
    }

    @Test
    void schema_andLoader_acceptTheSameKeys_atEveryLevel() throws IOException {
        Map<String, Object> schema = schema();
        List<String> differences = new ArrayList<>();

        Map<String, Object> properties = properties(schema, schema);
        compare("(top level)", keys(properties), Set.copyOf(FileFormat.topLevelKeys()), differences);
        compareFields(schema, properties, FileFormat.ROOT, "", differences);

        Map<String, Object> environments = object(properties.get(FileFormat.ENVIRONMENTS));
        Map<String, Object> override = objectWithProperties(schema, environments.get("additionalProperties"));
        assertThat(override).as("environments.* in the schema").isNotNull();
        compareFields(schema, properties(schema, override), FileFormat.ROOT, "environments.*", differences);

        assertThat(differences).isEmpty();
    }

    @Test
    void validFiles_togetherUseEveryKey() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String name : List.of("minimal.yaml", "full.yaml", "multi-environment.yaml", "multi-site.yaml")) {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(Files.readString(ValidFilesTest.valid(name)));
            collectKeys(object(document), "", used);
        }
        // a site's domain and targets are the top level's tables: a key used in one counts for both
        for (String key : List.copyOf(used)) {
            used.add(key.replaceFirst("^sites\\.\\*\\.(routes\\[]\\.)?", ""));
        }
        Set<String> all = new TreeSet<>();
        collectFieldPaths(FileFormat.ROOT, "", all, new java.util.HashSet<>());

        assertThat(used).containsAll(all);
    }

    private static void compareFields(
            Map<String, Object> schema,
            Map<String, Object> properties,
            Fields<?, ?> fields,
            String path,
            List<String> differences) {
        compare(
                path.isEmpty() ? "(top level)" : path,
                withoutEnvironments(keys(properties), path),
                fields.keys(),
                differences);
        for (Field<?, ?> field : fields.list()) {
            String fieldPath = Paths.child(path, field.key());
            Map<String, Object> nested = objectWithProperties(schema, properties.get(field.key()));
            if (field.children().isPresent()) {
                if (nested == null) {
                    differences.add(fieldPath + ": a mapping in the loader, not in the schema");
                } else {
                    compareFields(
                            schema, properties(schema, nested), field.children().get(), fieldPath, differences);
                }
            } else if (nested != null) {
                differences.add(fieldPath + ": a value in the loader, a mapping with properties in the schema");
            }
        }
    }

    private static Set<String> withoutEnvironments(Set<String> keys, String path) {
        Set<String> result = new TreeSet<>(keys);
        if (path.isEmpty()) {
            result.remove(FileFormat.ENVIRONMENTS);
        }
        return result;
    }

    private static void compare(
            String where, Set<String> schemaKeys, Set<String> loaderKeys, List<String> differences) {
        Set<String> onlySchema = new TreeSet<>(schemaKeys);
        onlySchema.removeAll(loaderKeys);
        Set<String> onlyLoader = new TreeSet<>(loaderKeys);
        onlyLoader.removeAll(schemaKeys);
        if (!onlySchema.isEmpty()) {
            differences.add(where + ": only in the schema: " + onlySchema);
        }
        if (!onlyLoader.isEmpty()) {
            differences.add(where + ": only in the loader: " + onlyLoader);
        }
    }

    /**
     * The object schema behind a property: itself, its {@code $ref}, the branch of its {@code anyOf} with properties, or
     * the schema of its values ({@code sites}: {@code additionalProperties}) or items ({@code routes}).
     */
    private static Map<String, Object> objectWithProperties(Map<String, Object> schema, Object node) {
        if (!(node instanceof Map)) {
            return null;
        }
        Map<String, Object> map = object(node);
        if (map.containsKey("properties")) {
            return map;
        }
        if (map.get("additionalProperties") instanceof Map) {
            return objectWithProperties(schema, map.get("additionalProperties"));
        }
        if (map.containsKey("items")) {
            return objectWithProperties(schema, map.get("items"));
        }
        if (map.containsKey("$ref")) {
            return objectWithProperties(schema, resolve(schema, (String) map.get("$ref")));
        }
        if (map.containsKey("anyOf")) {
            for (Object branch : (List<?>) map.get("anyOf")) {
                Map<String, Object> found = objectWithProperties(schema, branch);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Object resolve(Map<String, Object> schema, String ref) {
        assertThat(ref).startsWith("#/");
        Object node = schema;
        for (String part : ref.substring(2).split("/")) {
            node = object(node).get(part);
        }
        assertThat(node).as("$ref " + ref).isNotNull();
        return node;
    }

    private static Map<String, Object> properties(Map<String, Object> schema, Map<String, Object> objectSchema) {
        assertThat(objectSchema.get("additionalProperties"))
                .as("closed: " + objectSchema.get("description"))
                .isEqualTo(false);
        return object(objectSchema.get("properties"));
    }

    private static Set<String> keys(Map<String, Object> properties) {
        return new TreeSet<>(properties.keySet());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object node) {
        return (Map<String, Object>) node;
    }

    /** The key paths a document uses; environments' keys count as if at the top. Free-form maps end the walk. */
    private static void collectKeys(Map<String, Object> mapping, String path, Set<String> keys) {
        for (Map.Entry<String, Object> entry : mapping.entrySet()) {
            if (path.isEmpty() && entry.getKey().equals(FileFormat.ENVIRONMENTS)) {
                for (Object override : object(entry.getValue()).values()) {
                    if (override != null) {
                        collectKeys(object(override), "", keys);
                    }
                }
                continue;
            }
            String keyPath = Paths.child(path, entry.getKey());
            keys.add(keyPath);
            if (keyPath.equals("sites") && entry.getValue() instanceof Map) {
                for (Object site : object(entry.getValue()).values()) {
                    if (site != null) {
                        collectKeys(object(site), "sites.*", keys);
                    }
                }
            } else if (entry.getValue() instanceof Map
                    && !keyPath.endsWith("tags")
                    && !keyPath.endsWith("instanceTags")) {
                collectKeys(object(entry.getValue()), keyPath, keys);
            } else if (entry.getValue() instanceof List<?> items) {
                items.stream()
                        .filter(Map.class::isInstance)
                        .forEach(item -> collectKeys(object(item), keyPath + "[]", keys));
            }
        }
    }

    /**
     * The key paths of the tables: {@code sites.*.domain} for a site's keys, {@code sites.*.routes[].paths} for a
     * route's. A table met again (a site's domain and targets are the top level's) counts once, where it is first met.
     */
    private static void collectFieldPaths(
            Fields<?, ?> fields, String path, Set<String> paths, Set<Fields<?, ?>> visited) {
        if (!visited.add(fields)) {
            return;
        }
        for (Field<?, ?> field : fields.list()) {
            String fieldPath = Paths.child(path, field.key());
            paths.add(fieldPath);
            String childrenPath = field instanceof Field.Named<?, ?, ?, ?>
                    ? fieldPath + ".*"
                    : field instanceof Field.Items<?, ?, ?, ?> ? fieldPath + "[]" : fieldPath;
            field.children().ifPresent(children -> collectFieldPaths(children, childrenPath, paths, visited));
        }
    }
}
