package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.httpssetup.core.HttpsSetupExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The chain's description ({@link Chain#GRAPH}), without AWS. */
class StepGraphTest {

    private static final StepGraph GRAPH = Chain.GRAPH;
    private static final StepGraph.Body NOTHING = (run, in) -> null;

    @Test
    void chain_hasNoCycle_everyStepAfterWhatItWaitsFor() {
        // Independent of the constructor's own check: a depth-first walk over what each step waits for.
        Map<String, Integer> state = new HashMap<>(); // 1 = on the path, 2 = done
        for (String step : GRAPH.order()) {
            assertThat(cycleFrom(step, state, new ArrayList<>()))
                    .as("cycle through " + step)
                    .isEmpty();
        }
        List<String> order = GRAPH.order();
        GRAPH.steps()
                .forEach(s -> s.waitsFor()
                        .forEach(w -> assertThat(order.indexOf(w))
                                .as(s.name() + " waits for " + w)
                                .isBetween(0, order.indexOf(s.name()) - 1)));
    }

    private static List<String> cycleFrom(String step, Map<String, Integer> state, List<String> path) {
        Integer seen = state.get(step);
        if (seen != null) {
            return seen == 1 ? path : List.of();
        }
        state.put(step, 1);
        path.add(step);
        for (String next : GRAPH.get(step).waitsFor()) {
            List<String> cycle = cycleFrom(next, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(step, 2);
        return List.of();
    }

    @Test
    void chain_everyInputIsProducedBySomeStep_andEveryReadIsUsed() {
        Set<String> names = new HashSet<>(GRAPH.order());
        for (StepGraph.Step step : GRAPH.steps()) {
            assertThat(names).as(step.name() + " needs").containsAll(step.needs());
            for (String read : step.reads()) {
                assertThat(GRAPH.get(read).kind())
                        .as(step.name() + " reads " + read)
                        .isEqualTo(StepGraph.Kind.READ);
            }
        }
        assertThat(GRAPH.unusedReads()).isEmpty();
        assertThat(names).hasSize(GRAPH.steps().size());
    }

    @Test
    void chain_needsNoEdgeThatAnotherNeedImplies() {
        // The description says each wait once: the README draws exactly these edges.
        for (StepGraph.Step step : GRAPH.steps()) {
            for (String need : step.needs()) {
                for (String other : step.needs()) {
                    assertThat(GRAPH.upstream(other))
                            .as(step.name() + " needs " + need + " through " + other)
                            .doesNotContain(need);
                }
            }
        }
    }

    @Test
    void chain_namesTheReadsTheStepsMeetInTheRunsReads() {
        // The edges the benchmark's hand-kept copy missed or the engine left implicit.
        assertThat(GRAPH.get(Chain.NETWORK).reads()).containsExactly(Chain.READ_ROUTE_TABLES);
        assertThat(GRAPH.get(Chain.CERTIFICATE).reads()).containsExactly(Chain.READ_CERTIFICATES, Chain.READ_RECORDS);
        assertThat(GRAPH.get(Chain.HTTP_LISTENER).reads()).containsExactly(Chain.READ_LOAD_BALANCER);
        assertThat(HttpsSetupExecutor.steps().get("network")).containsExactly("targets", "read-route-tables");
        assertThat(HttpsSetupExecutor.steps()).isEqualTo(GRAPH.waitsFor());
        assertThatThrownBy(() -> HttpsSetupExecutor.steps().put("x", List.of()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void destroyOrder_isTheReverseOfTheDependencies() {
        List<String> destroy =
                GRAPH.destroyOrder().stream().map(StepGraph.Step::name).toList();

        for (String later : destroy) {
            for (String earlier : GRAPH.upstream(later)) {
                if (destroy.contains(earlier)) {
                    assertThat(destroy.indexOf(later))
                            .as(later + " needs " + earlier + ": deleted before it")
                            .isLessThan(destroy.indexOf(earlier));
                }
            }
        }
        assertThat(destroy)
                .containsExactly(
                        "records",
                        "listeners",
                        "load-balancer",
                        "target-group",
                        "security-groups",
                        "certificate",
                        "zone");
    }

    @Test
    void inputs_resultOfAStepNotNeeded_isRefusedNamingTheMissingEdge() {
        StepGraph.Inputs inputs = new StepGraph.Inputs(
                "records", GRAPH.upstream("records"), Map.of("zone", new States.Zone("Z1", "example.com", List.of())));

        assertThat(inputs.get("zone", States.Zone.class).id()).isEqualTo("Z1");
        assertThatThrownBy(() -> inputs.get("read-records", Object.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("records takes the result of read-records but does not need it");
    }

    @Test
    void constructor_cycleUnknownStepOrReadOfAStep_isRefused() {
        assertThatThrownBy(() -> new StepGraph(List.of(
                        StepGraph.step("a", List.of("b"), List.of(), "", NOTHING, null),
                        StepGraph.step("b", List.of("a"), List.of(), "", NOTHING, null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a needs b, which is not listed before it");
        assertThatThrownBy(() ->
                        new StepGraph(List.of(StepGraph.step("a", List.of("nowhere"), List.of(), "", NOTHING, null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a needs nowhere");
        assertThatThrownBy(() -> new StepGraph(List.of(
                        StepGraph.step("a", List.of(), List.of(), "", NOTHING, null),
                        StepGraph.step("b", List.of(), List.of("a"), "", NOTHING, null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b reads a, which is not an early read");
        assertThatThrownBy(() -> new StepGraph(List.of(
                        StepGraph.step("a", List.of(), List.of(), "", NOTHING, null),
                        StepGraph.step("a", List.of(), List.of(), "", NOTHING, null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a is listed twice");
    }

    @Test
    void upstream_isEverythingNeededDirectlyOrNot() {
        assertThat(GRAPH.upstream(Chain.LOAD_BALANCER))
                .containsExactlyInAnyOrder(Chain.NETWORK, Chain.SECURITY_GROUPS, Chain.TARGETS);
        assertThat(GRAPH.upstream(Chain.ZONE)).isEmpty();
    }

    // ---- the README ----

    private static final Pattern ARROW = Pattern.compile("\\s*([─┈])+►\\s*");

    @Test
    void readme_howItWorksDiagram_drawsEveryEdgeOfTheDescriptionAndNoOther() throws IOException {
        Set<StepGraph.Edge> drawn = diagramEdges(readme());

        assertThat(drawn)
                .as("the edges of the diagram under '## How it works' in README.md; redraw it from Chain")
                .containsExactlyInAnyOrderElementsOf(GRAPH.edges());
    }

    @Test
    void diagramEdges_readsSolidAndDottedArrowsAndLists() {
        Set<StepGraph.Edge> edges = diagramEdges("""
                ## How it works

                ```
                a ──► b ───────► c
                r ┈┈► b, c
                ```
                """);

        assertThat(edges)
                .containsExactlyInAnyOrder(
                        new StepGraph.Edge("a", "b", false),
                        new StepGraph.Edge("b", "c", false),
                        new StepGraph.Edge("r", "b", true),
                        new StepGraph.Edge("r", "c", true));
    }

    /** The edges of the first code block after "## How it works": {@code a ──► b} needs, {@code r ┈► s, t} reads. */
    static Set<StepGraph.Edge> diagramEdges(String readme) {
        int section = readme.indexOf("## How it works");
        assertThat(section).as("README.md has a '## How it works' section").isNotNegative();
        int open = readme.indexOf("```\n", section) + 4;
        String block = readme.substring(open, readme.indexOf("```", open));
        Set<StepGraph.Edge> edges = new LinkedHashSet<>();
        for (String line : block.split("\n")) {
            Matcher arrows = ARROW.matcher(line);
            List<String> nodes = new ArrayList<>();
            List<Boolean> dotted = new ArrayList<>();
            int from = 0;
            while (arrows.find()) {
                nodes.add(line.substring(from, arrows.start()).trim());
                dotted.add(arrows.group(1).equals("┈"));
                from = arrows.end();
            }
            nodes.add(line.substring(from).trim());
            for (int i = 0; i < dotted.size(); i++) {
                for (String to : nodes.get(i + 1).split(",\\s*")) {
                    edges.add(new StepGraph.Edge(nodes.get(i), to.trim(), dotted.get(i)));
                }
            }
        }
        return edges;
    }

    private static String readme() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        assertThat(dir)
                .as("the repository root (with mvnw) above " + Path.of("").toAbsolutePath())
                .isNotNull();
        return Files.readString(dir.resolve("README.md"));
    }
}
