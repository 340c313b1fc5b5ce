package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.RouteSpec;
import io.github.httpssetup.core.SiteSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the sites of a stack become rules of its HTTPS listener, said once: the validator counts these rules against
 * the load balancer's quotas and the engine writes them.
 *
 * <p>Each site has host-header rules ({@code host-<n>}) forwarding its names to its target group, and each route has
 * rules ({@code route-<i>-<n>}) matching the site's names and the route's paths. A rule holds at most
 * {@value #MAX_CONDITION_VALUES} condition values and {@value #MAX_CONDITION_VALUES} match evaluations (hosts times
 * paths), Elastic Load Balancing's quotas, so a site's names are split across as many rules as needed. Route rules
 * take priorities from {@value #FIRST_ROUTE_PRIORITY} upward and host rules from {@value #FIRST_HOST_PRIORITY} upward,
 * so a path always wins over its site's host rule; a rule keeps the priority it was given for as long as it exists,
 * so adding, removing or reordering sites never renumbers the others.
 */
public final class SiteRouting {
    /** Condition values per rule and match evaluations per rule (Elastic Load Balancing quotas). */
    public static final int MAX_CONDITION_VALUES = 5;
    /** Rules per load balancer, not counting the default ones (Elastic Load Balancing quota). */
    public static final int MAX_RULES = 100;
    /** The most path patterns in one route: one condition value is left for the site's names. */
    public static final int MAX_ROUTE_PATHS = MAX_CONDITION_VALUES - 1;

    static final int FIRST_ROUTE_PRIORITY = 1;
    static final int FIRST_HOST_PRIORITY = 25001;
    static final int LAST_PRIORITY = 50000;

    private SiteRouting() {}

    /**
     * One rule the listener should have.
     *
     * @param site   the site's name
     * @param key    {@code host-<n>} or {@code route-<i>-<n>}, unique within the site
     * @param hosts  the host-header values
     * @param paths  the path-pattern values; empty for a host rule
     * @param target the key of the target group it forwards to: the site's name, or {@code <site>/route-<i>}
     */
    record Rule(String site, String key, List<String> hosts, List<String> paths, String target) {
        String id() {
            return site + "/" + key;
        }

        boolean isRoute() {
            return !paths.isEmpty();
        }
    }

    /**
     * Counts the rules the sites need.
     *
     * @param sites the sites, each with a domain and routes whose paths number 1 to {@link #MAX_ROUTE_PATHS}
     * @return the number of listener rules
     */
    public static int ruleCount(Map<String, SiteSpec> sites) {
        return rules(sites).size();
    }

    /** The rules the sites need, site by site: route rules first, in route order, then host rules. */
    static List<Rule> rules(Map<String, SiteSpec> sites) {
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, SiteSpec> entry : sites.entrySet()) {
            String site = entry.getKey();
            List<String> names = entry.getValue().allNames();
            List<RouteSpec> routes = entry.getValue().routes();
            for (int i = 0; i < routes.size(); i++) {
                List<String> paths = routes.get(i).paths();
                int chunk = hostsPerRule(paths.size());
                List<List<String>> parts = split(names, chunk);
                for (int n = 0; n < parts.size(); n++) {
                    rules.add(new Rule(
                            site, "route-" + i + "-" + n, parts.get(n), List.copyOf(paths), routeTarget(site, i)));
                }
            }
            List<List<String>> parts = split(names, MAX_CONDITION_VALUES);
            for (int n = 0; n < parts.size(); n++) {
                rules.add(new Rule(site, "host-" + n, parts.get(n), List.of(), site));
            }
        }
        return rules;
    }

    /** The key of a route's target group. */
    static String routeTarget(String site, int route) {
        return site + "/route-" + route;
    }

    /** Hosts in one rule with this many paths: within both the values and the evaluations quota. */
    private static int hostsPerRule(int paths) {
        int p = Math.max(1, paths);
        return Math.max(1, Math.min(MAX_CONDITION_VALUES - p, MAX_CONDITION_VALUES / p));
    }

    private static List<List<String>> split(List<String> names, int size) {
        List<List<String>> parts = new ArrayList<>();
        for (int i = 0; i < names.size(); i += size) {
            parts.add(List.copyOf(names.subList(i, Math.min(names.size(), i + size))));
        }
        return parts;
    }

    /**
     * Gives each wanted rule a priority: the one its rule already has when it exists in the right range, otherwise the
     * lowest free one of its range (above the site's earlier routes, for a route rule).
     *
     * @param wanted   the rules, as {@link #rules(Map)} lists them
     * @param existing the priorities of the stack's rules that exist, by {@link Rule#id()}
     * @param taken    every priority in use on the listener, the stack's rules included
     * @return the priority of each wanted rule, by id, in the wanted order
     */
    static Map<String, Integer> priorities(List<Rule> wanted, Map<String, Integer> existing, Set<Integer> taken) {
        Set<Integer> used = new HashSet<>(taken);
        Map<String, Integer> priorities = new LinkedHashMap<>();
        Map<String, Integer> floor = new LinkedHashMap<>();
        for (Rule rule : wanted) {
            Integer kept = existing.get(rule.id());
            if (kept != null && inRange(kept, rule.isRoute())) {
                priorities.put(rule.id(), kept);
                if (rule.isRoute()) {
                    floor.merge(rule.site(), kept, Math::max);
                }
            }
        }
        for (Rule rule : wanted) {
            if (priorities.containsKey(rule.id())) {
                continue;
            }
            int from = rule.isRoute()
                    ? Math.max(FIRST_ROUTE_PRIORITY, floor.getOrDefault(rule.site(), 0) + 1)
                    : FIRST_HOST_PRIORITY;
            int p = from;
            while (used.contains(p)) {
                p++;
            }
            used.add(p);
            priorities.put(rule.id(), p);
            if (rule.isRoute()) {
                floor.merge(rule.site(), p, Math::max);
            }
        }
        Map<String, Integer> ordered = new LinkedHashMap<>();
        wanted.forEach(rule -> ordered.put(rule.id(), priorities.get(rule.id())));
        return ordered;
    }

    private static boolean inRange(int priority, boolean route) {
        return route
                ? priority >= FIRST_ROUTE_PRIORITY && priority < FIRST_HOST_PRIORITY
                : priority >= FIRST_HOST_PRIORITY && priority <= LAST_PRIORITY;
    }
}
