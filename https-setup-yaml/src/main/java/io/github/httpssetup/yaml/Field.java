package io.github.httpssetup.yaml;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One key of the file, and what it maps to: a value set on a builder, a part described on its own builder, parts by
 * name ({@code sites}), a list of parts ({@code routes}), or a group of keys set on the same builder
 * ({@code listeners}).
 *
 * @param <B> the builder the key's value is set on
 * @param <T> the built description the value is read back from, to write the file
 */
sealed interface Field<B, T> permits Field.Value, Field.Part, Field.Named, Field.Items, Field.Group {

    /** {@return the key, such as {@code port}} */
    String key();

    /** {@return the keys nested under this one; empty for a value} */
    Optional<Fields<?, ?>> children();

    /**
     * A value: {@code port: 8080}.
     *
     * @param type            how the value is read and written
     * @param setter          sets it on the builder
     * @param getter          reads it back from the description; {@code null} when it has none
     * @param explicitDefault the value that is not written, when the description holding it has no default of its own
     *                        (the top level); {@code null} otherwise
     */
    record Value<B, T, V>(
            String key, ValueType<V> type, BiConsumer<B, V> setter, Function<T, V> getter, V explicitDefault)
            implements Field<B, T> {
        @Override
        public Optional<Fields<?, ?>> children() {
            return Optional.empty();
        }
    }

    /**
     * A part with its own builder: {@code healthCheck: {path: /health}}. Absent keys of the part keep the part's
     * defaults, as with the builders' {@code Consumer} overloads.
     *
     * @param fields   the part's keys
     * @param setter   sets the built part on the enclosing builder
     * @param getter   reads the part back; {@code null} when the description has none
     * @param optional   whether the part is absent by default ({@code registration}), rather than present with
     *                   defaults
     * @param shorthands words that stand for a whole part instead of its mapping ({@code securityHeaders:
     *                   recommended}), in lower case; empty for most parts
     */
    record Part<B, T, C, S>(
            String key,
            Fields<C, S> fields,
            BiConsumer<B, S> setter,
            Function<T, S> getter,
            boolean optional,
            Map<String, S> shorthands)
            implements Field<B, T> {
        Part(String key, Fields<C, S> fields, BiConsumer<B, S> setter, Function<T, S> getter, boolean optional) {
            this(key, fields, setter, getter, optional, Map.of());
        }

        @Override
        public Optional<Fields<?, ?>> children() {
            return Optional.of(fields);
        }
    }

    /**
     * Parts by name, each described on its own builder: {@code sites: {shop: {domain: ...}, blog: {...}}}. The names are
     * the mapping's keys, in the order of the file; what a valid name is, is the core's to check.
     *
     * @param fields the keys of each part
     * @param setter sets the parts, by name, on the enclosing builder
     * @param getter reads the parts back; empty when the description has none
     */
    record Named<B, T, C, S>(
            String key, Fields<C, S> fields, BiConsumer<B, Map<String, S>> setter, Function<T, Map<String, S>> getter)
            implements Field<B, T> {
        @Override
        public Optional<Fields<?, ?>> children() {
            return Optional.of(fields);
        }
    }

    /**
     * A list of parts, each described on its own builder: {@code routes: [{paths: [/api/*], targets: {...}}]}.
     *
     * @param fields the keys of each part
     * @param setter sets the parts, in order, on the enclosing builder
     * @param getter reads the parts back; empty when the description has none
     */
    record Items<B, T, C, S>(
            String key, Fields<C, S> fields, BiConsumer<B, List<S>> setter, Function<T, List<S>> getter)
            implements Field<B, T> {
        @Override
        public Optional<Fields<?, ?>> children() {
            return Optional.of(fields);
        }
    }

    /**
     * Keys grouped under one key in the file but set on the enclosing builder: {@code listeners: {https: ...}} sets
     * {@code HttpsSetup.Builder#httpsListener}.
     *
     * @param fields the grouped keys, on the enclosing builder
     */
    record Group<B, T>(String key, Fields<B, T> fields) implements Field<B, T> {
        @Override
        public Optional<Fields<?, ?>> children() {
            return Optional.of(fields);
        }
    }
}
