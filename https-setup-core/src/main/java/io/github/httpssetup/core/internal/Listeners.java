package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.AttributeChange;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpAction;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.ResourceKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

/**
 * The HTTPS listener (certificate, SSL policy, forward to the target group) and the HTTP listener
 * (redirect to HTTPS, forward, or none) of the load balancer, matched by port. An owned listener that
 * differs is modified in one call: that is also how a replaced certificate or target group is swapped in
 * before the old one is deleted.
 */
final class Listeners {

    /** Just-issued certificates and just-created target groups are not visible to ELB at once. */
    private static final String[] NOT_YET = {"CertificateNotFound", "TargetGroupNotFound"};

    private static final String STEP = "listeners";

    /**
     * On the HTTPS listener of a stack with sites: its rules and SNI certificates belong to sites, which a description
     * without {@code sites} cannot find again (they are found by the rules' tags), so such a description is refused.
     */
    static final String SITES_TAG = "https-setup:sites";

    private static final String SWITCH_REASON =
            "the new target group joins with weight 0 until its targets are healthy," + " then takes every request";

    private final Run run;
    private final HttpsSetup spec;

    Listeners(Run run) {
        this.run = run;
        this.spec = run.spec();
    }

    /**
     * What one listener should be; certificate and target group are null while not known (a plan).
     * {@code replacedGroups}: the target groups the one to forward to replaces (see {@link #switchTargetGroup}).
     */
    private record Desired(
            ResourceKind kind,
            int port,
            ProtocolEnum protocol,
            String certificateArn,
            String sslPolicy,
            ListenerAction action,
            List<String> replacedGroups) {
        boolean https() {
            return protocol == ProtocolEnum.HTTPS;
        }
    }

    /** A listener of the load balancer, with its tags. */
    record Observed(Listener listener, Map<String, String> tags) {
        String arn() {
            return listener.listenerArn();
        }
    }

    /** Both listeners, the HTTP one first. */
    void converge(States.Certificate certificate, States.TargetGroup targetGroup, States.LoadBalancer loadBalancer) {
        convergeHttps(certificate, targetGroup, loadBalancer, convergeHttp(targetGroup, loadBalancer));
    }

    /**
     * The HTTP listener: it needs no certificate, so it is created while ACM validates. Returns the load
     * balancer's listeners as read, for {@link #convergeHttps}.
     */
    List<Observed> convergeHttp(States.TargetGroup targetGroup, States.LoadBalancer loadBalancer) {
        List<Observed> existing = loadBalancer.arn() == null ? List.of() : observe(loadBalancer.arn());
        converge(desired(null, targetGroup), ResourceKind.HTTP_LISTENER, loadBalancer, existing);
        return existing;
    }

    /**
     * The HTTPS listener, then the owned listeners nothing asks for any more (the HTTP listener after
     * {@code http.action: none}, an old port).
     *
     * @param existing the load balancer's listeners as {@link #convergeHttp} read them
     */
    void convergeHttps(
            States.Certificate certificate,
            States.TargetGroup targetGroup,
            States.LoadBalancer loadBalancer,
            List<Observed> existing) {
        List<Desired> desired = desired(certificate, targetGroup);
        converge(desired, ResourceKind.HTTPS_LISTENER, loadBalancer, existing);
        if (loadBalancer.arn() == null) {
            return;
        }
        Set<Integer> ports = desired.stream().map(Desired::port).collect(Collectors.toSet());
        Set<String> matched = new HashSet<>();
        ports.forEach(port -> onPort(existing, port).ifPresent(o -> matched.add(o.arn())));
        for (Observed o : existing) {
            if (!matched.contains(o.arn()) && run.owns(o.tags())) {
                delete(LoadBalancers.name(spec), o, "no longer in the description");
            }
        }
    }

    private void converge(
            List<Desired> desired, ResourceKind kind, States.LoadBalancer loadBalancer, List<Observed> existing) {
        String lbName = LoadBalancers.name(spec);
        for (Desired d : desired) {
            if (d.kind() != kind) {
                continue;
            }
            if (loadBalancer.arn() == null) { // a plan: the load balancer is created first
                create(lbName, null, d);
                continue;
            }
            Optional<Observed> current = onPort(existing, d.port());
            if (current.isEmpty()) {
                create(lbName, loadBalancer.arn(), d);
            } else if (!run.owns(current.get().tags()) && !spec.adopt()) {
                run.conflict(
                        d.kind(),
                        name(lbName, d.port()),
                        current.get().arn(),
                        "exists but is not owned by stack " + spec.stack());
            } else {
                update(lbName, current.get(), d);
            }
        }
    }

    private List<Desired> desired(States.Certificate certificate, States.TargetGroup targetGroup) {
        String targetGroupArn = targetGroup == null ? null : targetGroup.arn();
        List<String> replaced = targetGroup == null ? List.of() : targetGroup.replacedArns();
        List<Desired> desired = new ArrayList<>();
        desired.add(new Desired(
                ResourceKind.HTTPS_LISTENER,
                spec.httpsListener().port(),
                ProtocolEnum.HTTPS,
                certificate == null ? null : certificate.arn(),
                spec.httpsListener().sslPolicy(),
                // with sites and no default site, a host no site names gets a 404
                targetGroup == null && !spec.sites().isEmpty()
                        ? ListenerAction.notFound()
                        : ListenerAction.forward(targetGroupArn),
                replaced));
        HttpAction http = spec.httpListener().action();
        if (http != HttpAction.NONE) {
            desired.add(new Desired(
                    ResourceKind.HTTP_LISTENER,
                    spec.httpListener().port(),
                    ProtocolEnum.HTTP,
                    null,
                    null,
                    http == HttpAction.REDIRECT
                            ? ListenerAction.redirectToHttps(
                                    spec.httpsListener().port())
                            : ListenerAction.forward(targetGroupArn),
                    http == HttpAction.REDIRECT ? List.of() : replaced));
        }
        return desired;
    }

    /** The listener on the port; emulators allow several, and then an owned one is preferred. */
    private Optional<Observed> onPort(List<Observed> existing, int port) {
        List<Observed> onPort = existing.stream()
                .filter(o -> o.listener().port() != null && o.listener().port() == port)
                .toList();
        return onPort.stream()
                .filter(o -> run.owns(o.tags()))
                .findFirst()
                .or(() -> onPort.stream().findFirst());
    }

    /** Every listener of the load balancer (one DescribeListeners per page) and their tags (one DescribeTags per 20). */
    List<Observed> observe(String loadBalancerArn) {
        if (run.createdHere(loadBalancerArn)) {
            return List.of(); // a load balancer this run created has no listener yet
        }
        return run.observe(ResourceKind.HTTPS_LISTENER, "listeners " + loadBalancerArn, () -> read(loadBalancerArn));
    }

    private List<Observed> read(String loadBalancerArn) {
        ElasticLoadBalancingV2Client elb = run.aws().elb();
        List<Listener> listeners = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            DescribeListenersResponse page = elb.describeListeners(
                    r -> r.loadBalancerArn(loadBalancerArn).marker(m));
            listeners.addAll(page.listeners());
            marker = page.nextMarker() == null || page.nextMarker().isEmpty() ? null : page.nextMarker();
        } while (marker != null);
        if (listeners.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, String>> tags =
                ElbTags.read(run, listeners.stream().map(Listener::listenerArn).toList());
        return listeners.stream()
                .map(l -> new Observed(l, tags.getOrDefault(l.listenerArn(), Map.of())))
                .toList();
    }

    // ---- creating ----

    private void create(String lbName, String loadBalancerArn, Desired d) {
        if (d.https()) {
            SslPolicies.check(run, d.sslPolicy());
        }
        List<AttributeChange> attributes = d.https()
                ? Run.attributes(
                        "protocol",
                        d.protocol(),
                        "port",
                        d.port(),
                        "certificate",
                        d.certificateArn(),
                        "sslPolicy",
                        d.sslPolicy(),
                        "defaultAction",
                        d.action())
                : Run.attributes("protocol", d.protocol(), "port", d.port(), "defaultAction", d.action());
        Map<String, String> headers = d.https() ? newListenerHeaders() : Map.of();
        Map<String, String> tags = new LinkedHashMap<>(run.tags());
        if (!headers.isEmpty()
                || (d.https() && spec.httpsListener().securityHeaders().isPresent())) {
            tags.put(ResponseHeaders.TAG, "on");
        }
        if (d.https() && !spec.sites().isEmpty()) {
            tags.put(SITES_TAG, "on");
        }
        if (!headers.isEmpty()) {
            attributes = new ArrayList<>(attributes);
            for (Map.Entry<String, String> h : headers.entrySet()) {
                attributes.add(new AttributeChange(ResponseHeaders.label(h.getKey()), null, h.getValue()));
            }
        }
        run.change(
                new Change(ChangeAction.CREATE, d.kind(), name(lbName, d.port()), null, attributes, ""),
                () -> {
                    CreateListenerResponse created = run.retryingFor(
                            spec.waitTimeout(),
                            STEP,
                            "creating the " + d.kind().label() + " on port " + d.port(),
                            () -> run.aws().elb().createListener(r -> {
                                r.loadBalancerArn(loadBalancerArn)
                                        .protocol(d.protocol())
                                        .port(d.port())
                                        .defaultActions(d.action().toAws())
                                        .tags(LoadBalancers.tags(tags));
                                if (d.https()) {
                                    r.certificates(Certificate.builder()
                                                    .certificateArn(d.certificateArn())
                                                    .build())
                                            .sslPolicy(d.sslPolicy());
                                }
                            }),
                            NOT_YET);
                    String arn = created.hasListeners() && !created.listeners().isEmpty()
                            ? created.listeners().get(0).listenerArn()
                            : null;
                    if (!headers.isEmpty() && arn != null) {
                        run.created(arn);
                        modifyHeaders(arn, headers);
                    }
                    return created;
                },
                created -> created.hasListeners() && !created.listeners().isEmpty()
                        ? created.listeners().get(0).listenerArn()
                        : null);
    }

    // ---- issue 15: security headers ----

    /** The response-header attributes a new HTTPS listener needs set: those differing from ALB's defaults. */
    private Map<String, String> newListenerHeaders() {
        return spec.httpsListener()
                .securityHeaders()
                .map(h -> ResponseHeaders.changes(ResponseHeaders.AWS_DEFAULTS, ResponseHeaders.wanted(h)))
                .orElse(Map.of());
    }

    /**
     * The response-header attributes to change on an existing HTTPS listener, added to {@code changes} for the
     * plan; read only when the description has security headers or the listener's tag says the stack set some.
     */
    private Map<String, String> headerChanges(Observed observed, List<AttributeChange> changes) {
        boolean wanted = spec.httpsListener().securityHeaders().isPresent();
        if (!wanted && !"on".equals(observed.tags().get(ResponseHeaders.TAG))) {
            return Map.of();
        }
        Map<String, String> current = listenerAttributes(observed.arn());
        Map<String, String> headers = ResponseHeaders.changes(
                current,
                ResponseHeaders.wanted(spec.httpsListener().securityHeaders().orElse(null)));
        headers.forEach((key, value) -> changes.add(new AttributeChange(
                ResponseHeaders.label(key),
                ResponseHeaders.shown(current.getOrDefault(key, ResponseHeaders.AWS_DEFAULTS.get(key))),
                ResponseHeaders.shown(value))));
        return headers;
    }

    /** The listener's attributes (read once per run, see {@link Run#observe}). */
    private Map<String, String> listenerAttributes(String listenerArn) {
        return run.observe(
                ResourceKind.HTTPS_LISTENER,
                "attributes " + listenerArn,
                () -> run.aws().elb().describeListenerAttributes(r -> r.listenerArn(listenerArn)).attributes().stream()
                        .filter(a -> a.key() != null && a.value() != null)
                        .collect(Collectors.toMap(ListenerAttribute::key, ListenerAttribute::value, (a, b) -> b)));
    }

    private void modifyHeaders(String listenerArn, Map<String, String> headers) {
        run.aws()
                .elb()
                .modifyListenerAttributes(r -> r.listenerArn(listenerArn)
                        .attributes(headers.entrySet().stream()
                                .map(e -> ListenerAttribute.builder()
                                        .key(e.getKey())
                                        .value(e.getValue())
                                        .build())
                                .toList()));
    }

    // ---- updating ----

    private void update(String lbName, Observed observed, Desired d) {
        Listener current = observed.listener();
        boolean owned = run.owns(observed.tags());
        List<AttributeChange> changes = new ArrayList<>();

        Map<String, String> missingTags = new LinkedHashMap<>();
        run.tags().forEach((key, value) -> {
            if (!value.equals(observed.tags().get(key))) {
                missingTags.put(key, value);
                changes.add(new AttributeChange("tags." + key, observed.tags().get(key), value));
            }
        });
        if (d.https() && owned) {
            boolean servesSites = "on".equals(observed.tags().get(SITES_TAG));
            if (servesSites && spec.sites().isEmpty()) {
                throw servesSites(observed.arn(), false);
            }
            if (!servesSites && !spec.sites().isEmpty()) {
                missingTags.put(SITES_TAG, "on");
                changes.add(
                        new AttributeChange("tags." + SITES_TAG, observed.tags().get(SITES_TAG), "on"));
            }
        }

        boolean protocol = current.protocol() != d.protocol();
        if (protocol) {
            changes.add(new AttributeChange(
                    "protocol", current.protocolAsString(), d.protocol().toString()));
        }
        boolean certificate = false;
        boolean sslPolicy = false;
        if (d.https()) {
            // An HTTP listener has neither (moto reports an SslPolicy on HTTP listeners all the same).
            String currentCertificate = current.protocol() == ProtocolEnum.HTTPS ? defaultCertificate(current) : null;
            String currentPolicy = current.protocol() == ProtocolEnum.HTTPS ? current.sslPolicy() : null;
            certificate = d.certificateArn() == null || !d.certificateArn().equals(currentCertificate);
            if (certificate) {
                changes.add(
                        new AttributeChange("certificate", currentCertificate, orKnownAfterApply(d.certificateArn())));
            }
            sslPolicy = !d.sslPolicy().equals(currentPolicy);
            if (sslPolicy) {
                changes.add(new AttributeChange("sslPolicy", currentPolicy, d.sslPolicy()));
            }
        }
        Map<String, String> headers = d.https() ? headerChanges(observed, changes) : Map.of();
        String headersTag = d.https()
                        && (spec.httpsListener().securityHeaders().isPresent()
                                || observed.tags().containsKey(ResponseHeaders.TAG))
                ? (spec.httpsListener().securityHeaders().isPresent() ? "on" : "off")
                : null;
        boolean tagHeaders =
                headersTag != null && !headersTag.equals(observed.tags().get(ResponseHeaders.TAG));
        if (tagHeaders) {
            changes.add(new AttributeChange(
                    "tags." + ResponseHeaders.TAG, observed.tags().get(ResponseHeaders.TAG), headersTag));
        }
        boolean action = !d.action().matches(current.defaultActions());
        if (action) {
            changes.add(new AttributeChange(
                    "defaultAction",
                    ListenerAction.describe(current.defaultActions()),
                    d.action().toString()));
        }
        // Forwarding to a group being replaced: the new group joins at weight 0 until its targets are healthy.
        Set<String> replacedInUse = new java.util.TreeSet<>(ListenerAction.forwardedGroups(current.defaultActions()));
        replacedInUse.retainAll(d.replacedGroups());
        boolean switching = action && d.action().type() == ActionTypeEnum.FORWARD && !replacedInUse.isEmpty();

        String name = name(lbName, d.port());
        if (changes.isEmpty()) {
            run.unchanged(d.kind(), name, observed.arn());
            return;
        }
        boolean setProtocol = protocol;
        boolean setCertificate = certificate || (protocol && d.https());
        boolean setPolicy = sslPolicy || (protocol && d.https());
        if (setPolicy) {
            SslPolicies.check(run, d.sslPolicy());
        }
        String reason = owned ? "" : "adopt: true; tagged for stack " + spec.stack() + " and changed to match";
        if (switching) {
            reason = (reason.isEmpty() ? "" : reason + "; ") + SWITCH_REASON;
        }
        run.change(new Change(ChangeAction.UPDATE, d.kind(), name, observed.arn(), changes, reason), () -> {
            ElasticLoadBalancingV2Client elb = run.aws().elb();
            if (!missingTags.isEmpty()) {
                elb.addTags(r -> r.resourceArns(observed.arn()).tags(LoadBalancers.tags(missingTags)));
            }
            if (switching) {
                switchTargetGroup(observed, d);
            }
            if (setProtocol || setCertificate || setPolicy || action) {
                // Only the parts that differ: the rest of the listener stays as it is.
                ModifyListenerRequest.Builder request =
                        ModifyListenerRequest.builder().listenerArn(observed.arn());
                if (setProtocol) {
                    request.protocol(d.protocol());
                }
                if (setCertificate) {
                    request.certificates(Certificate.builder()
                            .certificateArn(d.certificateArn())
                            .build());
                }
                if (setPolicy) {
                    request.sslPolicy(d.sslPolicy());
                }
                if (action) {
                    request.defaultActions(d.action().toAws());
                }
                run.retryingFor(
                        spec.waitTimeout(),
                        STEP,
                        "modifying the " + d.kind().label() + " on port " + d.port(),
                        () -> elb.modifyListener(request.build()),
                        NOT_YET);
            }
            if (!headers.isEmpty()) {
                modifyHeaders(observed.arn(), headers);
            }
            if (tagHeaders) { // after the headers: a run stopped in between still reads and finishes them next time
                elb.addTags(r -> r.resourceArns(observed.arn())
                        .tags(LoadBalancers.tags(Map.of(ResponseHeaders.TAG, headersTag))));
            }
        });
    }

    /**
     * The first half of switching a listener from a replaced target group to its replacement. ELB health-checks
     * the targets of a group only while a listener or rule uses it (until then they are {@code unused}, for
     * ever), so the new group first joins the listener's forward with weight 0 — used, but sent no request —
     * and the switch waits until its targets are healthy; the caller then forwards to the new group alone.
     * A listener a stopped run left in the weighted state is not written again.
     */
    private void switchTargetGroup(Observed observed, Desired d) {
        String newArn = d.action().targetGroupArn();
        List<Action> current = observed.listener().defaultActions();
        Set<String> old = new java.util.TreeSet<>(ListenerAction.forwardedGroups(current));
        old.remove(newArn);
        if (!ListenerAction.isJoining(current, d.replacedGroups(), newArn)) {
            run.info(
                    STEP,
                    "The " + d.kind().label() + " on port " + d.port() + " forwards to " + TargetGroups.nameOf(newArn)
                            + " with weight 0 while its targets pass their health checks");
            run.retryingFor(
                    spec.waitTimeout(),
                    STEP,
                    "adding " + TargetGroups.nameOf(newArn) + " to the "
                            + d.kind().label() + " on port " + d.port() + " with weight 0",
                    () -> run.aws()
                            .elb()
                            .modifyListener(r ->
                                    r.listenerArn(observed.arn()).defaultActions(ListenerAction.joining(old, newArn))),
                    NOT_YET);
        }
        new TargetGroups(run).awaitHealthy(newArn);
    }

    private static String defaultCertificate(Listener listener) {
        List<Certificate> certificates = listener.certificates();
        return certificates.stream()
                .filter(c -> Boolean.TRUE.equals(c.isDefault()))
                .findFirst()
                .or(() -> certificates.stream().findFirst())
                .map(Certificate::certificateArn)
                .orElse(null);
    }

    private static String orKnownAfterApply(String value) {
        return value == null ? AttributeChange.KNOWN_AFTER_APPLY : value;
    }

    // ---- deleting ----

    /** Deletes the owned listeners of the owned load balancer; nothing when it is gone or not the stack's. */
    void destroy() {
        LoadBalancers loadBalancer = new LoadBalancers(run);
        Optional<LoadBalancers.Found> found = loadBalancer.find();
        if (found.isEmpty() || !run.owns(found.get().tags())) {
            return;
        }
        List<Observed> owned;
        try {
            owned = observe(found.get().arn()).stream()
                    .filter(o -> run.owns(o.tags()))
                    .toList();
        } catch (LoadBalancerNotFoundException e) {
            return; // deleted meanwhile
        }
        if (owned.isEmpty()) {
            return;
        }
        loadBalancer.refuseIfProtected(found.get());
        String lbName = LoadBalancers.name(spec);
        owned.forEach(o -> delete(lbName, o, "destroy"));
    }

    /**
     * Destroy with a description without sites, before anything is deleted: refused when the stack's HTTPS listener
     * serves sites, whose certificates, target groups and records only a description with sites finds again.
     */
    void refuseIfServingSites() {
        if (!spec.sites().isEmpty()) {
            return;
        }
        Optional<LoadBalancers.Found> found = new LoadBalancers(run).find();
        if (found.isEmpty() || !run.owns(found.get().tags())) {
            return;
        }
        List<Observed> listeners;
        try {
            listeners = observe(found.get().arn());
        } catch (LoadBalancerNotFoundException e) {
            return;
        }
        for (Observed o : listeners) {
            if (run.owns(o.tags()) && "on".equals(o.tags().get(SITES_TAG))) {
                throw servesSites(o.arn(), true);
            }
        }
    }

    private HttpsSetupException servesSites(String listenerArn, boolean destroy) {
        return new HttpsSetupException(
                ErrorCode.CONFLICT,
                "Stack " + spec.stack() + " serves sites: its HTTPS listener " + listenerArn
                        + " carries their rules and certificates, and this description has no sites."
                        + (destroy
                                ? " Destroy it with the description that has its sites (a sites mapping with any one"
                                        + " of them is enough: destroy finds the others by their rules)."
                                : " Keep them in sites (a single site is a valid sites mapping), or destroy the stack"
                                        + " with that description first and then apply this one."));
    }

    private void delete(String lbName, Observed observed, String reason) {
        Listener listener = observed.listener();
        ResourceKind kind =
                listener.protocol() == ProtocolEnum.HTTPS ? ResourceKind.HTTPS_LISTENER : ResourceKind.HTTP_LISTENER;
        run.change(Change.of(ChangeAction.DELETE, kind, name(lbName, listener.port()), observed.arn(), reason), () -> {
            try {
                run.aws().elb().deleteListener(r -> r.listenerArn(observed.arn()));
            } catch (ListenerNotFoundException e) {
                // already gone: what destroy wants
            }
        });
    }

    /** {@code shop-https:443}. */
    private static String name(String lbName, Integer port) {
        return lbName + ":" + port;
    }
}
