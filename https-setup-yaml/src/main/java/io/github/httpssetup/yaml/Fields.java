package io.github.httpssetup.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The keys of one mapping of the file, in the order they are written, with the builder they fill.
 *
 * @param <B> the builder the keys are set on
 * @param <T> what the builder builds
 */
final class Fields<B, T> {
    private final String name;
    private final Supplier<B> newBuilder;
    private final Function<B, T> build;
    private final Map<String, Field<B, T>> fields = new LinkedHashMap<>();

    /**
     * @param name       what the mapping describes, for messages: {@code "targets"}
     * @param newBuilder a fresh builder with every default; {@code null} for keys set on the enclosing builder
     * @param build      builds the part; {@code null} with {@code newBuilder}
     */
    @SafeVarargs
    Fields(String name, Supplier<B> newBuilder, Function<B, T> build, Field<B, T>... fields) {
        this.name = name;
        this.newBuilder = newBuilder;
        this.build = build;
        for (Field<B, T> field : fields) {
            if (this.fields.put(field.key(), field) != null) {
                throw new IllegalArgumentException("duplicate key " + field.key() + " in " + name);
            }
        }
    }

    String name() {
        return name;
    }

    /** {@return the keys in the order they are written} */
    Set<String> keys() {
        return Collections.unmodifiableSet(fields.keySet());
    }

    List<Field<B, T>> list() {
        return List.copyOf(fields.values());
    }

    Field<B, T> get(String key) {
        return fields.get(key);
    }

    B newBuilder() {
        return newBuilder.get();
    }

    T build(B builder) {
        return build.apply(builder);
    }

    /** {@return the part with every default, to leave default values out when writing} */
    T defaults() {
        return build(newBuilder());
    }

    /** {@return what a mapping of these keys is, for messages} */
    String expected() {
        return "a mapping with keys " + String.join(", ", fields.keySet());
    }
}
