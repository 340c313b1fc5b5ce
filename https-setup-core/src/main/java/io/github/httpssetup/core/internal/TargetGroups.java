package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.AttributeChange;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HealthCheckSpec;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.ResourceKind;
import io.github.httpssetup.core.TargetProtocol;
import io.github.httpssetup.core.TargetsSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * The target group: the instances on the application port, with the health check and attributes of the
 * description. Its name carries a hash of what cannot change in place (protocol, port, VPC): a change of
 * those is a new group, which the listeners switch to before the old one is deleted.
 */
final class TargetGroups {

    static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";
    static final String STICKINESS_ENABLED = "stickiness.enabled";
    static final String STICKINESS_TYPE = "stickiness.type";
    static final String STICKINESS_DURATION = "stickiness.lb_cookie.duration_seconds";
    /** ELB's values for a new group: attributes equal to these need no call after the create. */
    static final Map<String, String> ELB_DEFAULTS = Map.of(DEREGISTRATION_DELAY, "300", STICKINESS_ENABLED, "false");

    static final String TRAFFIC_PORT = "traffic-port";

    private static final String STEP = "target group";
    /** Target health reasons of targets that are not (or no longer) registered. */
    private static final Set<String> NOT_REGISTERED = Set.of("Target.NotRegistered", "Target.DeregistrationInProgress");

    private final Run run;
    private final HttpsSetup spec;
    private final TargetsSpec targets;

    TargetGroups(Run run) {
        this.run = run;
        this.spec = run.spec();
        this.targets = spec.targets();
    }

    /** {@code <stack>-tg-<hash6>}: the hash of protocol, port and VPC, which a target group cannot change. */
    static String name(String stack, TargetProtocol protocol, int port, String vpcId) {
        return name(stack, null, protocol, port, vpcId);
    }

    /**
     * With sites, the hash also covers the site's part ({@code blog}, {@code blog/route-0}): two sites on the same
     * port get groups of their own.
     */
    static String name(String stack, String scope, TargetProtocol protocol, int port, String vpcId) {
        String key = protocol.name() + ":" + port + ":" + vpcId;
        return prefix(stack)
                + HostedZones.sha256(scope == null ? key : scope + "|" + key).substring(0, 6);
    }

    static String prefix(String stack) {
        return stack + "-tg-";
    }

    /** {@code arn:...:targetgroup/<name>/<id>} → {@code <name>}. */
    static String nameOf(String arn) {
        int start = arn.indexOf(":targetgroup/");
        if (start < 0) {
            return arn;
        }
        String rest = arn.substring(start + ":targetgroup/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** The wanted values that differ from the actual ones, as attribute changes (actual → wanted), in wanted's order. */
    static List<AttributeChange> differences(Map<String, String> actual, Map<String, String> wanted) {
        List<AttributeChange> changes = new ArrayList<>();
        wanted.forEach((key, value) -> {
            if (!Objects.equals(actual.get(key), value)) {
                changes.add(new AttributeChange(key, actual.get(key), value));
            }
        });
        return changes;
    }

    // ---- converge ----

    States.TargetGroup converge(States.Targets network) {
        String name = name(spec.stack(), run.scope(), targets.protocol(), targets.port(), network.vpcId());
        Observed observed = observed();
        Map<String, TargetGroup> stackGroups = observed.groups();
        Map<String, Map<String, String>> tags = observed.tags();
        Optional<TargetGroup> existing = stackGroups.values().stream()
                .filter(g -> g.targetGroupName().equals(name))
                .findFirst();
        List<TargetGroup> others = stackGroups.values().stream()
                .filter(g ->
                        !g.targetGroupName().equals(name) && run.owns(tags.getOrDefault(g.targetGroupArn(), Map.of())))
                .toList();
        List<String> replaced = others.stream().map(g -> g.targetGroupArn()).toList();

        if (existing.isEmpty()) {
            String arn = create(name, network, others.stream().findFirst());
            run.outputs().targetGroupArn = arn;
            return new States.TargetGroup(arn, replaced);
        }
        TargetGroup group = existing.get();
        String arn = group.targetGroupArn();
        if (!run.owns(tags.getOrDefault(arn, Map.of()))) {
            if (!spec.adopt()) {
                run.conflict(
                        ResourceKind.TARGET_GROUP,
                        name,
                        arn,
                        "a target group with this name exists without the tag "
                                + HttpsSetup.OWNERSHIP_TAG + "=" + spec.stack()
                                + "; set adopt: true to take it over (its health"
                                + " check, attributes and targets will be changed), or delete or rename it");
                return new States.TargetGroup(arn, List.of());
            }
            run.change(
                    new Change(
                            ChangeAction.UPDATE,
                            ResourceKind.TARGET_GROUP,
                            name,
                            arn,
                            List.of(new AttributeChange("tags." + HttpsSetup.OWNERSHIP_TAG, null, spec.stack())),
                            "adopt: true"),
                    () -> run.aws().elb().addTags(r -> r.resourceArns(arn).tags(elbTags())));
        }
        update(name, group);
        Map<String, String> groupTags = tags.getOrDefault(arn, Map.of());
        if (network.group() != null) {
            new AutoScalingAttachment(run).converge(name, arn, groupTags, network.group(), () -> registered(arn));
        } else {
            Set<String> leaving = groupTags.containsKey(AutoScalingAttachment.MARKER_TAG)
                    ? new AutoScalingAttachment(run)
                            .detachAll(name, arn, groupTags, null, "targets.autoScalingGroup removed", true)
                    : Set.of();
            convergeTargets(name, arn, network, leaving);
        }
        run.outputs().targetGroupArn = arn;
        return new States.TargetGroup(arn, replaced);
    }

    /**
     * A replacement group takes traffic only once its targets pass their health checks, so a port change
     * causes no 502s. ELB checks them only while the group is in use: {@link Listeners} puts it in the
     * listener's forward with weight 0 first, then waits here, then forwards to it alone. Targets leaving
     * the group (draining, not registered) do not count.
     */
    void awaitHealthy(String arn) {
        String name = nameOf(arn);
        run.await(
                STEP,
                "waiting for the targets of " + name + " to pass their health checks before the listeners switch",
                spec.waitTimeout(),
                java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(15),
                () -> {
                    var health = run.aws()
                            .elb()
                            .describeTargetHealth(r -> r.targetGroupArn(arn))
                            .targetHealthDescriptions();
                    boolean healthy = health.stream()
                            .filter(d -> d.targetHealth() == null
                                    || d.targetHealth().reasonAsString() == null
                                    || !NOT_REGISTERED.contains(d.targetHealth().reasonAsString()))
                            .allMatch(d -> d.targetHealth() != null
                                    && "healthy".equals(d.targetHealth().stateAsString()));
                    return healthy ? Optional.of(Boolean.TRUE) : Optional.empty();
                },
                () -> new HttpsSetupException(
                        ErrorCode.WAIT_TIMEOUT,
                        "The targets of " + name + " did not pass their"
                                + " health checks within " + minutesOrSeconds(spec.waitTimeout())
                                + ", so the listeners still forward to"
                                + " the previous target group. Check that the application answers on port "
                                + targets.port()
                                + " at " + spec.targets().healthCheck().path()
                                + " and that the instances' security group admits"
                                + " the load balancer, then run apply again."));
    }

    private static String minutesOrSeconds(java.time.Duration d) {
        return d.toMinutes() > 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    /** The stack's target groups by name prefix (owned or not) and their tags, by ARN. */
    record Observed(Map<String, TargetGroup> groups, Map<String, Map<String, String>> tags) {}

    /** The stack's target groups and their tags, read once per run (see {@link Run#observe}). */
    Observed observed() {
        return run.observeStack(ResourceKind.TARGET_GROUP, "target groups", this::observe);
    }

    private Observed observe() {
        Map<String, TargetGroup> groups = stackGroups();
        return new Observed(groups, tags(groups.keySet()));
    }

    /** The stack's target groups by name prefix (owned or not), ARN → group. */
    private Map<String, TargetGroup> stackGroups() {
        String prefix = prefix(spec.stack());
        Map<String, TargetGroup> groups = new TreeMap<>();
        run.aws().elb().describeTargetGroupsPaginator(r -> {}).targetGroups().stream()
                .filter(g -> g.targetGroupName().startsWith(prefix))
                .forEach(g -> groups.put(g.targetGroupArn(), g));
        return groups;
    }

    /** The tags of the groups, ARN → tags, 20 ARNs per call. */
    private Map<String, Map<String, String>> tags(Set<String> arns) {
        return ElbTags.read(run, arns);
    }

    // ---- create ----

    private String create(String name, States.Targets network, Optional<TargetGroup> previous) {
        Map<String, String> healthCheck = wantedHealthCheck();
        Map<String, String> attributes = wantedAttributes();
        List<AttributeChange> shown = new ArrayList<>();
        shown.add(new AttributeChange(
                "protocol",
                previous.map(p -> p.protocolAsString()).orElse(null),
                targets.protocol().name()));
        shown.add(new AttributeChange(
                "port", previous.map(p -> String.valueOf(p.port())).orElse(null), String.valueOf(targets.port())));
        shown.add(new AttributeChange("vpc", previous.map(p -> p.vpcId()).orElse(null), network.vpcId()));
        shown.add(new AttributeChange("targetType", null, "instance"));
        healthCheck.forEach((k, v) -> shown.add(new AttributeChange(k, null, v)));
        attributes.forEach((k, v) -> shown.add(new AttributeChange(k, null, v)));
        shown.add(new AttributeChange(
                "arn", previous.map(p -> p.targetGroupArn()).orElse(null), AttributeChange.KNOWN_AFTER_APPLY));
        ChangeAction action = previous.isPresent() ? ChangeAction.REPLACE : ChangeAction.CREATE;
        String reason = previous.isPresent()
                ? "protocol, port or VPC changed: the listeners switch to the new group, then "
                        + previous.get().targetGroupName() + " is deleted"
                : "";
        String arn = run.change(
                new Change(action, ResourceKind.TARGET_GROUP, name, null, shown, reason),
                () -> {
                    Optional<String> concurrent = Optional.empty();
                    String created;
                    try {
                        created = createGroup(name, network, healthCheck);
                    } catch (AwsServiceException e) {
                        if (e.awsErrorDetails() == null
                                || !"DuplicateTargetGroupName"
                                        .equals(e.awsErrorDetails().errorCode())) {
                            throw e;
                        }
                        created = createdConcurrently(name, e);
                        concurrent = Optional.of(created);
                    }
                    if (concurrent.isPresent()) {
                        return created; // the other run sets its attributes; the next apply converges any difference
                    }
                    Map<String, String> changed = new LinkedHashMap<>();
                    differences(ELB_DEFAULTS, attributes).forEach(c -> changed.put(c.attribute(), c.after()));
                    if (!changed.isEmpty()) {
                        modifyAttributes(created, changed);
                    }
                    return created;
                },
                created -> created);
        if (network.group() != null) {
            new AutoScalingAttachment(run).attachCreated(name, arn, network.group());
            return arn;
        }
        List<String> ids = network.instanceIds();
        run.change(
                new Change(
                        ChangeAction.CREATE,
                        ResourceKind.TARGETS,
                        name,
                        arn,
                        ids.stream()
                                .map(id -> new AttributeChange("target", null, id + ":" + targets.port()))
                                .toList(),
                        ids.size() == 1 ? "instance added" : "instances added"),
                () -> register(arn, ids));
        return arn;
    }

    /** Another run of the same stack created the group between this run's read and its create: use it. */
    private String createdConcurrently(String name, AwsServiceException cause) {
        var group = run.aws().elb().describeTargetGroups(r -> r.names(name)).targetGroups().stream()
                .findFirst()
                .orElseThrow(() -> cause);
        Map<String, String> tags = new LinkedHashMap<>();
        run.aws()
                .elb()
                .describeTags(r -> r.resourceArns(group.targetGroupArn()))
                .tagDescriptions()
                .forEach(d -> d.tags().forEach(t -> tags.put(t.key(), t.value())));
        if (!run.owns(tags)) {
            throw new HttpsSetupException(
                    ErrorCode.CONFLICT,
                    "Target group " + name
                            + " appeared while this run was creating it (another run at the same time?), without the tag "
                            + HttpsSetup.OWNERSHIP_TAG + "=" + spec.stack()
                            + ". Run plan to see it; set adopt: true to take it over, or delete it.",
                    cause);
        }
        return group.targetGroupArn();
    }

    private String createGroup(String name, States.Targets network, Map<String, String> healthCheck) {
        return run.aws()
                .elb()
                .createTargetGroup(r -> r.name(name)
                        .protocol(ProtocolEnum.fromValue(targets.protocol().name()))
                        .port(targets.port())
                        .vpcId(network.vpcId())
                        .targetType(TargetTypeEnum.INSTANCE)
                        .healthCheckEnabled(true)
                        .healthCheckProtocol(ProtocolEnum.fromValue(healthCheck.get("healthCheck.protocol")))
                        .healthCheckPort(healthCheck.get("healthCheck.port"))
                        .healthCheckPath(healthCheck.get("healthCheck.path"))
                        .matcher(m -> m.httpCode(healthCheck.get("healthCheck.matcher")))
                        .healthCheckIntervalSeconds(Integer.valueOf(healthCheck.get("healthCheck.interval")))
                        .healthCheckTimeoutSeconds(Integer.valueOf(healthCheck.get("healthCheck.timeout")))
                        .healthyThresholdCount(Integer.valueOf(healthCheck.get("healthCheck.healthyThreshold")))
                        .unhealthyThresholdCount(Integer.valueOf(healthCheck.get("healthCheck.unhealthyThreshold")))
                        .tags(createTags(network)))
                .targetGroups()
                .get(0)
                .targetGroupArn();
    }

    // ---- update ----

    /** Health check and attributes: one UPDATE with every difference, and only the calls it needs. */
    private void update(String name, TargetGroup group) {
        String arn = group.targetGroupArn();
        List<AttributeChange> healthCheck = differences(actualHealthCheck(group), wantedHealthCheck());
        Map<String, String> actualAttributes = run.observe(
                ResourceKind.TARGET_GROUP,
                "attributes " + arn,
                () -> run.aws().elb().describeTargetGroupAttributes(r -> r.targetGroupArn(arn)).attributes().stream()
                        .collect(Collectors.toMap(
                                TargetGroupAttribute::key, a -> a.value() == null ? "" : a.value(), (a, b) -> b)));
        List<AttributeChange> attributes = differences(actualAttributes, wantedAttributes());
        if (healthCheck.isEmpty() && attributes.isEmpty()) {
            run.unchanged(ResourceKind.TARGET_GROUP, name, arn);
            return;
        }
        List<AttributeChange> all = new ArrayList<>(healthCheck);
        all.addAll(attributes);
        String reason = !healthCheck.isEmpty() && !attributes.isEmpty()
                ? "health check and attributes changed"
                : !healthCheck.isEmpty() ? "health check changed" : "attributes changed";
        run.change(new Change(ChangeAction.UPDATE, ResourceKind.TARGET_GROUP, name, arn, all, reason), () -> {
            if (!healthCheck.isEmpty()) {
                Map<String, String> hc = wantedHealthCheck();
                Set<String> changed =
                        healthCheck.stream().map(AttributeChange::attribute).collect(Collectors.toSet());
                run.aws().elb().modifyTargetGroup(r -> {
                    r.targetGroupArn(arn);
                    if (changed.contains("healthCheck.protocol")) {
                        r.healthCheckProtocol(ProtocolEnum.fromValue(hc.get("healthCheck.protocol")));
                    }
                    if (changed.contains("healthCheck.port")) {
                        r.healthCheckPort(hc.get("healthCheck.port"));
                    }
                    if (changed.contains("healthCheck.path")) {
                        r.healthCheckPath(hc.get("healthCheck.path"));
                    }
                    if (changed.contains("healthCheck.matcher")) {
                        r.matcher(m -> m.httpCode(hc.get("healthCheck.matcher")));
                    }
                    if (changed.contains("healthCheck.interval")) {
                        r.healthCheckIntervalSeconds(Integer.valueOf(hc.get("healthCheck.interval")));
                    }
                    if (changed.contains("healthCheck.timeout")) {
                        r.healthCheckTimeoutSeconds(Integer.valueOf(hc.get("healthCheck.timeout")));
                    }
                    if (changed.contains("healthCheck.healthyThreshold")) {
                        r.healthyThresholdCount(Integer.valueOf(hc.get("healthCheck.healthyThreshold")));
                    }
                    if (changed.contains("healthCheck.unhealthyThreshold")) {
                        r.unhealthyThresholdCount(Integer.valueOf(hc.get("healthCheck.unhealthyThreshold")));
                    }
                });
            }
            if (!attributes.isEmpty()) {
                Map<String, String> changed = new LinkedHashMap<>();
                attributes.forEach(c -> changed.put(c.attribute(), c.after()));
                modifyAttributes(arn, changed);
            }
        });
    }

    /** The targets registered now (not draining), read once per run. */
    private List<TargetDescription> registered(String arn) {
        List<TargetHealthDescription> health = run.observe(
                ResourceKind.TARGETS,
                "targets " + arn,
                () -> run.aws()
                        .elb()
                        .describeTargetHealth(r -> r.targetGroupArn(arn))
                        .targetHealthDescriptions());
        List<TargetDescription> registered = new ArrayList<>();
        for (TargetHealthDescription d : health) {
            String reason = d.targetHealth() == null ? null : d.targetHealth().reasonAsString();
            if (reason == null || !NOT_REGISTERED.contains(reason)) {
                registered.add(d.target());
            }
        }
        return registered;
    }

    /**
     * Registers missing instances, deregisters the others (and any registered on another port).
     *
     * @param leaving instances that leave with the detach of an Auto Scaling group in this run: not deregistered again
     */
    private void convergeTargets(String name, String arn, States.Targets network, Set<String> leaving) {
        Set<String> registered = new TreeSet<>();
        List<TargetDescription> extra = new ArrayList<>();
        for (TargetDescription target : registered(arn)) {
            if (leaving.contains(target.id()) && !network.instanceIds().contains(target.id())) {
                continue;
            }
            boolean wanted = network.instanceIds().contains(target.id())
                    && (target.port() == null || target.port() == targets.port());
            if (wanted) {
                registered.add(target.id());
            } else {
                extra.add(target);
            }
        }
        List<String> missing = network.instanceIds().stream()
                .filter(id -> !registered.contains(id))
                .toList();
        if (missing.isEmpty() && extra.isEmpty()) {
            run.unchanged(ResourceKind.TARGETS, name, arn);
            return;
        }
        if (!missing.isEmpty()) {
            run.change(
                    new Change(
                            ChangeAction.CREATE,
                            ResourceKind.TARGETS,
                            name,
                            arn,
                            missing.stream()
                                    .map(id -> new AttributeChange("target", null, id + ":" + targets.port()))
                                    .toList(),
                            missing.size() == 1 ? "instance added" : "instances added"),
                    () -> register(arn, missing));
        }
        if (!extra.isEmpty()) {
            run.change(
                    new Change(
                            ChangeAction.DELETE,
                            ResourceKind.TARGETS,
                            name,
                            arn,
                            extra.stream()
                                    .map(t -> new AttributeChange(
                                            "target", t.id() + (t.port() == null ? "" : ":" + t.port()), null))
                                    .toList(),
                            extra.size() == 1 ? "instance removed" : "instances removed"),
                    () -> run.aws()
                            .elb()
                            .deregisterTargets(r -> r.targetGroupArn(arn).targets(extra)));
        }
    }

    // ---- wanted and actual values ----

    /** The health check of the description, by attribute name, as the target group spells it. */
    Map<String, String> wantedHealthCheck() {
        HealthCheckSpec hc = targets.healthCheck();
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put(
                "healthCheck.protocol", hc.protocol().orElse(targets.protocol()).name());
        wanted.put("healthCheck.port", hc.port().map(String::valueOf).orElse(TRAFFIC_PORT));
        wanted.put("healthCheck.path", hc.path());
        wanted.put("healthCheck.matcher", hc.matcher());
        wanted.put("healthCheck.interval", String.valueOf(hc.interval().toSeconds()));
        wanted.put("healthCheck.timeout", String.valueOf(hc.timeout().toSeconds()));
        wanted.put("healthCheck.healthyThreshold", String.valueOf(hc.healthyThreshold()));
        wanted.put("healthCheck.unhealthyThreshold", String.valueOf(hc.unhealthyThreshold()));
        return wanted;
    }

    static Map<String, String> actualHealthCheck(TargetGroup g) {
        Map<String, String> actual = new LinkedHashMap<>();
        actual.put("healthCheck.protocol", g.healthCheckProtocolAsString());
        actual.put("healthCheck.port", g.healthCheckPort());
        actual.put("healthCheck.path", g.healthCheckPath());
        actual.put(
                "healthCheck.matcher", g.matcher() == null ? null : g.matcher().httpCode());
        actual.put("healthCheck.interval", String.valueOf(g.healthCheckIntervalSeconds()));
        actual.put("healthCheck.timeout", String.valueOf(g.healthCheckTimeoutSeconds()));
        actual.put("healthCheck.healthyThreshold", String.valueOf(g.healthyThresholdCount()));
        actual.put("healthCheck.unhealthyThreshold", String.valueOf(g.unhealthyThresholdCount()));
        return actual;
    }

    /** The target group attributes of the description. */
    Map<String, String> wantedAttributes() {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put(
                DEREGISTRATION_DELAY,
                String.valueOf(targets.deregistrationDelay().toSeconds()));
        wanted.put(STICKINESS_ENABLED, String.valueOf(targets.stickiness().isPresent()));
        targets.stickiness().ifPresent(duration -> {
            wanted.put(STICKINESS_TYPE, "lb_cookie");
            wanted.put(STICKINESS_DURATION, String.valueOf(duration.toSeconds()));
        });
        return wanted;
    }

    // ---- writes ----

    /** Right after a create, AWS may not know the group yet, nor a just-started instance. */
    private void register(String arn, List<String> instanceIds) {
        if (instanceIds.isEmpty()) {
            return;
        }
        List<TargetDescription> list = instanceIds.stream()
                .map(id ->
                        TargetDescription.builder().id(id).port(targets.port()).build())
                .toList();
        run.retrying(
                STEP,
                "registering " + String.join(", ", instanceIds) + " in target group " + nameOf(arn),
                () -> run.aws().elb().registerTargets(r -> r.targetGroupArn(arn).targets(list)),
                "TargetGroupNotFound",
                "InvalidTarget");
    }

    private void modifyAttributes(String arn, Map<String, String> attributes) {
        List<TargetGroupAttribute> list = attributes.entrySet().stream()
                .map(e -> TargetGroupAttribute.builder()
                        .key(e.getKey())
                        .value(e.getValue())
                        .build())
                .toList();
        run.retrying(
                STEP,
                "setting the attributes of " + nameOf(arn),
                () -> run.aws()
                        .elb()
                        .modifyTargetGroupAttributes(r -> r.targetGroupArn(arn).attributes(list)),
                "TargetGroupNotFound");
    }

    /** The stack's tags, and the mark of the Auto Scaling group the new group is to be attached to. */
    private List<Tag> createTags(States.Targets network) {
        List<Tag> tags = new ArrayList<>(elbTags());
        if (network.group() != null) {
            tags.add(AutoScalingAttachment.marker(network.group().name()));
        }
        return tags;
    }

    private List<Tag> elbTags() {
        return run.tags().entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList();
    }

    // ---- deleting ----

    /** After the listeners use the new group: deletes the groups it replaced. */
    void deleteReplaced(States.TargetGroup targetGroup) {
        if (targetGroup == null) {
            return;
        }
        Map<String, Map<String, String>> tags = observed().tags();
        for (String arn : targetGroup.replacedArns()) {
            String reason = "replaced by " + (targetGroup.arn() == null ? "the new group" : nameOf(targetGroup.arn()));
            detachBeforeDelete(arn, tags.getOrDefault(arn, Map.of()), reason);
            delete(arn, reason);
        }
    }

    /**
     * With sites, in the stack run: deletes the groups the stack owns at stack level (the single-site form's, owner
     * exactly {@code <stack>}) that are not in {@code kept}. Called after the listener's default action and rules
     * forward to the sites' groups only; a group a listener still holds is retried, as a replaced one is. Uses the
     * stack's target groups as already read.
     */
    void deleteStackLevel(java.util.Collection<String> kept, String reason) {
        observed().tags().forEach((arn, tags) -> {
            if (run.owns(tags) && !kept.contains(arn)) {
                detachBeforeDelete(arn, tags, reason);
                delete(arn, reason);
            }
        });
    }

    /** Deletes every target group the stack owns, detached first from the Auto Scaling group it is attached to. */
    void destroy() {
        Map<String, TargetGroup> groups = stackGroups();
        Map<String, Map<String, String>> tags = tags(groups.keySet());
        groups.keySet().stream()
                .filter(arn -> run.owns(tags.getOrDefault(arn, Map.of())))
                .forEach(arn -> {
                    detachBeforeDelete(arn, tags.getOrDefault(arn, Map.of()), "destroy");
                    delete(arn, "destroy");
                });
    }

    /**
     * A target group attached to an Auto Scaling group is detached before it is deleted: the group would otherwise
     * keep the deleted ARN in its list. Only when the tag names a group or the description has one: a stack without
     * the option makes no Auto Scaling call.
     */
    private void detachBeforeDelete(String arn, Map<String, String> tags, String reason) {
        String wanted = targets == null ? null : targets.autoScalingGroup().orElse(null);
        if (wanted != null || tags.containsKey(AutoScalingAttachment.MARKER_TAG)) {
            new AutoScalingAttachment(run).detachAll(nameOf(arn), arn, tags, wanted, reason, false);
        }
    }

    /** A listener may hold on to the group for a moment after it switched or was deleted. */
    private void delete(String arn, String reason) {
        run.change(Change.of(ChangeAction.DELETE, ResourceKind.TARGET_GROUP, nameOf(arn), arn, reason), () -> {
            try {
                run.retrying(
                        STEP,
                        "deleting target group " + nameOf(arn),
                        () -> run.aws().elb().deleteTargetGroup(r -> r.targetGroupArn(arn)),
                        "ResourceInUse");
            } catch (TargetGroupNotFoundException e) {
                // already gone: the goal is reached
            }
        });
    }
}
