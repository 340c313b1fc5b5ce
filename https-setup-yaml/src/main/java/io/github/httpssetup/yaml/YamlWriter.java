package io.github.httpssetup.yaml;

import io.github.httpssetup.core.HttpsSetup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Writes an {@link HttpsSetup} as the file that loads back to it, along the same {@link FileFormat} tables as the
 * loader: only values that differ from their defaults, in the tables' order. Strings that would read as something
 * else ({@code "true"}, {@code "8080"}) are quoted by SnakeYAML, and <code>${</code> is written <code>$${</code> so that no
 * variable is read into it.
 */
final class YamlWriter {
    private YamlWriter() {}

    static String write(HttpsSetup setup) {
        Objects.requireNonNull(setup, "setup");
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setSplitLines(false);
        options.setWidth(Integer.MAX_VALUE);
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options);
        return yaml.dump(values(FileFormat.ROOT, setup, null));
    }

    /**
     * The values of a part that differ from its defaults.
     *
     * @param defaults the part with every default; {@code null} at the top level, where each value names its own
     */
    private static <B, T> Map<String, Object> values(Fields<B, T> fields, T value, T defaults) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field<B, T> field : fields.list()) {
            if (field instanceof Field.Value<B, T, ?> valueField) {
                putValue(values, valueField, value, defaults);
            } else if (field instanceof Field.Part<B, T, ?, ?> part) {
                putPart(values, part, value);
            } else if (field instanceof Field.Named<B, T, ?, ?> named) {
                putNamed(values, named, value);
            } else if (field instanceof Field.Items<B, T, ?, ?> items) {
                putItems(values, items, value);
            } else if (field instanceof Field.Group<B, T> group) {
                Map<String, Object> grouped = values(group.fields(), value, defaults);
                if (!grouped.isEmpty()) {
                    values.put(group.key(), grouped);
                }
            }
        }
        return values;
    }

    private static <B, T, V> void putValue(
            Map<String, Object> values, Field.Value<B, T, V> field, T value, T defaults) {
        V current = field.getter().apply(value);
        V fallback = defaults == null ? field.explicitDefault() : field.getter().apply(defaults);
        if (current != null && !current.equals(fallback)) {
            values.put(field.key(), field.type().write(current));
        }
    }

    private static <B, T, C, S> void putPart(Map<String, Object> values, Field.Part<B, T, C, S> field, T value) {
        S current = field.getter().apply(value);
        S defaults = field.fields().defaults();
        String shorthand = field.shorthands().entrySet().stream()
                .filter(e -> e.getValue().equals(current))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
        if (shorthand != null) {
            values.put(field.key(), shorthand);
        } else if (current != null && (field.optional() || !current.equals(defaults))) {
            values.put(field.key(), values(field.fields(), current, defaults));
        }
    }

    private static <B, T, C, S> void putNamed(Map<String, Object> values, Field.Named<B, T, C, S> field, T value) {
        Map<String, S> parts = field.getter().apply(value);
        if (parts == null || parts.isEmpty()) {
            return;
        }
        S defaults = field.fields().defaults();
        Map<String, Object> written = new LinkedHashMap<>();
        parts.forEach((name, part) -> written.put(name, values(field.fields(), part, defaults)));
        values.put(field.key(), written);
    }

    private static <B, T, C, S> void putItems(Map<String, Object> values, Field.Items<B, T, C, S> field, T value) {
        List<S> parts = field.getter().apply(value);
        if (parts == null || parts.isEmpty()) {
            return;
        }
        S defaults = field.fields().defaults();
        List<Object> written = new ArrayList<>();
        parts.forEach(part -> written.add(values(field.fields(), part, defaults)));
        values.put(field.key(), written);
    }
}
