package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.ResourceKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenerCertificatesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

/**
 * With sites: the sites' certificates on the HTTPS listener, presented by SNI besides its default one. Read with one
 * DescribeListenerCertificates per listener (not per site); each missing certificate added with
 * AddListenerCertificates, one per call as the API takes them. A listener certificate cannot be tagged: one is the
 * stack's when its ACM certificate carries the stack's tag ({@code <stack>/<site>}), and only those are removed.
 */
final class ListenerCertificates {
    private static final String STEP = "listener-certificates";

    private final Run run;
    private final HttpsSetup spec;

    ListenerCertificates(Run run) {
        this.run = run;
        this.spec = run.spec();
    }

    /** The HTTPS listener of the load balancer, if it exists (in a plan of a new load balancer, it does not). */
    static Optional<Listener> httpsListener(Run run, States.LoadBalancer loadBalancer) {
        if (loadBalancer == null || loadBalancer.arn() == null) {
            return Optional.empty();
        }
        int port = run.spec().httpsListener().port();
        List<Listener> listeners = run.createdHere(loadBalancer.arn())
                // created by this run: its listeners were created by this run too, so read them now
                ? run.observe(
                        ResourceKind.HTTPS_LISTENER,
                        "new listeners " + loadBalancer.arn(),
                        () -> run.aws()
                                .elb()
                                .describeListeners(r -> r.loadBalancerArn(loadBalancer.arn()))
                                .listeners())
                : new Listeners(run)
                        .observe(loadBalancer.arn()).stream()
                                .map(Listeners.Observed::listener)
                                .toList();
        return listeners.stream()
                .filter(l -> l.port() != null && l.port() == port && l.protocol() == ProtocolEnum.HTTPS)
                .findFirst();
    }

    /**
     * The listener's certificates: ARN → whether it is listed as the default one (only). A certificate that is both the
     * default and in the SNI list is listed twice by AWS, and counts here as in the list.
     */
    private Map<String, Boolean> observed(String listenerArn) {
        return run.observe(ResourceKind.LISTENER_CERTIFICATE, "listener certificates " + listenerArn, () -> {
            Map<String, Boolean> all = new LinkedHashMap<>();
            String marker = null;
            do {
                String m = marker;
                DescribeListenerCertificatesResponse page = run.aws()
                        .elb()
                        .describeListenerCertificates(
                                r -> r.listenerArn(listenerArn).marker(m));
                for (Certificate c : page.certificates()) {
                    all.merge(c.certificateArn(), Boolean.TRUE.equals(c.isDefault()), Boolean::logicalAnd);
                }
                marker = page.nextMarker() == null || page.nextMarker().isEmpty() ? null : page.nextMarker();
            } while (marker != null);
            return all;
        });
    }

    /**
     * Adds each site's certificate the listener does not hold yet (the default site's is the listener's default
     * certificate, set with the listener).
     *
     * @param certificates each site's certificate, by site name
     * @param defaultSite  the site whose certificate is the listener's default
     */
    void converge(States.LoadBalancer loadBalancer, Map<String, States.Certificate> certificates, String defaultSite) {
        Optional<Listener> listener = httpsListener(run, loadBalancer);
        Map<String, Boolean> current =
                listener.map(l -> observed(l.listenerArn())).orElse(Map.of());
        String listenerName = "HTTPS listener";
        for (Map.Entry<String, States.Certificate> entry : certificates.entrySet()) {
            if (entry.getKey().equals(defaultSite)) {
                continue;
            }
            String arn = entry.getValue() == null ? null : entry.getValue().arn();
            String name = entry.getKey() + ": " + listenerName + " certificate";
            // in the SNI list; as the default certificate only, it leaves the listener when the default changes
            if (arn != null && Boolean.FALSE.equals(current.get(arn))) {
                run.unchanged(ResourceKind.LISTENER_CERTIFICATE, name, arn);
                continue;
            }
            run.change(
                    new Change(
                            ChangeAction.CREATE,
                            ResourceKind.LISTENER_CERTIFICATE,
                            name,
                            arn,
                            Run.attributes("certificate", arn),
                            "presented by SNI for site " + entry.getKey()),
                    () -> {
                        String listenerArn = httpsListener(run, loadBalancer)
                                .orElseThrow(() -> new IllegalStateException("no HTTPS listener"))
                                .listenerArn();
                        // a just-issued certificate can be unknown to ELB for a while
                        run.retryingFor(
                                spec.waitTimeout(),
                                STEP,
                                "adding the certificate of site " + entry.getKey() + " to the HTTPS listener",
                                () -> run.aws()
                                        .elb()
                                        .addListenerCertificates(r ->
                                                r.listenerArn(listenerArn).certificates(c -> c.certificateArn(arn))),
                                "CertificateNotFound");
                    });
        }
    }

    /**
     * Removes from the listener the stack's certificates no site uses (a removed site's, a site's replaced one),
     * after the rules that sent its names to the site are gone. Someone else's certificates stay.
     */
    void removeUnwanted(States.LoadBalancer loadBalancer, Set<String> wanted) {
        Optional<Listener> listener = httpsListener(run, loadBalancer);
        if (listener.isEmpty()) {
            return;
        }
        String listenerArn = listener.get().listenerArn();
        Map<String, String> extra = new LinkedHashMap<>();
        observed(listenerArn).forEach((arn, isDefault) -> {
            if (!isDefault && !wanted.contains(arn)) {
                site(arn).ifPresent(site -> extra.put(arn, site));
            }
        });
        for (Map.Entry<String, String> entry : extra.entrySet()) {
            String arn = entry.getKey();
            run.change(
                    Change.of(
                            ChangeAction.DELETE,
                            ResourceKind.LISTENER_CERTIFICATE,
                            entry.getValue() + ": HTTPS listener certificate",
                            arn,
                            "no site uses it"),
                    () -> run.aws()
                            .elb()
                            .removeListenerCertificates(
                                    r -> r.listenerArn(listenerArn).certificates(c -> c.certificateArn(arn))));
        }
    }

    /** The site of this stack whose tag the ACM certificate carries; empty when it is someone else's. */
    private Optional<String> site(String arn) {
        String owner = run.aws().acm().listTagsForCertificate(r -> r.certificateArn(arn)).tags().stream()
                .filter(t -> HttpsSetup.OWNERSHIP_TAG.equals(t.key()))
                .map(Tag::value)
                .findFirst()
                .orElse("");
        String prefix = spec.stack() + "/";
        return owner.startsWith(prefix) ? Optional.of(owner.substring(prefix.length())) : Optional.empty();
    }
}
