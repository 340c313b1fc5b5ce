package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.AttributeChange;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.ResourceKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

/**
 * With sites: the HTTPS listener's rules, laid out by {@link SiteRouting} (a host-header rule per site, a path rule per
 * route). Read with one DescribeRules per listener (not per site) and one DescribeTags per 20 rules; a rule is the
 * stack's when its tag says {@code <stack>/<site>}, and its key tag says which of the site's rules it is. A rule that
 * exists keeps its priority; one whose conditions or target group differ is modified in place (ModifyRule); one no
 * site wants any more is deleted first, before anything it forwarded to.
 */
final class ListenerRules {
    /** DescribeRules' largest page: every rule of a listener (100 and the default one) in one call. */
    private static final int MAX_PAGE = 400;

    private static final String HOST_HEADER = "host-header";
    private static final String PATH_PATTERN = "path-pattern";

    private final Run run;
    private final HttpsSetup spec;

    ListenerRules(Run run) {
        this.run = run;
        this.spec = run.spec();
    }

    /** A rule as read: AWS's rule and its tags. */
    record Observed(Rule rule, Map<String, String> tags) {
        int priority() {
            return Integer.parseInt(rule.priority());
        }
    }

    /** The listener's rules other than the default one, with their tags. */
    List<Observed> observed(String listenerArn) {
        return run.observe(ResourceKind.LISTENER_RULE, "rules " + listenerArn, () -> {
            List<Rule> rules = new ArrayList<>();
            String marker = null;
            do {
                String m = marker;
                DescribeRulesResponse page = run.aws()
                        .elb()
                        .describeRules(r ->
                                r.listenerArn(listenerArn).pageSize(MAX_PAGE).marker(m));
                page.rules().stream()
                        .filter(r -> !Boolean.TRUE.equals(r.isDefault()) && !"default".equals(r.priority()))
                        .forEach(rules::add);
                marker = page.nextMarker() == null || page.nextMarker().isEmpty() ? null : page.nextMarker();
            } while (marker != null);
            Map<String, Map<String, String>> tags =
                    ElbTags.read(run, rules.stream().map(Rule::ruleArn).toList());
            return rules.stream()
                    .map(r -> new Observed(r, tags.getOrDefault(r.ruleArn(), Map.of())))
                    .toList();
        });
    }

    /** The site a rule belongs to, when the stack owns it. */
    private Optional<String> site(Observed rule) {
        String owner = rule.tags().get(HttpsSetup.OWNERSHIP_TAG);
        String prefix = spec.stack() + "/";
        return owner != null && owner.startsWith(prefix)
                ? Optional.of(owner.substring(prefix.length()))
                : Optional.empty();
    }

    private static String id(String site, Observed rule) {
        return site + "/" + rule.tags().getOrDefault(Sites.RULE_TAG, "");
    }

    /**
     * Creates, modifies and deletes the stack's rules so that each site's names (and each route's paths) go to their
     * target group; notes the removed sites in {@code sites} (from their rules' tags) before deleting their rules.
     */
    void converge(States.LoadBalancer loadBalancer, Sites sites) {
        Optional<Listener> listener = ListenerCertificates.httpsListener(run, loadBalancer);
        List<Observed> current = listener.map(l -> observed(l.listenerArn())).orElse(List.of());
        Map<String, Observed> owned = new LinkedHashMap<>();
        Set<Integer> taken = new HashSet<>();
        for (Observed rule : current) {
            taken.add(rule.priority());
            site(rule).ifPresent(site -> owned.put(id(site, rule), rule));
        }
        noteRemoved(owned.values(), sites);
        List<SiteRouting.Rule> wanted = SiteRouting.rules(spec.sites());
        Set<String> wantedIds = wanted.stream().map(SiteRouting.Rule::id).collect(Collectors.toSet());
        // removed first: a name leaves its old rule before a new one may claim it
        owned.forEach((id, rule) -> {
            if (!wantedIds.contains(id)) {
                run.change(
                        Change.of(
                                ChangeAction.DELETE,
                                ResourceKind.LISTENER_RULE,
                                id + " (priority " + rule.priority() + ")",
                                rule.rule().ruleArn(),
                                "no site describes it"),
                        () -> run.aws()
                                .elb()
                                .deleteRule(r -> r.ruleArn(rule.rule().ruleArn())));
            }
        });
        Map<String, Integer> existing = new HashMap<>();
        owned.forEach((id, rule) -> {
            if (wantedIds.contains(id)) {
                existing.put(id, rule.priority());
            }
        });
        Map<String, Integer> priorities = SiteRouting.priorities(wanted, existing, taken);
        for (SiteRouting.Rule rule : wanted) {
            States.TargetGroup group = sites.targetGroups.get(rule.target());
            String groupArn = group == null ? null : group.arn();
            Observed present = owned.get(rule.id());
            int priority = priorities.get(rule.id());
            String name = rule.id() + " (priority " + priority + ")";
            Map<String, String> tags = tags(rule.site(), rule.key(), sites);
            if (present == null) {
                run.change(
                        new Change(
                                ChangeAction.CREATE,
                                ResourceKind.LISTENER_RULE,
                                name,
                                null,
                                Run.attributes(
                                        "hosts",
                                        rule.hosts(),
                                        "paths",
                                        rule.paths().isEmpty() ? "any" : rule.paths(),
                                        "forward",
                                        groupArn),
                                ""),
                        () -> {
                            String listenerArn = ListenerCertificates.httpsListener(run, loadBalancer)
                                    .orElseThrow(() -> new IllegalStateException("no HTTPS listener"))
                                    .listenerArn();
                            return run.retrying(
                                            "listener-rules",
                                            "creating rule " + rule.id(),
                                            () -> run.aws()
                                                    .elb()
                                                    .createRule(r -> r.listenerArn(listenerArn)
                                                            .priority(priority)
                                                            .conditions(conditions(rule))
                                                            .actions(forward(groupArn))
                                                            .tags(LoadBalancers.tags(tags))),
                                            "TargetGroupNotFound")
                                    .rules()
                                    .get(0)
                                    .ruleArn();
                        },
                        arn -> arn);
                continue;
            }
            List<AttributeChange> differences = differences(present, rule, groupArn);
            String arn = present.rule().ruleArn();
            if (!differences.isEmpty()) {
                run.change(
                        new Change(ChangeAction.UPDATE, ResourceKind.LISTENER_RULE, name, arn, differences, ""),
                        () -> run.aws()
                                .elb()
                                .modifyRule(r -> r.ruleArn(arn)
                                        .conditions(conditions(rule))
                                        .actions(forward(groupArn))));
            }
            Map<String, String> missing = new LinkedHashMap<>();
            tags.forEach((k, v) -> {
                if (!v.equals(present.tags().get(k))) {
                    missing.put(k, v);
                }
            });
            if (!missing.isEmpty()) {
                List<AttributeChange> tagChanges = new ArrayList<>();
                missing.forEach((k, v) -> tagChanges.add(
                        new AttributeChange("tags." + k, present.tags().get(k), v)));
                run.change(
                        new Change(ChangeAction.UPDATE, ResourceKind.LISTENER_RULE, name, arn, tagChanges, ""),
                        () -> run.aws().elb().addTags(r -> r.resourceArns(arn).tags(LoadBalancers.tags(missing))));
            }
            if (differences.isEmpty() && missing.isEmpty()) {
                run.unchanged(ResourceKind.LISTENER_RULE, name, arn);
            }
        }
    }

    /** Destroy: deletes the stack's rules (before the listener, which would take them along). */
    void destroy(Sites sites, States.LoadBalancer loadBalancer) {
        Optional<Listener> listener = ListenerCertificates.httpsListener(run, loadBalancer);
        if (listener.isEmpty()) {
            return;
        }
        for (Observed rule : observed(listener.get().listenerArn())) {
            site(rule)
                    .ifPresent(site -> run.change(
                            Change.of(
                                    ChangeAction.DELETE,
                                    ResourceKind.LISTENER_RULE,
                                    id(site, rule) + " (priority " + rule.priority() + ")",
                                    rule.rule().ruleArn(),
                                    "destroy"),
                            () -> run.aws()
                                    .elb()
                                    .deleteRule(r -> r.ruleArn(rule.rule().ruleArn()))));
        }
    }

    /** Reads the rules to note the sites that are gone from the description, for the destroy of their parts. */
    void noteRemoved(Sites sites, States.LoadBalancer loadBalancer) {
        Optional<Listener> listener = ListenerCertificates.httpsListener(run, loadBalancer);
        if (listener.isEmpty()) {
            return;
        }
        List<Observed> owned = observed(listener.get().listenerArn()).stream()
                .filter(r -> site(r).isPresent())
                .toList();
        noteRemoved(owned, sites);
    }

    private void noteRemoved(Iterable<Observed> owned, Sites sites) {
        Map<String, List<Observed>> hostRules = new LinkedHashMap<>();
        for (Observed rule : owned) {
            String site = site(rule).orElseThrow();
            if (site.contains("/") || spec.sites().containsKey(site)) {
                continue;
            }
            hostRules.computeIfAbsent(site, s -> new ArrayList<>()).add(rule);
        }
        hostRules.forEach((site, rules) -> {
            List<String> names = new ArrayList<>();
            String zone = null;
            String role = null;
            rules.sort((a, b) ->
                    a.tags().getOrDefault(Sites.RULE_TAG, "").compareTo(b.tags().getOrDefault(Sites.RULE_TAG, "")));
            for (Observed rule : rules) {
                if (rule.tags().getOrDefault(Sites.RULE_TAG, "").startsWith("host-")) {
                    names.addAll(values(rule.rule(), HOST_HEADER));
                }
                if (rule.tags().containsKey(Sites.ZONE_TAG)) {
                    zone = rule.tags().get(Sites.ZONE_TAG);
                }
                if (rule.tags().containsKey(Sites.ROLE_TAG)) {
                    role = rule.tags().get(Sites.ROLE_TAG);
                }
            }
            sites.removed.put(site, new Sites.Removed(site, List.copyOf(names), zone, role));
        });
    }

    private Map<String, String> tags(String site, String key, Sites sites) {
        Map<String, String> tags = new LinkedHashMap<>(spec.tags());
        tags.put(HttpsSetup.OWNERSHIP_TAG, spec.stack() + "/" + site);
        tags.put(Sites.RULE_TAG, key);
        States.Zone zone = sites.zones.get(site);
        if (zone != null && zone.id() != null) {
            tags.put(Sites.ZONE_TAG, zone.id());
        }
        spec.sites().get(site).domain().hostedZone().roleArn().ifPresent(role -> tags.put(Sites.ROLE_TAG, role));
        return tags;
    }

    private static List<RuleCondition> conditions(SiteRouting.Rule rule) {
        List<RuleCondition> conditions = new ArrayList<>();
        conditions.add(RuleCondition.builder()
                .field(HOST_HEADER)
                .hostHeaderConfig(c -> c.values(rule.hosts()))
                .build());
        if (!rule.paths().isEmpty()) {
            conditions.add(RuleCondition.builder()
                    .field(PATH_PATTERN)
                    .pathPatternConfig(c -> c.values(rule.paths()))
                    .build());
        }
        return conditions;
    }

    private static Action forward(String groupArn) {
        return ListenerAction.forward(groupArn).toAws();
    }

    /** What differs between the rule as read and as wanted: hosts, paths, target group. */
    private static List<AttributeChange> differences(Observed present, SiteRouting.Rule rule, String groupArn) {
        List<AttributeChange> differences = new ArrayList<>();
        Set<String> hosts = new TreeSet<>(values(present.rule(), HOST_HEADER));
        if (!hosts.equals(new TreeSet<>(rule.hosts()))) {
            differences.add(new AttributeChange("hosts", hosts.toString(), new TreeSet<>(rule.hosts()).toString()));
        }
        Set<String> paths = new TreeSet<>(values(present.rule(), PATH_PATTERN));
        if (!paths.equals(new TreeSet<>(rule.paths()))) {
            differences.add(new AttributeChange("paths", paths.toString(), new TreeSet<>(rule.paths()).toString()));
        }
        if (!ListenerAction.forward(groupArn).matches(present.rule().actions())) {
            differences.add(new AttributeChange(
                    "forward",
                    ListenerAction.describe(present.rule().actions()),
                    groupArn == null ? AttributeChange.KNOWN_AFTER_APPLY : groupArn));
        }
        return differences;
    }

    /** A condition's values, from its typed config or from the older top-level list. */
    private static List<String> values(Rule rule, String field) {
        List<String> values = new ArrayList<>();
        for (RuleCondition c : rule.conditions()) {
            if (!field.equals(c.field())) {
                continue;
            }
            if (HOST_HEADER.equals(field)
                    && c.hostHeaderConfig() != null
                    && c.hostHeaderConfig().hasValues()) {
                values.addAll(c.hostHeaderConfig().values());
            } else if (PATH_PATTERN.equals(field)
                    && c.pathPatternConfig() != null
                    && c.pathPatternConfig().hasValues()) {
                values.addAll(c.pathPatternConfig().values());
            } else if (c.hasValues()) {
                values.addAll(c.values());
            }
        }
        return values;
    }
}
