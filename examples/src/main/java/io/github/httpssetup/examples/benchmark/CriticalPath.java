package io.github.httpssetup.examples.benchmark;

import io.github.httpssetup.core.HttpsSetupExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lower bound of a run's wall time from the engine's dependency graph ({@link HttpsSetupExecutor#steps()}):
 * for each step, the round trips it makes one after another (its calls × the latency) plus the waits on it;
 * a step starts when the steps and early reads it waits for end; the run lasts until the last step ends. An
 * apply is a plan run, then an apply run: their bounds add up. Other runs (destroy) make their calls one
 * after another.
 *
 * <p>The certificate step holds the one wait: ACM (moto: {@code MOTO_ACM_VALIDATION_WAIT}) issues the
 * certificate a fixed time after {@code RequestCertificate}. The calls between that request and the
 * {@code DescribeCertificate} that sees it ISSUED (validation records, their CNAMEs, polls) overlap the
 * wait, so that span costs {@code max(wait, its calls × latency)}.
 */
public final class CriticalPath {

    /** The runs whose steps run as the graph says; the steps of other runs run one after another. */
    private static final Set<String> GRAPH_RUNS = Set.of("plan", "apply");

    private CriticalPath() {}

    /** One call sent to AWS, attributed to the run phase ({@code plan}, {@code apply}, ...) and step that made it. */
    public record Call(String phase, String step, String service, String operation, long nanos, long answerNanos) {

        public Call(String phase, String step, String service, String operation) {
            this(phase, step, service, operation, 0, 0);
        }

        /** The same call, answered after {@code answerNanos} (the emulator's own time, without the added latency). */
        public Call answered(long answerNanos) {
            return new Call(phase, step, service, operation, nanos, answerNanos);
        }

        /** Whether the call changes nothing (as the engine's call counter classifies it). */
        public boolean read() {
            return io.github.httpssetup.core.internal.ApiCallCounter.isRead(operation);
        }
    }

    /** The bound, and the chain of steps that makes it (e.g. {@code plan/network 3 calls 150 ms}). */
    public record Result(long millis, List<String> chain) {}

    /**
     * The steps of a plan or apply run that the engine's graph does not list: none, unless a call was made
     * outside the engine's steps (the bound would then miss it).
     */
    public static Set<String> unknownSteps(List<Call> calls) {
        return unknownSteps(calls, HttpsSetupExecutor.steps());
    }

    static Set<String> unknownSteps(List<Call> calls, Map<String, List<String>> graph) {
        Set<String> unknown = new java.util.TreeSet<>();
        calls.stream()
                .filter(c -> GRAPH_RUNS.contains(c.phase()))
                .filter(c -> !graph.containsKey(c.step()))
                .forEach(c -> unknown.add(c.phase() + "/" + c.step()));
        return unknown;
    }

    /** The critical path of the calls of one plan, apply or destroy (phases in the order they ran). */
    public static Result of(List<Call> calls, long latencyMs, long waitMs) {
        return of(calls, call -> latencyMs, waitMs);
    }

    /**
     * The same bound with each call costing the latency plus the time the emulator took to answer it
     * (e.g. moto generates a key pair for every certificate request before the validation wait starts).
     */
    public static Result withAnswerTimes(List<Call> calls, long latencyMs, long waitMs) {
        return of(calls, call -> latencyMs + call.answerNanos() / 1_000_000, waitMs);
    }

    static Result of(List<Call> calls, java.util.function.ToLongFunction<Call> cost, long waitMs) {
        return of(calls, cost, waitMs, HttpsSetupExecutor.steps());
    }

    /** The bound with {@code allSteps}: each step and what it waits for, each after what it waits for. */
    static Result of(
            List<Call> calls,
            java.util.function.ToLongFunction<Call> cost,
            long waitMs,
            Map<String, List<String>> allSteps) {
        Set<String> phases = new LinkedHashSet<>();
        calls.forEach(c -> phases.add(c.phase()));
        long total = 0;
        List<String> chain = new ArrayList<>();
        for (String phase : phases) {
            Map<String, List<Call>> bySteps = new LinkedHashMap<>();
            calls.stream()
                    .filter(c -> c.phase().equals(phase))
                    .forEach(c -> bySteps.computeIfAbsent(c.step(), s -> new ArrayList<>())
                            .add(c));
            Map<String, List<String>> graph = GRAPH_RUNS.contains(phase) ? allSteps : Map.of();
            Map<String, Long> finish = new LinkedHashMap<>();
            Map<String, String> previous = new LinkedHashMap<>();
            for (String step : graph.keySet()) { // each step comes after what it waits for
                long start = 0;
                for (String dependency : graph.get(step)) {
                    if (finish.get(dependency) >= start) {
                        start = finish.get(dependency);
                        previous.put(step, dependency);
                    }
                }
                finish.put(step, start + stepMillis(bySteps.getOrDefault(step, List.of()), cost, waitMs));
            }
            // Calls outside the graph (a destroy deletes step after step) run one after another.
            long outside = 0;
            for (Map.Entry<String, List<Call>> e : bySteps.entrySet()) {
                if (!graph.containsKey(e.getKey())) {
                    outside += stepMillis(e.getValue(), cost, waitMs);
                    chain.add(phase + "/" + e.getKey() + " " + e.getValue().size() + " calls "
                            + stepMillis(e.getValue(), cost, waitMs) + " ms");
                }
            }
            String last = null;
            for (Map.Entry<String, Long> e : finish.entrySet()) {
                if (last == null || e.getValue() > finish.get(last)) {
                    last = e.getKey();
                }
            }
            List<String> phaseChain = new ArrayList<>();
            for (String step = last; step != null; step = previous.get(step)) {
                List<Call> stepCalls = bySteps.getOrDefault(step, List.of());
                if (!stepCalls.isEmpty()) { // a step that made no call (all it read was known) adds nothing
                    phaseChain.add(
                            0,
                            phase + "/" + step + " " + stepCalls.size() + " calls "
                                    + stepMillis(stepCalls, cost, waitMs) + " ms");
                }
            }
            chain.addAll(phaseChain);
            total += (last == null ? 0 : finish.get(last)) + outside;
        }
        return new Result(total, chain);
    }

    /** One step's calls one after another, the certificate wait overlapping the calls made during it. */
    static long stepMillis(List<Call> calls, long latencyMs, long waitMs) {
        return stepMillis(calls, call -> latencyMs, waitMs);
    }

    static long stepMillis(List<Call> calls, java.util.function.ToLongFunction<Call> cost, long waitMs) {
        int request = -1;
        for (int i = 0; i < calls.size(); i++) {
            if ("RequestCertificate".equals(calls.get(i).operation())) {
                request = i;
            }
        }
        int issued = -1;
        for (int i = calls.size() - 1; i > request && request >= 0; i--) {
            if ("DescribeCertificate".equals(calls.get(i).operation())) {
                issued = i;
                break;
            }
        }
        long outside = 0;
        long during = 0;
        for (int i = 0; i < calls.size(); i++) {
            if (request >= 0 && issued >= 0 && i > request && i < issued) {
                during += cost.applyAsLong(calls.get(i));
            } else {
                outside += cost.applyAsLong(calls.get(i));
            }
        }
        return outside + Math.max(request >= 0 && issued >= 0 ? waitMs : 0, during);
    }
}
