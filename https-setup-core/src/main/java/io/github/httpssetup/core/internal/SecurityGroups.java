package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.AttributeChange;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpAction;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.IpAddressType;
import io.github.httpssetup.core.LoadBalancerSpec;
import io.github.httpssetup.core.ResourceKind;
import io.github.httpssetup.core.TargetsSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The load balancer's security groups. {@code auto}: a group {@code <stack>-alb} owned by the stack that
 * admits the listener ports from anywhere, and on each target instance's group one rule per application
 * port admitting it from that group. Given groups are used as they are, with a warning when none of them
 * admits HTTPS.
 */
final class SecurityGroups {

    static final String ANYWHERE_IPV4 = "0.0.0.0/0";
    static final String ANYWHERE_IPV6 = "::/0";
    /** The error AWS answers while a just-created group is not visible everywhere yet. */
    private static final String GROUP_NOT_FOUND = "InvalidGroup.NotFound";

    private static final String STEP = "security groups";

    private final Run run;
    private final HttpsSetup spec;

    SecurityGroups(Run run) {
        this.run = run;
        this.spec = run.spec();
    }

    /**
     * An ingress rule as compared: protocol, port range and one source (a CIDR block, a security group or a
     * prefix list).
     */
    record Ingress(String protocol, int fromPort, int toPort, String source) {
        static Ingress tcp(int port, String source) {
            return new Ingress("tcp", port, port, source);
        }

        static Ingress of(SecurityGroupRule rule) {
            String source = rule.cidrIpv4() != null
                    ? rule.cidrIpv4()
                    : rule.cidrIpv6() != null
                            ? canonicalIpv6(rule.cidrIpv6())
                            : rule.referencedGroupInfo() != null
                                    ? rule.referencedGroupInfo().groupId()
                                    : rule.prefixListId();
            return new Ingress(
                    rule.ipProtocol(),
                    rule.fromPort() == null ? -1 : rule.fromPort(),
                    rule.toPort() == null ? -1 : rule.toPort(),
                    source);
        }

        /** Whether the rule admits TCP on this port, from whatever source. */
        boolean admitsTcp(int port) {
            return ("-1".equals(protocol) || "tcp".equals(protocol) || "6".equals(protocol))
                    && (fromPort == -1 || fromPort <= port && port <= toPort);
        }

        IpPermission permission(String description) {
            IpPermission.Builder p = IpPermission.builder()
                    .ipProtocol(protocol)
                    .fromPort(fromPort)
                    .toPort(toPort);
            if (source.startsWith("sg-")) {
                p.userIdGroupPairs(g -> g.groupId(source).description(description));
            } else if (source.startsWith("pl-")) {
                p.prefixListIds(l -> l.prefixListId(source).description(description));
            } else if (source.contains(":")) {
                p.ipv6Ranges(r -> r.cidrIpv6(source).description(description));
            } else {
                p.ipRanges(r -> r.cidrIp(source).description(description));
            }
            return p.build();
        }

        @Override
        public String toString() {
            String ports = fromPort == toPort ? String.valueOf(fromPort) : fromPort + "-" + toPort;
            return ("-1".equals(protocol) ? "all traffic" : protocol + " " + ports) + " from " + source;
        }
    }

    /**
     * The groups for the load balancer; {@code null} in a plan when the stack's group is still to be
     * created (known after apply).
     */
    States.SecurityGroups converge(States.Targets network) {
        List<Stale> stale = new ArrayList<>();
        return new States.SecurityGroups(groupIds(network, stale), stale);
    }

    /** An owned rule on an instance group that is no longer wanted (e.g. the old app port). */
    record Stale(String groupId, Ingress rule, String ruleId) {}

    /** Revokes the stale rules; runs after the listeners switched to the new target group. */
    void revokeStale(States.SecurityGroups groups) {
        groups.stale().forEach(s -> revoke(s.groupId(), s.groupId(), s.rule(), s.ruleId(), "no longer needed"));
    }

    private List<String> groupIds(States.Targets network, List<Stale> stale) {
        if (!spec.loadBalancer().autoSecurityGroups()) {
            return given(network);
        }
        String name = albGroupName();
        Observed observed = run.observe(
                ResourceKind.SECURITY_GROUP,
                "groups " + network.vpcId() + " " + name + " " + new TreeSet<>(network.instanceSecurityGroupIds()),
                () -> observe(network, name));
        Optional<SecurityGroup> existing = observed.albGroup();
        List<SecurityGroupRule> rules = observed.rules();

        String albGroupId;
        if (existing.isEmpty()) {
            albGroupId = create(name, network.vpcId());
        } else {
            SecurityGroup group = existing.get();
            albGroupId = group.groupId();
            if (!run.owns(tags(group.tags()))) {
                if (!spec.adopt()) {
                    run.conflict(
                            ResourceKind.SECURITY_GROUP,
                            name,
                            albGroupId,
                            "a security group with this name exists in "
                                    + network.vpcId() + " without the tag " + HttpsSetup.OWNERSHIP_TAG + "="
                                    + spec.stack()
                                    + "; set adopt: true to take it over (its inbound rules will be replaced), or delete or rename it");
                    return List.of(albGroupId);
                }
                run.change(
                        new Change(
                                ChangeAction.UPDATE,
                                ResourceKind.SECURITY_GROUP,
                                name,
                                albGroupId,
                                List.of(new AttributeChange("tags." + HttpsSetup.OWNERSHIP_TAG, null, spec.stack())),
                                "adopt: true"),
                        () -> run.aws()
                                .ec2()
                                .createTags(r -> r.resources(albGroupId).tags(ec2Tags())));
            } else {
                run.unchanged(ResourceKind.SECURITY_GROUP, name, albGroupId);
            }
            convergeAlbIngress(name, albGroupId, rules);
        }
        convergeInstanceRules(network, name, albGroupId, rules, stale);
        return albGroupId == null ? null : List.of(albGroupId);
    }

    /** The load balancer's group, if it exists, and the inbound and outbound rules of it and the instances' groups. */
    private record Observed(Optional<SecurityGroup> albGroup, List<SecurityGroupRule> rules) {}

    private Observed observe(States.Targets network, String name) {
        Optional<SecurityGroup> existing = run
                .aws()
                .ec2()
                .describeSecurityGroupsPaginator(
                        r -> r.filters(filter("vpc-id", network.vpcId()), filter("group-name", name)))
                .securityGroups()
                .stream()
                .findFirst();
        Set<String> groupIds = new TreeSet<>(network.instanceSecurityGroupIds());
        existing.ifPresent(g -> groupIds.add(g.groupId()));
        return new Observed(existing, rules(filter("group-id", groupIds)));
    }

    /**
     * {@code <stack>-alb}; {@code https-setup-<stack>-alb} for a stack named {@code sg-...}: EC2 refuses group
     * names in the format of a group id (CreateSecurityGroup: "cannot start with sg-").
     */
    static String albGroupName(String stack) {
        String name = stack + "-alb";
        return name.regionMatches(true, 0, "sg-", 0, 3) ? "https-setup-" + name : name;
    }

    private String albGroupName() {
        return albGroupName(spec.stack());
    }

    // ---- given groups ----

    private List<String> given(States.Targets network) {
        List<String> ids =
                spec.loadBalancer().securityGroups().stream().distinct().toList();
        // A filter, not GroupIds: unknown ids are then simply absent instead of failing the whole call.
        List<SecurityGroup> found = run
                .aws()
                .ec2()
                .describeSecurityGroupsPaginator(r -> r.filters(filter("group-id", ids)))
                .securityGroups()
                .stream()
                .toList();
        Set<String> seen = found.stream().map(SecurityGroup::groupId).collect(Collectors.toSet());
        List<String> missing = ids.stream().filter(id -> !seen.contains(id)).toList();
        if (!missing.isEmpty()) {
            throw new HttpsSetupException(
                    ErrorCode.SECURITY_GROUPS_INVALID,
                    "loadBalancer.securityGroups: "
                            + String.join(", ", missing) + (missing.size() == 1 ? " does" : " do") + " not exist in "
                            + spec.region()
                            + ". Check the ids, or remove loadBalancer.securityGroups to let https-setup create the group.");
        }
        List<String> elsewhere = found.stream()
                .filter(g -> !network.vpcId().equals(g.vpcId()))
                .map(g -> g.groupId() + " is in " + g.vpcId())
                .toList();
        if (!elsewhere.isEmpty()) {
            throw new HttpsSetupException(
                    ErrorCode.SECURITY_GROUPS_INVALID,
                    "loadBalancer.securityGroups: "
                            + String.join(", ", elsewhere) + ", but the target instances are in " + network.vpcId()
                            + " (a load"
                            + " balancer's groups must be in its VPC). Use groups of " + network.vpcId() + ", or remove"
                            + " loadBalancer.securityGroups to let https-setup create one.");
        }
        int https = spec.httpsListener().port();
        boolean admitsHttps = found.stream()
                .flatMap(g -> g.ipPermissions().stream())
                .anyMatch(p -> new Ingress(
                                p.ipProtocol(),
                                p.fromPort() == null ? -1 : p.fromPort(),
                                p.toPort() == null ? -1 : p.toPort(),
                                "")
                        .admitsTcp(https));
        if (!admitsHttps && run.mode() != Run.Mode.APPLY) { // apply starts with a plan: warn once
            run.warn(
                    STEP,
                    "None of loadBalancer.securityGroups (" + String.join(", ", ids) + ") admits inbound TCP " + https
                            + ": browsers will not reach the HTTPS listener. Add an inbound rule for TCP " + https
                            + " from "
                            + ANYWHERE_IPV4 + " (and " + ANYWHERE_IPV6 + " for dualstack) to one of them, or remove"
                            + " loadBalancer.securityGroups to let https-setup manage the group.");
        }
        found.forEach(g -> run.unchanged(ResourceKind.SECURITY_GROUP, g.groupName(), g.groupId()));
        return ids;
    }

    // ---- the load balancer's group ----

    /** What the load balancer's group admits: the listener ports from anywhere (IPv6 too for dualstack). */
    List<Ingress> wantedAlbIngress() {
        List<Integer> ports = new ArrayList<>();
        ports.add(spec.httpsListener().port());
        if (spec.httpListener().action() != HttpAction.NONE) {
            ports.add(spec.httpListener().port());
        }
        Set<Ingress> wanted = new LinkedHashSet<>();
        List<String> allowed = spec.loadBalancer().allowFrom().isEmpty() ? null : allowFromSources(ports);
        for (int port : ports) {
            if (allowed != null) {
                allowed.forEach(source -> wanted.add(Ingress.tcp(port, source)));
                continue;
            }
            wanted.add(Ingress.tcp(port, ANYWHERE_IPV4));
            if (spec.loadBalancer().ipAddressType() == IpAddressType.DUALSTACK) {
                wanted.add(Ingress.tcp(port, ANYWHERE_IPV6));
            }
        }
        return List.copyOf(wanted);
    }

    private String create(String name, String vpcId) {
        List<Ingress> ingress = wantedAlbIngress();
        String description = "https-setup " + spec.stack() + ": load balancer";
        Change change = new Change(
                ChangeAction.CREATE,
                ResourceKind.SECURITY_GROUP,
                name,
                null,
                Run.attributes(
                        "vpc",
                        vpcId,
                        "description",
                        description,
                        "ingress",
                        ingress.stream().map(Ingress::toString).collect(Collectors.joining(", ")),
                        "id",
                        null),
                "admits the listener ports");
        return run.change(
                change,
                () -> {
                    String id;
                    try {
                        id = run.aws()
                                .ec2()
                                .createSecurityGroup(r -> r.groupName(name)
                                        .description(description)
                                        .vpcId(vpcId)
                                        .tagSpecifications(tagSpecification(ResourceType.SECURITY_GROUP)))
                                .groupId();
                    } catch (AwsServiceException e) {
                        if (!"InvalidGroup.Duplicate".equals(code(e))) {
                            throw e;
                        }
                        id = createdConcurrently(name, vpcId, e);
                    }
                    authorize(id, ingress, "https-setup " + spec.stack() + ": clients");
                    return id;
                },
                created -> created);
    }

    /** Another run of the same stack created the group between this run's read and its create: use it. */
    private String createdConcurrently(String name, String vpcId, AwsServiceException cause) {
        SecurityGroup group = run
                .aws()
                .ec2()
                .describeSecurityGroups(r -> r.filters(filter("vpc-id", vpcId), filter("group-name", name)))
                .securityGroups()
                .stream()
                .findFirst()
                .orElseThrow(() -> cause);
        if (!run.owns(tags(group.tags()))) {
            throw new HttpsSetupException(
                    ErrorCode.CONFLICT,
                    "Security group " + name + " (" + group.groupId()
                            + ") appeared in " + vpcId
                            + " while this run was creating it (another run at the same time?), without the tag "
                            + HttpsSetup.OWNERSHIP_TAG + "=" + spec.stack()
                            + ". Run plan to see it; set adopt: true to take it"
                            + " over, or delete or rename it.",
                    cause);
        }
        return group.groupId();
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    /** The whole group is the stack's: inbound rules it does not want are revoked. */
    private void convergeAlbIngress(String name, String groupId, List<SecurityGroupRule> rules) {
        Map<Ingress, String> actual = ingressOf(rules, groupId, false);
        List<Ingress> wanted = wantedAlbIngress();
        for (Ingress rule : wanted) {
            if (!actual.containsKey(rule)) {
                run.change(
                        new Change(
                                ChangeAction.CREATE,
                                ResourceKind.SECURITY_GROUP_RULE,
                                name + ": " + rule,
                                null,
                                List.of(new AttributeChange("ingress", null, rule.toString())),
                                "listener port"),
                        () -> authorize(groupId, List.of(rule), "https-setup " + spec.stack() + ": clients"));
            }
        }
        actual.forEach((rule, ruleId) -> {
            if (!wanted.contains(rule)) {
                revoke(name, groupId, rule, ruleId, "not wanted in the load balancer's group");
            }
        });
    }

    // ---- rules on the instances' groups ----

    /** The application ports the load balancer reaches the instances on: traffic, and health check when different. */
    Set<Integer> applicationPorts() {
        Set<Integer> ports = new TreeSet<>();
        for (TargetsSpec targets : Sites.allTargets(spec)) { // with sites: every site's and route's
            ports.add(targets.port());
            targets.healthCheck().port().ifPresent(ports::add);
        }
        return ports;
    }

    private void convergeInstanceRules(
            States.Targets network,
            String albName,
            String albGroupId,
            List<SecurityGroupRule> rules,
            List<Stale> stale) {
        for (String groupId : new TreeSet<>(network.instanceSecurityGroupIds())) {
            Map<Ingress, String> owned = ingressOf(rules, groupId, true);
            Map<Ingress, String> all = ingressOf(rules, groupId, false);
            Set<Ingress> wanted = new LinkedHashSet<>();
            for (int port : applicationPorts()) {
                if (albGroupId == null) { // a plan: the load balancer's group is created by apply
                    run.change(
                            new Change(
                                    ChangeAction.CREATE,
                                    ResourceKind.SECURITY_GROUP_RULE,
                                    groupId + ": tcp " + port + " from " + albName,
                                    null,
                                    Run.attributes("ingress", "tcp " + port, "source", null),
                                    "lets the load balancer reach the application"),
                            () -> {});
                    continue;
                }
                Ingress rule = Ingress.tcp(port, albGroupId);
                wanted.add(rule);
                String label = groupId + ": tcp " + port + " from " + albName;
                if (all.containsKey(rule)) {
                    run.unchanged(ResourceKind.SECURITY_GROUP_RULE, label, all.get(rule));
                } else {
                    run.change(
                            new Change(
                                    ChangeAction.CREATE,
                                    ResourceKind.SECURITY_GROUP_RULE,
                                    label,
                                    null,
                                    Run.attributes("ingress", "tcp " + port, "source", albGroupId),
                                    "lets the load balancer reach the application"),
                            () -> authorize(
                                    groupId, List.of(rule), "https-setup " + spec.stack() + ": from load balancer"));
                }
            }
            owned.forEach((rule, ruleId) -> {
                if (!wanted.contains(rule) && albGroupId != null) {
                    stale.add(new Stale(groupId, rule, ruleId));
                }
            });
        }
    }

    // ---- destroy ----

    /** Revokes the stack's rules on groups it does not own, then deletes the groups it owns. */
    void destroy() {
        Filter owned = filter("tag:" + HttpsSetup.OWNERSHIP_TAG, spec.stack());
        List<SecurityGroup> groups =
                run.aws().ec2().describeSecurityGroupsPaginator(r -> r.filters(owned)).securityGroups().stream()
                        .toList();
        Set<String> groupIds = groups.stream().map(SecurityGroup::groupId).collect(Collectors.toSet());
        if (spec.loadBalancer().autoSecurityGroups()
                || !groups.isEmpty()) { // given groups alone: the stack made no rule
            // Rules inside the stack's own groups go with them; the others first, as they reference those groups.
            rules(owned).stream()
                    .filter(r -> !groupIds.contains(r.groupId()) && !Boolean.TRUE.equals(r.isEgress()))
                    .sorted(Comparator.comparing(SecurityGroupRule::groupId))
                    .forEach(r -> revoke(r.groupId(), r.groupId(), Ingress.of(r), r.securityGroupRuleId(), "destroy"));
        }
        for (SecurityGroup group : groups) {
            run.change(
                    Change.of(
                            ChangeAction.DELETE,
                            ResourceKind.SECURITY_GROUP,
                            group.groupName(),
                            group.groupId(),
                            "destroy"),
                    () -> deleteGroup(group));
        }
    }

    /**
     * AWS keeps a deleted load balancer's network interfaces, which use the group, for a while: waits for
     * them to go, bounded by the wait timeout.
     */
    private void deleteGroup(SecurityGroup group) {
        Duration limit = spec.waitTimeout();
        run.await(
                STEP,
                "waiting until nothing uses security group " + group.groupName() + " (" + group.groupId() + ")",
                limit,
                Duration.ofSeconds(2),
                Duration.ofSeconds(30),
                () -> {
                    try {
                        run.aws().ec2().deleteSecurityGroup(r -> r.groupId(group.groupId()));
                        return Optional.of(Boolean.TRUE);
                    } catch (AwsServiceException e) {
                        String code = e.awsErrorDetails() == null
                                ? ""
                                : e.awsErrorDetails().errorCode();
                        if ("DependencyViolation".equals(code)) {
                            return Optional.empty();
                        }
                        if (GROUP_NOT_FOUND.equals(code)) {
                            return Optional.of(Boolean.TRUE);
                        }
                        throw e;
                    }
                },
                () -> new HttpsSetupException(
                        ErrorCode.WAIT_TIMEOUT,
                        "Security group " + group.groupName() + " ("
                                + group.groupId() + ") is still in use after " + limit.toMinutes()
                                + " min, so it cannot be deleted."
                                + " Something still uses it: a network interface (aws ec2 describe-network-interfaces --filters"
                                + " Name=group-id,Values=" + group.groupId()
                                + ") or another group's rule. Remove that, and run"
                                + " destroy again (it continues where it stopped)."));
    }

    // ---- reading and writing rules ----

    /** The rules of the filtered groups, in one paginated call. */
    private List<SecurityGroupRule> rules(Filter filter) {
        if (filter.values().isEmpty()) {
            return List.of();
        }
        return run.aws().ec2().describeSecurityGroupRulesPaginator(r -> r.filters(filter)).securityGroupRules().stream()
                .toList();
    }

    /** The group's inbound rules (only the stack's when {@code ownedOnly}), rule → rule id. */
    private Map<Ingress, String> ingressOf(List<SecurityGroupRule> rules, String groupId, boolean ownedOnly) {
        Map<Ingress, String> found = new LinkedHashMap<>();
        rules.stream()
                .filter(r -> groupId.equals(r.groupId()) && !Boolean.TRUE.equals(r.isEgress()))
                .filter(r -> !ownedOnly || run.owns(tags(r.tags())))
                .forEach(r -> found.putIfAbsent(Ingress.of(r), r.securityGroupRuleId()));
        return found;
    }

    private void authorize(String groupId, List<Ingress> rules, String description) {
        List<IpPermission> permissions =
                rules.stream().map(r -> r.permission(description)).toList();
        try {
            run.retrying(
                    STEP,
                    "adding inbound rules to " + groupId,
                    () -> run.aws()
                            .ec2()
                            .authorizeSecurityGroupIngress(r -> r.groupId(groupId)
                                    .ipPermissions(permissions)
                                    .tagSpecifications(tagSpecification(ResourceType.SECURITY_GROUP_RULE))),
                    GROUP_NOT_FOUND);
        } catch (AwsServiceException e) {
            // A concurrent run of the stack added some of them: AWS refuses the whole call, so add the rest one by one.
            if (!"InvalidPermission.Duplicate".equals(code(e))) {
                throw e;
            }
            for (IpPermission permission : permissions) {
                try {
                    run.aws()
                            .ec2()
                            .authorizeSecurityGroupIngress(r -> r.groupId(groupId)
                                    .ipPermissions(permission)
                                    .tagSpecifications(tagSpecification(ResourceType.SECURITY_GROUP_RULE)));
                } catch (AwsServiceException duplicate) {
                    if (!"InvalidPermission.Duplicate".equals(code(duplicate))) {
                        throw duplicate;
                    }
                }
            }
        }
    }

    private void revoke(String name, String groupId, Ingress rule, String ruleId, String reason) {
        run.change(
                new Change(
                        ChangeAction.DELETE,
                        ResourceKind.SECURITY_GROUP_RULE,
                        name + ": " + rule,
                        ruleId,
                        List.of(new AttributeChange("ingress", rule.toString(), null)),
                        reason),
                () -> run.aws()
                        .ec2()
                        .revokeSecurityGroupIngress(r -> r.groupId(groupId).securityGroupRuleIds(ruleId)));
    }

    // ---- tags ----

    private List<Tag> ec2Tags() {
        return run.tags().entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList();
    }

    private TagSpecification tagSpecification(ResourceType type) {
        return TagSpecification.builder().resourceType(type).tags(ec2Tags()).build();
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    // ---- issue 15: who may connect (loadBalancer.allowFrom) ----

    /** EC2's default quota of inbound rules per security group, counted apart for IPv4 and IPv6. */
    static final int MAX_INBOUND_RULES = 60;

    /** {@code loadBalancer.allowFrom} as EC2 takes it (CIDR blocks, prefix list ids), once resolved. */
    private List<String> allowFromSources;

    /**
     * The sources of {@code loadBalancer.allowFrom}: CIDR blocks as network addresses, prefix lists by id (the
     * CloudFront name looked up). Reads the prefix lists (DescribeManagedPrefixLists) only when some are named, and
     * refuses sources whose rules, prefix lists weighing their {@code MaxEntries}, exceed the rules quota.
     */
    private List<String> allowFromSources(List<Integer> ports) {
        if (allowFromSources != null) {
            return allowFromSources;
        }
        List<String> allow =
                spec.loadBalancer().allowFrom().stream().map(String::trim).toList();
        Map<String, ManagedPrefixList> lists = prefixLists(allow);
        Set<String> sources = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        int ipv4 = 0;
        int ipv6 = 0;
        List<String> weights = new ArrayList<>();
        for (String entry : allow) {
            if (entry.equals(LoadBalancerSpec.CLOUDFRONT) || entry.startsWith("pl-")) {
                ManagedPrefixList list = lists.get(entry);
                if (list == null) {
                    missing.add(entry);
                    continue;
                }
                if (!sources.add(list.prefixListId())) {
                    continue;
                }
                int weight = list.maxEntries() == null ? 1 : list.maxEntries();
                if ("IPv6".equalsIgnoreCase(list.addressFamily())) {
                    ipv6 += weight;
                } else {
                    ipv4 += weight;
                }
                weights.add((entry.equals(list.prefixListId()) ? entry : entry + " (" + list.prefixListId() + ")")
                        + " weighs " + weight + " (its MaxEntries)");
            } else {
                Cidr cidr = Cidr.parse(entry);
                if (sources.add(cidr.text())) {
                    if (cidr.ipv6()) {
                        ipv6++;
                    } else {
                        ipv4++;
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new HttpsSetupException(
                    ErrorCode.SECURITY_GROUPS_INVALID,
                    "loadBalancer.allowFrom: "
                            + missing.stream()
                                    .map(m -> m.equals(LoadBalancerSpec.CLOUDFRONT)
                                            ? "the CloudFront origin-facing prefix list ("
                                                    + LoadBalancerSpec.CLOUDFRONT_PREFIX_LIST_NAME + ")"
                                            : "the prefix list " + m)
                                    .collect(Collectors.joining(", "))
                            + (missing.size() == 1 ? " is" : " are") + " not found in "
                            + spec.region()
                            + " (DescribeManagedPrefixLists). Check the id (aws ec2 describe-managed-prefix-lists),"
                            + " or remove the entry.");
        }
        checkRuleQuota("IPv4", ipv4, ports, weights);
        checkRuleQuota("IPv6", ipv6, ports, weights);
        allowFromSources = List.copyOf(sources);
        return allowFromSources;
    }

    private void checkRuleQuota(String family, int perPort, List<Integer> ports, List<String> weights) {
        int rules = perPort * ports.size();
        if (rules <= MAX_INBOUND_RULES) {
            return;
        }
        throw new HttpsSetupException(
                ErrorCode.SECURITY_GROUPS_INVALID,
                "loadBalancer.allowFrom needs " + rules
                        + " inbound " + family + " rules on the load balancer's group (" + perPort
                        + " per listener port, ports "
                        + ports.stream().map(String::valueOf).collect(Collectors.joining(" and "))
                        + (weights.isEmpty() ? "" : "; " + String.join(", ", weights)) + "), over EC2's quota of "
                        + MAX_INBOUND_RULES + " inbound rules"
                        + " per security group (a prefix list counts as many rules as its MaxEntries). Set listeners.http.action:"
                        + " none to admit only the HTTPS port (behind CloudFront, CloudFront redirects to HTTPS), list fewer"
                        + " sources, or raise the quota \"Inbound or outbound rules per security group\" in Service Quotas and"
                        + " give the group yourself in loadBalancer.securityGroups.");
    }

    /** The prefix lists {@code allow} names, by the name it uses (an id, or {@code cloudfront}); none read when none named. */
    private Map<String, ManagedPrefixList> prefixLists(List<String> allow) {
        List<String> ids = allow.stream()
                .filter(a -> a.startsWith("pl-"))
                .distinct()
                .sorted()
                .toList();
        boolean cloudfront = allow.contains(LoadBalancerSpec.CLOUDFRONT);
        Map<String, ManagedPrefixList> found = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            // A filter, not PrefixListIds: an unknown id is then simply absent instead of failing the call.
            run.observe(
                            null,
                            "prefix lists " + ids,
                            () -> run
                                    .aws()
                                    .ec2()
                                    .describeManagedPrefixListsPaginator(r -> r.filters(filter("prefix-list-id", ids)))
                                    .prefixLists()
                                    .stream()
                                    .toList())
                    .forEach(l -> found.put(l.prefixListId(), l));
        }
        if (cloudfront) {
            run
                    .observe(
                            null,
                            "prefix list " + LoadBalancerSpec.CLOUDFRONT_PREFIX_LIST_NAME,
                            () -> run
                                    .aws()
                                    .ec2()
                                    .describeManagedPrefixListsPaginator(r -> r.filters(
                                            filter("prefix-list-name", LoadBalancerSpec.CLOUDFRONT_PREFIX_LIST_NAME)))
                                    .prefixLists()
                                    .stream()
                                    .toList())
                    .stream()
                    .findFirst()
                    .ifPresent(l -> found.put(LoadBalancerSpec.CLOUDFRONT, l));
        }
        return found;
    }

    /** An IPv6 block as EC2 returned it, in the canonical form the wanted rules use. */
    private static String canonicalIpv6(String cidr) {
        try {
            return Cidr.parse(cidr).text();
        } catch (IllegalArgumentException e) {
            return cidr;
        }
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    private static Filter filter(String name, Collection<String> values) {
        return Filter.builder().name(name).values(values).build();
    }
}
