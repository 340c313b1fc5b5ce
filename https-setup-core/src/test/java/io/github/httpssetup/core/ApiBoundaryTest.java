package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.internal.EngineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API packages' public surface names none of the engine's types: a user compiles against
 * {@code io.github.httpssetup.core} and its {@code export} and {@code report} packages alone, and the engine can
 * change without breaking them.
 */
class ApiBoundaryTest {

    private static final String API = "io.github.httpssetup.core";
    private static final String INTERNAL = API + ".internal";
    /** The packages users compile against. */
    private static final List<String> API_PACKAGES = List.of(API, API + ".export", API + ".report");

    @Test
    void publicSignaturesOfTheApiPackage_nameNoInternalType() {
        List<Class<?>> types = apiTypes();

        assertThat(types)
                .as("the public types found")
                .contains(
                        HttpsSetup.class,
                        HttpsSetupExecutor.class,
                        HttpsSetupExecutor.Builder.class,
                        ProgressEvent.Type.class,
                        io.github.httpssetup.core.export.CloudFormationTemplate.class,
                        io.github.httpssetup.core.report.JsonReport.class);
        assertThat(types.stream().flatMap(t -> leaks(t).stream()).toList()).isEmpty();
    }

    @Test
    void leaks_findsAnInternalTypeInAnySignaturePart() {
        assertThat(leaks(Leaky.class))
                .containsExactlyInAnyOrder(
                        "ApiBoundaryTest.Leaky field config: EngineConfig",
                        "ApiBoundaryTest.Leaky method configs(): List<EngineConfig>",
                        "ApiBoundaryTest.Leaky method use(param 0): Optional<? extends EngineConfig>",
                        "ApiBoundaryTest.Leaky constructor (param 0): EngineConfig.Builder[]",
                        "ApiBoundaryTest.Leaky supertype: Supplier<EngineConfig>");
        assertThat(leaks(Tight.class)).isEmpty();
    }

    /** Shows that every part of a signature is looked at; private and package-private members are not. */
    public static final class Leaky implements java.util.function.Supplier<EngineConfig> {
        public EngineConfig config;
        EngineConfig packagePrivate;

        public Leaky(EngineConfig.Builder[] builders) {}

        public List<EngineConfig> configs() {
            return List.of();
        }

        protected void use(java.util.Optional<? extends EngineConfig> config) {}

        private EngineConfig hidden() {
            return null;
        }

        @Override
        public EngineConfig get() { // reported once, as the supertype
            return null;
        }
    }

    /** Uses an internal type only where users cannot see it. */
    public static final class Tight {
        private final EngineConfig config = null;

        EngineConfig config() {
            return config;
        }
    }

    // ---- the walk ----

    /** What of the type's public or protected signature names an internal type, one line each. */
    static List<String> leaks(Class<?> type) {
        List<String> found = new ArrayList<>();
        String owner =
                type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
        List<Type> supertypes = new ArrayList<>(Arrays.asList(type.getGenericInterfaces()));
        if (type.getGenericSuperclass() != null) {
            supertypes.add(type.getGenericSuperclass());
        }
        for (Type s : supertypes) {
            check(found, owner + " supertype", s);
        }
        for (TypeVariable<?> v : type.getTypeParameters()) {
            Arrays.stream(v.getBounds()).forEach(b -> check(found, owner + " type parameter " + v.getName(), b));
        }
        for (Field f : type.getDeclaredFields()) {
            if (visible(f.getModifiers()) && !f.isSynthetic()) {
                check(found, owner + " field " + f.getName(), f.getGenericType());
            }
        }
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                check(found, owner + " record component " + c.getName(), c.getGenericType());
            }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (visible(c.getModifiers()) && !c.isSynthetic()) {
                signature(found, owner + " constructor ", c);
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge() && !overridesSupertype(type, m)) {
                check(found, owner + " method " + m.getName() + "()", m.getGenericReturnType());
                signature(found, owner + " method " + m.getName(), m);
            }
        }
        return found;
    }

    private static void signature(List<String> found, String where, Executable e) {
        Type[] params = e.getGenericParameterTypes();
        for (int i = 0; i < params.length; i++) {
            check(found, where + "(param " + i + ")", params[i]);
        }
        for (Type t : e.getGenericExceptionTypes()) {
            check(found, where + " throws", t);
        }
        for (TypeVariable<?> v : e.getTypeParameters()) {
            Arrays.stream(v.getBounds()).forEach(b -> check(found, where + " type parameter " + v.getName(), b));
        }
    }

    /** A method a supertype declares is reported with the supertype (its type arguments), not again here. */
    private static boolean overridesSupertype(Class<?> type, Method m) {
        return Stream.concat(Arrays.stream(type.getInterfaces()), Stream.ofNullable(type.getSuperclass()))
                .filter(s -> !s.getName().startsWith(INTERNAL + "."))
                .anyMatch(s -> Arrays.stream(s.getMethods())
                        .anyMatch(o -> o.getName().equals(m.getName())
                                && Arrays.equals(o.getParameterTypes(), m.getParameterTypes())));
    }

    private static void check(List<String> found, String where, Type type) {
        if (names(type, new HashSet<>())) {
            found.add(where + ": "
                    + type.getTypeName()
                            .replace(INTERNAL + ".", "")
                            .replace('$', '.')
                            .replace("java.util.", "")
                            .replace("function.", ""));
        }
    }

    /** Whether the type, its type arguments, bounds or component type name an internal type. */
    private static boolean names(Type type, Set<Type> seen) {
        if (!seen.add(type)) {
            return false;
        }
        if (type instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            return c.getName().startsWith(INTERNAL + ".");
        }
        if (type instanceof ParameterizedType p) {
            return names(p.getRawType(), seen)
                    || Arrays.stream(p.getActualTypeArguments()).anyMatch(a -> names(a, seen));
        }
        if (type instanceof GenericArrayType g) {
            return names(g.getGenericComponentType(), seen);
        }
        if (type instanceof WildcardType w) {
            return Stream.concat(Arrays.stream(w.getUpperBounds()), Arrays.stream(w.getLowerBounds()))
                    .anyMatch(b -> names(b, seen));
        }
        if (type instanceof TypeVariable<?> v) {
            return Arrays.stream(v.getBounds()).anyMatch(b -> names(b, seen));
        }
        return false;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    /** The public types of the API packages, nested ones included, as compiled next to {@link HttpsSetup}. */
    private static List<Class<?>> apiTypes() {
        Path classes;
        try {
            classes = Path.of(HttpsSetup.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Set<String> names = new TreeSet<>();
        for (String pkg : API_PACKAGES) {
            try (Stream<Path> files = Files.list(classes.resolve(pkg.replace('.', '/')))) {
                files.map(f -> f.getFileName().toString())
                        .filter(n -> n.endsWith(".class") && !n.equals("package-info.class"))
                        .forEach(n -> names.add(pkg + "." + n.substring(0, n.length() - ".class".length())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<Class<?>> types = new ArrayList<>();
        for (String name : names) {
            try {
                Class<?> c = Class.forName(name, false, ApiBoundaryTest.class.getClassLoader());
                if (Modifier.isPublic(c.getModifiers()) && isReachable(c)) {
                    types.add(c);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return types;
    }

    /** A nested type is part of the API only when every enclosing type is public too. */
    private static boolean isReachable(Class<?> c) {
        for (Class<?> e = c.getEnclosingClass(); e != null; e = e.getEnclosingClass()) {
            if (!Modifier.isPublic(e.getModifiers())) {
                return false;
            }
        }
        return !c.isAnonymousClass() && !c.isLocalClass() && !c.isSynthetic();
    }
}
