package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.AttributeChange;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.LoadBalancerSpec;
import io.github.httpssetup.core.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/**
 * The application load balancer: internet-facing, in the chosen subnets and security groups, found again
 * by name. An owned one is fixed in place (IP address type, subnets, security groups, attributes, tags);
 * what cannot change in place (scheme, type) is an error that says so.
 */
final class LoadBalancers {

    static final String IDLE_TIMEOUT = "idle_timeout.timeout_seconds";
    static final String DELETION_PROTECTION = "deletion_protection.enabled";
    static final String ACCESS_LOGS_ENABLED = "access_logs.s3.enabled";
    static final String ACCESS_LOGS_BUCKET = "access_logs.s3.bucket";
    static final String ACCESS_LOGS_PREFIX = "access_logs.s3.prefix";
    /** The values AWS gives a new load balancer; only differences from them are written. */
    static final Map<String, String> AWS_DEFAULTS = Map.of(
            IDLE_TIMEOUT,
            "60",
            DELETION_PROTECTION,
            "false",
            ACCESS_LOGS_ENABLED,
            "false",
            ACCESS_LOGS_BUCKET,
            "",
            ACCESS_LOGS_PREFIX,
            "");

    private static final String STEP = "load balancer";

    private final Run run;
    private final HttpsSetup spec;
    private final String name;

    LoadBalancers(Run run) {
        this.run = run;
        this.spec = run.spec();
        this.name = name(spec);
    }

    /** {@code loadBalancer.name}, or {@code <stack>-https}. */
    static String name(HttpsSetup spec) {
        return spec.loadBalancer().name().orElse(spec.stack() + "-https");
    }

    /** A load balancer found by name, with its tags. */
    record Found(LoadBalancer loadBalancer, Map<String, String> tags) {
        String arn() {
            return loadBalancer.loadBalancerArn();
        }

        States.LoadBalancer state() {
            return new States.LoadBalancer(
                    loadBalancer.loadBalancerArn(), loadBalancer.dnsName(), loadBalancer.canonicalHostedZoneId());
        }
    }

    States.LoadBalancer converge(States.Network network, List<String> securityGroupIds) {
        Optional<Found> found = find();
        if (found.isEmpty()) {
            States.LoadBalancer created = create(network, securityGroupIds);
            convergeOptions(created.arn(), Map.of(), true);
            return created;
        }
        Found lb = found.get();
        boolean owned = run.owns(lb.tags());
        if (!owned && !spec.adopt()) {
            run.conflict(
                    ResourceKind.LOAD_BALANCER, name, lb.arn(), "exists but is not owned by stack " + spec.stack());
            return lb.state();
        }
        checkReplaceable(lb.loadBalancer());
        update(lb, owned, network, securityGroupIds);
        convergeOptions(lb.arn(), lb.tags(), false);
        run.outputs().loadBalancerArn = lb.arn();
        run.outputs().loadBalancerDnsName = lb.loadBalancer().dnsName();
        return lb.state();
    }

    /** The load balancer with the expected name, if any (read once per run, see {@link Run#observe}). */
    Optional<Found> find() {
        return run.observe(ResourceKind.LOAD_BALANCER, "load balancer " + name, this::lookUp);
    }

    private Optional<Found> lookUp() {
        ElasticLoadBalancingV2Client elb = run.aws().elb();
        LoadBalancer lb;
        try {
            lb = elb.describeLoadBalancers(r -> r.names(name)).loadBalancers().stream()
                    .findFirst()
                    .orElse(null);
        } catch (LoadBalancerNotFoundException e) {
            return Optional.empty();
        }
        if (lb == null) {
            return Optional.empty();
        }
        String arn = lb.loadBalancerArn();
        Map<String, String> tags = elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().stream()
                .filter(d -> arn.equals(d.resourceArn()))
                .flatMap(d -> d.tags().stream())
                .collect(Collectors.toMap(
                        Tag::key, t -> t.value() == null ? "" : t.value(), (a, b) -> b, LinkedHashMap::new));
        return Optional.of(new Found(lb, tags));
    }

    private void checkReplaceable(LoadBalancer lb) {
        // Emulators leave the scheme out when it was not given; AWS's default is internet-facing.
        String scheme = lb.scheme() == null ? LoadBalancerSchemeEnum.INTERNET_FACING.toString() : lb.schemeAsString();
        String type = lb.type() == null ? LoadBalancerTypeEnum.APPLICATION.toString() : lb.typeAsString();
        List<String> problems = new ArrayList<>();
        if (!LoadBalancerSchemeEnum.INTERNET_FACING.toString().equals(scheme)) {
            problems.add("its scheme is " + scheme + ", not internet-facing");
        }
        if (!LoadBalancerTypeEnum.APPLICATION.toString().equals(type)) {
            problems.add("its type is " + type + ", not application");
        }
        if (!problems.isEmpty()) {
            throw new HttpsSetupException(
                    ErrorCode.CONFLICT,
                    "Load balancer " + name + " (" + lb.loadBalancerArn() + ") cannot"
                            + " be used: " + String.join(" and ", problems)
                            + ", which AWS cannot change in place. Delete it, or set"
                            + " loadBalancer.name to have https-setup create another one.");
        }
    }

    /**
     * What the options of issue 15 attach to an owned load balancer (its attributes are converged with the rest).
     *
     * @param arn     {@code null} in a plan where the load balancer is still to be created
     * @param created whether this run created it
     */
    private void convergeOptions(String arn, Map<String, String> tags, boolean created) {
        new WebAclAssociation(run).converge(name, arn, tags, created);
    }

    // ---- creating ----

    private States.LoadBalancer create(States.Network network, List<String> securityGroupIds) {
        LoadBalancerSpec lbSpec = spec.loadBalancer();
        List<String> subnets = network == null ? null : network.subnetIds();
        Change change = new Change(
                ChangeAction.CREATE,
                ResourceKind.LOAD_BALANCER,
                name,
                null,
                Run.attributes(
                        "type",
                        "application",
                        "scheme",
                        "internet-facing",
                        "ipAddressType",
                        lbSpec.ipAddressType().awsName(),
                        "subnets",
                        subnets == null ? null : String.join(", ", subnets),
                        "securityGroups",
                        securityGroupIds == null ? null : String.join(", ", securityGroupIds),
                        "idleTimeout",
                        lbSpec.idleTimeout().toSeconds() + " s",
                        "deletionProtection",
                        lbSpec.deletionProtection(),
                        "dnsName",
                        null,
                        "arn",
                        null),
                "");
        if (!run.writing()) {
            new AccessLogBucket(run).converge(null, Map.of());
        }
        States.LoadBalancer created =
                run.change(change, () -> createAndWait(subnets, securityGroupIds), States.LoadBalancer::arn);
        if (created == null) { // a plan
            return new States.LoadBalancer(null, null, null);
        }
        run.outputs().loadBalancerArn = created.arn();
        run.outputs().loadBalancerDnsName = created.dnsName();
        return created;
    }

    private States.LoadBalancer createAndWait(List<String> subnets, List<String> securityGroupIds) {
        ElasticLoadBalancingV2Client elb = run.aws().elb();
        String arn = elb.createLoadBalancer(r -> r.name(name)
                        .type(LoadBalancerTypeEnum.APPLICATION)
                        .scheme(LoadBalancerSchemeEnum.INTERNET_FACING)
                        .ipAddressType(spec.loadBalancer().ipAddressType().awsName())
                        .subnets(subnets)
                        .securityGroups(securityGroupIds)
                        .tags(tags(run.tags())))
                .loadBalancers()
                .get(0)
                .loadBalancerArn();
        run.created(arn);
        LoadBalancer active = awaitActive(arn);
        new AccessLogBucket(run).converge(arn, Map.of()); // before the attributes: ELB checks it can write there
        Map<String, String> attributes = attributeChanges(AWS_DEFAULTS, wantedAttributes(spec.loadBalancer()));
        if (!attributes.isEmpty()) {
            modifyAttributes(arn, attributes);
        }
        return new States.LoadBalancer(arn, active.dnsName(), active.canonicalHostedZoneId());
    }

    private LoadBalancer awaitActive(String arn) {
        Duration limit = spec.waitTimeout();
        return run.await(
                STEP,
                "waiting for load balancer " + name + " to become active",
                limit,
                Duration.ofSeconds(2),
                Duration.ofSeconds(15),
                () -> {
                    LoadBalancer lb;
                    try {
                        lb = run.aws()
                                .elb()
                                .describeLoadBalancers(r -> r.loadBalancerArns(arn))
                                .loadBalancers()
                                .get(0);
                    } catch (LoadBalancerNotFoundException e) {
                        return Optional.empty(); // not visible yet right after the create
                    }
                    LoadBalancerStateEnum state =
                            lb.state() == null ? null : lb.state().code();
                    if (state == null || state == LoadBalancerStateEnum.ACTIVE) {
                        return Optional.of(lb);
                    }
                    if (state == LoadBalancerStateEnum.FAILED) {
                        throw new HttpsSetupException(
                                ErrorCode.AWS_ERROR,
                                "Load balancer " + name + " (" + arn + ") failed to"
                                        + " provision: " + lb.state().reason()
                                        + ". Check its subnets and security groups in the EC2"
                                        + " console, delete it, and run apply again.");
                    }
                    return Optional.empty();
                },
                () -> new HttpsSetupException(
                        ErrorCode.WAIT_TIMEOUT,
                        "Load balancer " + name + " (" + arn + ") was not"
                                + " active within " + format(limit)
                                + "; provisioning usually takes a few minutes. Run apply"
                                + " again later (it continues where it stopped), or raise waitTimeout."));
    }

    // ---- updating in place ----

    private void update(Found lb, boolean owned, States.Network network, List<String> securityGroupIds) {
        LoadBalancer current = lb.loadBalancer();
        String arn = lb.arn();
        new AccessLogBucket(run).converge(arn, lb.tags()); // before the attributes: ELB checks it can write there
        ElasticLoadBalancingV2Client elb = run.aws().elb();
        List<AttributeChange> changes = new ArrayList<>();
        List<Runnable> writes = new ArrayList<>();

        Map<String, String> missingTags = new LinkedHashMap<>();
        run.tags().forEach((key, value) -> {
            if (!value.equals(lb.tags().get(key))) {
                missingTags.put(key, value);
                changes.add(new AttributeChange("tags." + key, lb.tags().get(key), value));
            }
        });
        if (!missingTags.isEmpty()) {
            writes.add(() -> elb.addTags(r -> r.resourceArns(arn).tags(tags(missingTags))));
        }

        List<String> subnets = network == null ? null : network.subnetIds();
        List<String> currentSubnets = current.availabilityZones().stream()
                .map(AvailabilityZone::subnetId)
                .filter(Objects::nonNull)
                .toList();
        if (subnets == null || !sameSet(subnets, currentSubnets)) {
            changes.add(new AttributeChange(
                    "subnets",
                    join(currentSubnets),
                    subnets == null ? AttributeChange.KNOWN_AFTER_APPLY : join(subnets)));
            writes.add(() -> elb.setSubnets(r -> r.loadBalancerArn(arn).subnets(subnets)));
        }

        if (securityGroupIds == null || !sameSet(securityGroupIds, current.securityGroups())) {
            changes.add(new AttributeChange(
                    "securityGroups",
                    join(current.securityGroups()),
                    securityGroupIds == null ? AttributeChange.KNOWN_AFTER_APPLY : join(securityGroupIds)));
            writes.add(() -> elb.setSecurityGroups(r -> r.loadBalancerArn(arn).securityGroups(securityGroupIds)));
        }

        String ipAddressType = spec.loadBalancer().ipAddressType().awsName();
        if (!ipAddressType.equals(current.ipAddressTypeAsString())) {
            changes.add(new AttributeChange("ipAddressType", current.ipAddressTypeAsString(), ipAddressType));
            writes.add(() -> elb.setIpAddressType(r -> r.loadBalancerArn(arn).ipAddressType(ipAddressType)));
        }

        Map<String, String> currentAttributes = attributes(arn);
        Map<String, String> attributes = attributeChanges(currentAttributes, wantedAttributes(spec.loadBalancer()));
        attributes.forEach((key, value) -> changes.add(
                new AttributeChange(key, currentAttributes.getOrDefault(key, AWS_DEFAULTS.get(key)), value)));
        if (!attributes.isEmpty()) {
            writes.add(() -> modifyAttributes(arn, attributes));
        }

        if (changes.isEmpty()) {
            run.unchanged(ResourceKind.LOAD_BALANCER, name, arn);
            return;
        }
        String reason = owned ? "" : "adopt: true; tagged for stack " + spec.stack() + " and changed to match";
        // Tags first, so that a run stopped half-way finds the load balancer owned next time.
        run.change(
                new Change(ChangeAction.UPDATE, ResourceKind.LOAD_BALANCER, name, arn, changes, reason),
                () -> writes.forEach(Runnable::run));
    }

    /** The load balancer's attributes as ELB lists them (read once per run, see {@link Run#observe}). */
    Map<String, String> attributes(String arn) {
        return run.observe(
                ResourceKind.LOAD_BALANCER,
                "attributes " + arn,
                () -> run.aws().elb().describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn)).attributes().stream()
                        .filter(a -> a.key() != null && a.value() != null)
                        .collect(Collectors.toMap(
                                LoadBalancerAttribute::key, LoadBalancerAttribute::value, (a, b) -> b)));
    }

    /** The attributes the description sets, as ELB spells them. */
    static Map<String, String> wantedAttributes(LoadBalancerSpec lb) {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put(IDLE_TIMEOUT, String.valueOf(lb.idleTimeout().toSeconds()));
        wanted.put(DELETION_PROTECTION, String.valueOf(lb.deletionProtection()));
        // loadBalancer.accessLogs: off = logging off (the bucket and prefix of an earlier run are left as they are)
        wanted.put(ACCESS_LOGS_ENABLED, String.valueOf(lb.accessLogs().isPresent()));
        lb.accessLogs().ifPresent(logs -> {
            wanted.put(ACCESS_LOGS_BUCKET, logs.bucket());
            wanted.put(ACCESS_LOGS_PREFIX, logs.prefix().orElse(""));
        });
        return wanted;
    }

    /**
     * The wanted attributes whose value differs from the current one; an attribute AWS does not list has
     * its default value (moto lists no idle timeout until one is set).
     */
    static Map<String, String> attributeChanges(Map<String, String> current, Map<String, String> wanted) {
        Map<String, String> changes = new LinkedHashMap<>();
        wanted.forEach((key, value) -> {
            String now = current.getOrDefault(key, AWS_DEFAULTS.get(key));
            if (!value.equalsIgnoreCase(now == null ? "" : now.trim())) {
                changes.put(key, value);
            }
        });
        return changes;
    }

    private void modifyAttributes(String arn, Map<String, String> attributes) {
        run.aws()
                .elb()
                .modifyLoadBalancerAttributes(r -> r.loadBalancerArn(arn)
                        .attributes(attributes.entrySet().stream()
                                .map(e -> LoadBalancerAttribute.builder()
                                        .key(e.getKey())
                                        .value(e.getValue())
                                        .build())
                                .toList()));
    }

    // ---- deleting ----

    /** Deletes the load balancer when the stack owns it, and waits until it is gone; a foreign one is left alone. */
    void destroy() {
        destroy(new java.util.ArrayList<>());
    }

    /** Like {@link #destroy()}, adding to {@code kept} what it leaves (an access-log bucket holding logs). */
    void destroy(List<String> kept) {
        Optional<Found> found = find();
        if (found.isEmpty()) {
            return;
        }
        Found lb = found.get();
        if (!run.owns(lb.tags())) {
            run.info(
                    STEP,
                    "Leaving load balancer " + name + " (" + lb.arn() + "): it is not owned by stack " + spec.stack());
            return;
        }
        refuseIfProtected(lb);
        String arn = lb.arn();
        new WebAclAssociation(run).destroy(name, arn, lb.tags());
        run.change(Change.of(ChangeAction.DELETE, ResourceKind.LOAD_BALANCER, name, arn, "destroy"), () -> {
            run.aws().elb().deleteLoadBalancer(r -> r.loadBalancerArn(arn));
            awaitGone(arn);
        });
        new AccessLogBucket(run).destroy(lb.tags(), kept);
    }

    /**
     * Before destroy deletes anything (the alias records go first): refuses when the owned load balancer
     * has deletion protection on, so that a protected stack is not left half torn down.
     */
    void checkDestroyable() {
        find().filter(lb -> run.owns(lb.tags())).ifPresent(this::refuseIfProtected);
    }

    /**
     * Refuses to tear down a load balancer with deletion protection on (checked here: not every emulator
     * enforces it), before anything of it is deleted.
     */
    void refuseIfProtected(Found lb) {
        String protection = attributes(lb.arn()).getOrDefault(DELETION_PROTECTION, "false");
        if (Boolean.parseBoolean(protection.trim())) {
            throw new HttpsSetupException(
                    ErrorCode.DELETION_PROTECTED,
                    "Load balancer " + name + " (" + lb.arn() + ") has deletion"
                            + " protection on, so destroy stopped before deleting it or its listeners. Set"
                            + " loadBalancer.deletionProtection: false, run apply, then run destroy again.");
        }
    }

    private void awaitGone(String arn) {
        Duration limit = spec.waitTimeout();
        run.await(
                STEP,
                "waiting for load balancer " + name + " to be deleted",
                limit,
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                () -> {
                    try {
                        run.aws().elb().describeLoadBalancers(r -> r.loadBalancerArns(arn));
                        return Optional.empty();
                    } catch (LoadBalancerNotFoundException e) {
                        return Optional.of(Boolean.TRUE);
                    }
                },
                () -> new HttpsSetupException(
                        ErrorCode.WAIT_TIMEOUT,
                        "Load balancer " + name + " (" + arn + ") was still"
                                + " there " + format(limit)
                                + " after it was deleted. Run destroy again later; it continues"
                                + " where it stopped."));
    }

    // ---- helpers ----

    static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList();
    }

    private static String format(Duration d) {
        return d.toMinutes() > 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private static boolean sameSet(Collection<String> a, Collection<String> b) {
        return new TreeSet<>(a).equals(new TreeSet<>(b));
    }

    private static String join(Collection<String> values) {
        return String.join(", ", new TreeSet<>(values));
    }
}
