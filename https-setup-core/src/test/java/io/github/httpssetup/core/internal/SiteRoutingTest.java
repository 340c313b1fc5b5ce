package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.SiteSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SiteRoutingTest {

    private static SiteSpec site(String name, String... alternativeNames) {
        return SiteSpec.builder()
                .domain(d -> d.name(name).alternativeNames(alternativeNames))
                .targets(t -> t.instanceIds("i-0abc1234def567890"))
                .build();
    }

    private static Map<String, SiteSpec> sites(Object... nameAndSite) {
        Map<String, SiteSpec> sites = new LinkedHashMap<>();
        for (int i = 0; i < nameAndSite.length; i += 2) {
            sites.put((String) nameAndSite[i], (SiteSpec) nameAndSite[i + 1]);
        }
        return sites;
    }

    @Test
    void rules_giveEachSiteAHostRule_andEachRouteAPathRuleWithTheSitesNames() {
        SiteSpec blog = site("blog.example.org").toBuilder()
                .addRoute(r -> r.paths("/api/*").targets(t -> t.instanceIds("i-0abc1234def567890")))
                .build();

        List<SiteRouting.Rule> rules =
                SiteRouting.rules(sites("shop", site("example.com", "www.example.com"), "blog", blog));

        assertThat(rules)
                .containsExactly(
                        new SiteRouting.Rule(
                                "shop", "host-0", List.of("example.com", "www.example.com"), List.of(), "shop"),
                        new SiteRouting.Rule(
                                "blog", "route-0-0", List.of("blog.example.org"), List.of("/api/*"), "blog/route-0"),
                        new SiteRouting.Rule("blog", "host-0", List.of("blog.example.org"), List.of(), "blog"));
    }

    @Test
    void rules_splitASitesNames_soThatNoRuleHoldsMoreThanFiveValuesOrEvaluations() {
        SiteSpec big = site(
                        "a.example.com",
                        "b.example.com",
                        "c.example.com",
                        "d.example.com",
                        "e.example.com",
                        "f.example.com")
                .toBuilder()
                .addRoute(r -> r.paths("/x", "/y").targets(t -> t.instanceIds("i-0abc1234def567890")))
                .build();

        List<SiteRouting.Rule> rules = SiteRouting.rules(sites("big", big));

        assertThat(rules)
                .extracting(SiteRouting.Rule::key)
                .containsExactly("route-0-0", "route-0-1", "route-0-2", "host-0", "host-1");
        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.hosts().size() + rule.paths().size()).isLessThanOrEqualTo(SiteRouting.MAX_CONDITION_VALUES);
            assertThat(rule.hosts().size() * Math.max(1, rule.paths().size()))
                    .isLessThanOrEqualTo(SiteRouting.MAX_CONDITION_VALUES);
        });
    }

    @Test
    void priorities_ofAFreshListener_startRoutesAt1AndHostsAt25001() {
        SiteSpec blog = site("blog.example.org").toBuilder()
                .addRoute(r -> r.paths("/api/*").targets(t -> t.instanceIds("i-0abc1234def567890")))
                .build();
        List<SiteRouting.Rule> rules = SiteRouting.rules(sites("shop", site("example.com"), "blog", blog));

        assertThat(SiteRouting.priorities(rules, Map.of(), Set.of()))
                .containsExactly(
                        Map.entry("shop/host-0", 25001),
                        Map.entry("blog/route-0-0", 1),
                        Map.entry("blog/host-0", 25002));
    }

    @Test
    void priorities_whenASiteIsAddedRemovedOrReordered_keepTheOthers() {
        Map<String, Integer> existing = Map.of("shop/host-0", 25001, "blog/route-0-0", 1, "blog/host-0", 25002);
        Set<Integer> taken = Set.of(25001, 1, 25002);
        // shop removed, docs added first, blog after it
        List<SiteRouting.Rule> rules = SiteRouting.rules(sites(
                "docs", site("docs.example.net"),
                "blog",
                        site("blog.example.org").toBuilder()
                                .addRoute(r -> r.paths("/api/*").targets(t -> t.instanceIds("i-0abc1234def567890")))
                                .build()));

        assertThat(SiteRouting.priorities(rules, existing, taken))
                .containsExactly(
                        Map.entry("docs/host-0", 25003),
                        Map.entry("blog/route-0-0", 1),
                        Map.entry("blog/host-0", 25002));
    }

    @Test
    void priorities_skipThoseOfRulesTheStackDoesNotOwn_andKeepASitesRoutesInOrder() {
        SiteSpec blog = site("blog.example.org").toBuilder()
                .addRoute(r -> r.paths("/a/*").targets(t -> t.instanceIds("i-0abc1234def567890")))
                .addRoute(r -> r.paths("/b/*").targets(t -> t.instanceIds("i-0abc1234def567890")))
                .build();
        List<SiteRouting.Rule> rules = SiteRouting.rules(sites("blog", blog));

        // route-0-0 exists at 5; someone else's rule holds 6 and 25001
        assertThat(SiteRouting.priorities(rules, Map.of("blog/route-0-0", 5), Set.of(5, 6, 25001)))
                .containsExactly(
                        Map.entry("blog/route-0-0", 5),
                        Map.entry("blog/route-1-0", 7),
                        Map.entry("blog/host-0", 25002));
    }
}
