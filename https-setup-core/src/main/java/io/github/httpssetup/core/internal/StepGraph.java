package io.github.httpssetup.core.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The chain as data: each step's name, the steps it waits for, the early reads whose answers it uses, and
 * what it yields. The engine runs it for plan and apply ({@link Engine}), destroy walks it backwards, the
 * benchmark measures it and the README draws it ({@link Engine#steps()} is the read-only view of it).
 *
 * <p>Two kinds of edge:
 * <ul>
 *   <li>{@link Step#needs() needs}: the step starts when these end; its body may take their results and
 *       the results of anything they need in turn ({@link Inputs#get}).</li>
 *   <li>{@link Step#reads() reads}: early reads ({@link Kind#READ}) that fill the run's observations with
 *       what the step will read. The step does not wait for them to start: it meets the read in the run's
 *       observations and, if the read is still in flight, waits for its answer there.</li>
 * </ul>
 * Steps are listed in an order where each one comes after what it needs and reads; the engine starts them
 * in that order, and destroy deletes in the reverse order.
 */
final class StepGraph {

    /** What a node of the graph is. */
    enum Kind {
        /** Converges a part of the chain; its failure fails the run. */
        STEP,
        /**
         * A read a step will make, started early. Its failure is not reported by it: the step that uses it
         * reads again, or meets the same AWS error, and reports that. It fails only with a step it needs.
         */
        READ
    }

    /** The work of a step for plan and apply: returns what it yields to the steps after it. */
    @FunctionalInterface
    interface Body {
        Object run(Run run, Inputs inputs);
    }

    /** What a step deletes on destroy (the stack's resources of that step), given the zone found first. */
    @FunctionalInterface
    interface Teardown {
        void run(Run run, States.Zone zone, List<String> kept);
    }

    /**
     * One node.
     *
     * @param yields   what the step hands on (or, for a read, what it reads), for people
     * @param teardown what destroy runs for it; {@code null} when it owns nothing to delete
     */
    record Step(
            String name,
            Kind kind,
            List<String> needs,
            List<String> reads,
            String yields,
            Body body,
            Teardown teardown) {

        Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            needs = List.copyOf(needs);
            reads = List.copyOf(reads);
            Objects.requireNonNull(body, "body");
        }

        /** What it waits for, in the benchmark's sense: the steps it needs, then the reads it uses. */
        List<String> waitsFor() {
            List<String> all = new ArrayList<>(needs);
            all.addAll(reads);
            return all;
        }
    }

    /** A step that converges part of the chain. */
    static Step step(String name, List<String> needs, List<String> reads, String yields, Body body, Teardown teardown) {
        return new Step(name, Kind.STEP, needs, reads, yields, body, teardown);
    }

    /** An early read, started as soon as what it needs is known. */
    static Step read(String name, List<String> needs, String reads, Body body) {
        return new Step(name, Kind.READ, needs, List.of(), reads, body, null);
    }

    private final List<Step> steps;
    private final Map<String, Step> byName = new LinkedHashMap<>();
    /** Each step and every step it needs, directly or through others. */
    private final Map<String, Set<String>> upstream = new LinkedHashMap<>();

    /**
     * @throws IllegalArgumentException when a name repeats, an edge names a step not listed before it (an
     *                                  unknown step, or a cycle), or a step reads something that is not a read
     */
    StepGraph(List<Step> steps) {
        this.steps = List.copyOf(steps);
        for (Step step : this.steps) {
            for (String need : step.needs()) {
                if (!byName.containsKey(need)) {
                    throw new IllegalArgumentException(
                            step.name() + " needs " + need + ", which is not listed before it");
                }
            }
            for (String read : step.reads()) {
                Step r = byName.get(read);
                if (r == null || r.kind() != Kind.READ) {
                    throw new IllegalArgumentException(
                            step.name() + " reads " + read + ", which is not an early read listed before it");
                }
            }
            if (step.kind() == Kind.READ && step.teardown() != null) {
                throw new IllegalArgumentException(step.name() + " is a read: it has nothing to delete");
            }
            if (byName.putIfAbsent(step.name(), step) != null) {
                throw new IllegalArgumentException(step.name() + " is listed twice");
            }
            Set<String> above = new LinkedHashSet<>();
            for (String need : step.needs()) {
                above.add(need);
                above.addAll(upstream.get(need));
            }
            upstream.put(step.name(), Collections.unmodifiableSet(above));
        }
    }

    /** Every node, each after what it needs and reads. */
    List<Step> steps() {
        return steps;
    }

    Step get(String name) {
        Step step = byName.get(name);
        if (step == null) {
            throw new IllegalArgumentException("No step " + name);
        }
        return step;
    }

    /** The steps {@code name} needs, directly or through the steps it needs. */
    Set<String> upstream(String name) {
        get(name);
        return upstream.get(name);
    }

    /** The names in the order the engine starts them. */
    List<String> order() {
        return steps.stream().map(Step::name).toList();
    }

    /** The steps that own something to delete, in the order destroy deletes it: the reverse of {@link #order()}. */
    List<Step> destroyOrder() {
        List<Step> reversed = new ArrayList<>(steps);
        Collections.reverse(reversed);
        return reversed.stream().filter(s -> s.teardown() != null).toList();
    }

    /** Each node with what it waits for (needs, then reads), in {@link #order()}. Unmodifiable. */
    Map<String, List<String>> waitsFor() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        steps.forEach(s -> map.put(s.name(), List.copyOf(s.waitsFor())));
        return Collections.unmodifiableMap(map);
    }

    /** One edge: {@code to} waits for {@code from}; {@code read} when {@code from} is an early read it uses. */
    record Edge(String from, String to, boolean read) {}

    /** Every edge, needs and reads. */
    Set<Edge> edges() {
        Set<Edge> edges = new LinkedHashSet<>();
        for (Step step : steps) {
            step.needs().forEach(n -> edges.add(new Edge(n, step.name(), false)));
            step.reads().forEach(r -> edges.add(new Edge(r, step.name(), true)));
        }
        return edges;
    }

    /**
     * The results a step's body may take: those of the steps it needs, directly or through others (they
     * have all ended when it starts). Asking for any other step's result is a mistake in the description.
     */
    static final class Inputs {
        private final String step;
        private final Set<String> allowed;
        private final Map<String, Object> results;

        Inputs(String step, Set<String> allowed, Map<String, Object> results) {
            this.step = step;
            this.allowed = Set.copyOf(allowed);
            this.results = new java.util.HashMap<>(results);
        }

        /** The result of {@code name}, which this step needs (directly or through another step). */
        <T> T get(String name, Class<T> type) {
            if (!allowed.contains(name)) {
                throw new IllegalStateException(step + " takes the result of " + name + " but does not need it:"
                        + " add the edge to the step graph");
            }
            return type.cast(results.get(name));
        }
    }

    /** The early reads no step says it uses (none, in a description without dead reads). */
    Set<String> unusedReads() {
        Set<String> used = new HashSet<>();
        steps.forEach(s -> used.addAll(s.reads()));
        Set<String> unused = new LinkedHashSet<>();
        steps.stream()
                .filter(s -> s.kind() == Kind.READ && !used.contains(s.name()))
                .forEach(s -> unused.add(s.name()));
        return unused;
    }
}
