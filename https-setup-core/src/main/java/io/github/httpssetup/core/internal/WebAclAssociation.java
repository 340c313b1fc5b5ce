package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.AttributeChange;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.wafv2.model.Scope;
import software.amazon.awssdk.services.wafv2.model.WafNonexistentItemException;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/**
 * {@code loadBalancer.webAcl}: the load balancer's association with an existing WAFv2 web ACL (one per load
 * balancer: associating another one replaces it). Part of the load balancer's step.
 *
 * <p>The web ACL is never created, changed or deleted. Which association the stack made is remembered in a tag on
 * the load balancer ({@value #MARKER_TAG}, written before the association), so that removing the option
 * disassociates only what the stack associated, and a stack that never had the option makes no WAF call at all (the
 * load balancer's tags are read anyway).
 */
final class WebAclAssociation {

    /** The load balancer tag that names the web ACL the stack associated. */
    static final String MARKER_TAG = "https-setup:web-acl";

    private static final String STEP = "web ACL";

    private final Run run;
    private final String wanted;

    WebAclAssociation(Run run) {
        this.run = run;
        this.wanted = run.spec().loadBalancer().webAcl().orElse(null);
    }

    /**
     * Converges the association of an owned load balancer.
     *
     * @param name      the load balancer's name
     * @param arn       its ARN; {@code null} in a plan where it is still to be created
     * @param tags      its tags as read; empty for one this run created
     * @param created   whether this run created it (it has no association yet: nothing to read)
     */
    void converge(String name, String arn, Map<String, String> tags, boolean created) {
        String marker = tags.get(MARKER_TAG);
        if (wanted == null) {
            if (marker != null && arn != null) {
                remove(name, arn, marker);
            }
            return;
        }
        if (arn == null || created) {
            checkExists();
            associate(
                    new Change(
                            ChangeAction.CREATE,
                            ResourceKind.WEB_ACL_ASSOCIATION,
                            name,
                            wanted,
                            Run.attributes("webAcl", wanted, "loadBalancer", arn),
                            ""),
                    arn,
                    true);
            return;
        }
        String current = current(arn).orElse(null);
        if (wanted.equals(current)) {
            if (wanted.equals(marker)) {
                run.unchanged(ResourceKind.WEB_ACL_ASSOCIATION, name, wanted);
            } else { // associated outside a run (or a run stopped after associating): mark it as the stack's
                run.change(
                        new Change(
                                ChangeAction.UPDATE,
                                ResourceKind.WEB_ACL_ASSOCIATION,
                                name,
                                wanted,
                                List.of(new AttributeChange("tags." + MARKER_TAG, marker, wanted)),
                                "already associated; marked as the" + " stack's"),
                        () -> tag(arn));
            }
            return;
        }
        checkExists();
        if (current == null) {
            associate(
                    new Change(
                            ChangeAction.CREATE,
                            ResourceKind.WEB_ACL_ASSOCIATION,
                            name,
                            wanted,
                            Run.attributes("webAcl", wanted, "loadBalancer", arn),
                            ""),
                    arn,
                    !wanted.equals(marker));
        } else {
            // AssociateWebACL replaces the association: no moment without a web ACL in front of the load balancer
            associate(
                    new Change(
                            ChangeAction.UPDATE,
                            ResourceKind.WEB_ACL_ASSOCIATION,
                            name,
                            wanted,
                            List.of(new AttributeChange("webAcl", current, wanted)),
                            current.equals(marker) ? "" : "replaces a web ACL associated outside the stack"),
                    arn,
                    !wanted.equals(marker));
        }
    }

    /**
     * On destroy, before the load balancer is deleted: disassociates the web ACL the stack associated (deleting the
     * load balancer would drop the association too; this makes the web ACL's list of resources right at once).
     */
    void destroy(String name, String arn, Map<String, String> tags) {
        String marker = tags.get(MARKER_TAG);
        if (marker == null) {
            return;
        }
        run.change(
                Change.of(
                        ChangeAction.DELETE,
                        ResourceKind.WEB_ACL_ASSOCIATION,
                        name,
                        marker,
                        "destroy; the web ACL" + " itself is kept"),
                () -> run.aws().wafv2().disassociateWebACL(r -> r.resourceArn(arn)));
    }

    /** The option was removed: disassociates the web ACL if it is still the one the stack associated. */
    private void remove(String name, String arn, String marker) {
        String current = current(arn).orElse(null);
        if (marker.equals(current)) {
            run.change(
                    Change.of(
                            ChangeAction.DELETE,
                            ResourceKind.WEB_ACL_ASSOCIATION,
                            name,
                            marker,
                            "loadBalancer.webAcl removed; the web ACL itself is kept"),
                    () -> {
                        run.aws().wafv2().disassociateWebACL(r -> r.resourceArn(arn));
                        untag(arn);
                    });
        } else {
            // someone replaced or removed it since: theirs now, left as it is; only the stack's note goes
            run.change(
                    new Change(
                            ChangeAction.UPDATE,
                            ResourceKind.LOAD_BALANCER,
                            name,
                            arn,
                            List.of(new AttributeChange("tags." + MARKER_TAG, marker, null)),
                            "loadBalancer.webAcl removed; the web"
                                    + " ACL associated now " + (current == null ? "(none)" : current)
                                    + " was not associated by the"
                                    + " stack and is left"),
                    () -> untag(arn));
        }
    }

    private void associate(Change change, String arn, boolean tagFirst) {
        run.change(change, () -> {
            if (tagFirst) {
                tag(arn); // first, so that a run stopped half-way knows the association is the stack's
            }
            // WAF propagates a new web ACL for seconds to minutes: AWS answers WAFUnavailableEntityException meanwhile
            run.retryingFor(
                    run.spec().waitTimeout(),
                    STEP,
                    "associating web ACL " + wanted + " with " + arn,
                    () -> run.aws()
                            .wafv2()
                            .associateWebACL(r -> r.webACLArn(wanted).resourceArn(arn)),
                    "WAFUnavailableEntityException");
        });
    }

    /** The web ACL associated with the load balancer now (read once per run). */
    private Optional<String> current(String arn) {
        return run.observe(ResourceKind.WEB_ACL_ASSOCIATION, "web ACL of " + arn, () -> {
            WebACL acl = run.aws()
                    .wafv2()
                    .getWebACLForResource(r -> r.resourceArn(arn))
                    .webACL();
            return Optional.ofNullable(acl == null ? null : acl.arn());
        });
    }

    /**
     * Before associating: the web ACL exists (a typo in its name or id is refused in the plan, before any write).
     * Read once per run; only when the association is to be made.
     */
    private void checkExists() {
        String[] parts = wanted.split("/"); // arn:...:regional/webacl/<name>/<id>, as validated
        String aclName = parts[parts.length - 2];
        String id = parts[parts.length - 1];
        Boolean exists = run.observe(ResourceKind.WEB_ACL_ASSOCIATION, "web ACL " + wanted, () -> {
            try {
                run.aws()
                        .wafv2()
                        .getWebACL(r -> r.scope(Scope.REGIONAL).name(aclName).id(id));
                return Boolean.TRUE;
            } catch (WafNonexistentItemException e) {
                return Boolean.FALSE;
            }
        });
        if (!exists) {
            throw new HttpsSetupException(
                    ErrorCode.OPTION_UNUSABLE,
                    "loadBalancer.webAcl: web ACL " + wanted + " does"
                            + " not exist in " + run.spec().region()
                            + " (WAF answered WAFNonexistentItemException). Check the"
                            + " ARN (aws wafv2 list-web-acls --scope REGIONAL --region "
                            + run.spec().region() + "): https-setup"
                            + " associates an existing web ACL, it does not create one.");
        }
    }

    private void tag(String arn) {
        run.aws().elb().addTags(r -> r.resourceArns(arn).tags(LoadBalancers.tags(Map.of(MARKER_TAG, wanted))));
    }

    private void untag(String arn) {
        run.aws().elb().removeTags(r -> r.resourceArns(arn).tagKeys(MARKER_TAG));
    }
}
