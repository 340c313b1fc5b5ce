package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.AttributeChange;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;

/**
 * {@code targets.autoScalingGroup}: the target group's attachment to an existing Auto Scaling group
 * ({@code AttachLoadBalancerTargetGroups}). The group then registers the instances it launches and deregisters the
 * ones it terminates; the stack registers none and never deregisters the group's. Part of the target group's step.
 *
 * <p>The group is never created, changed or deleted, only the attachment of the stack's target group to it. Which
 * group the stack attached is remembered in a tag on the target group ({@value #MARKER_TAG}), written once the
 * attachment is complete: switching to another group attaches the new one, then detaches the one the tag names;
 * removing the option or destroying detaches it. A stack that never had the option makes no Auto Scaling call (the
 * target group's tags are read anyway).
 */
final class AutoScalingAttachment {

    /** The target group tag that names the Auto Scaling group the stack attached it to. */
    static final String MARKER_TAG = "https-setup:auto-scaling-group";

    private final Run run;

    AutoScalingAttachment(Run run) {
        this.run = run;
    }

    /** The tag for a target group created attached to {@code group}. */
    static Tag marker(String group) {
        return Tag.builder().key(MARKER_TAG).value(group).build();
    }

    /**
     * A target group this run creates: attached to the group once it exists (its marker tag is part of the create).
     *
     * @param arn the new group's ARN; {@code null} in a plan
     */
    void attachCreated(String name, String arn, States.Group group) {
        run.change(
                new Change(
                        ChangeAction.CREATE,
                        ResourceKind.TARGETS,
                        name,
                        arn,
                        List.of(new AttributeChange("autoScalingGroup", null, group.name())),
                        "the Auto Scaling group registers its instances"),
                () -> attach(arn, group.name()));
    }

    /**
     * Converges the attachment of an existing, owned target group to {@code group}.
     *
     * @param registered the targets registered now (not draining), as read before any write of this run; read only
     *                   when the attachment is to change
     */
    void converge(
            String name,
            String arn,
            Map<String, String> tags,
            States.Group group,
            Supplier<List<TargetDescription>> registered) {
        String marker = tags.get(MARKER_TAG);
        boolean attached = group.targetGroupArns().contains(arn);
        if (attached && group.name().equals(marker)) {
            run.unchanged(ResourceKind.TARGETS, name, arn, "attached to Auto Scaling group " + group.name());
            return;
        }
        // switching: from instances, from another group, or taking over an attachment without the stack's mark
        String previous = marker != null && !marker.equals(group.name()) ? marker : null;
        Optional<AutoScalingGroup> previousGroup =
                previous == null ? Optional.empty() : Network.autoScalingGroup(run, previous);
        boolean detachPrevious =
                previousGroup.map(g -> g.targetGroupARNs().contains(arn)).orElse(false);
        Set<String> leaving = new TreeSet<>();
        previousGroup.ifPresent(g -> g.instances().forEach(i -> leaving.add(i.instanceId())));
        // what the stack registered itself (instance targets) leaves: the group's own instances stay
        List<TargetDescription> stale = registered.get().stream()
                .filter(t -> !group.instanceIds().contains(t.id()) && !leaving.contains(t.id()))
                .toList();
        List<AttributeChange> attributes = new ArrayList<>();
        attributes.add(new AttributeChange("autoScalingGroup", previous, group.name()));
        if (attached) {
            attributes.add(new AttributeChange("tags." + MARKER_TAG, marker, group.name()));
        }
        String reason = attached
                ? "already attached; marked as the stack's"
                : previous != null
                        ? "attached to the new group, then detached from " + previous
                        : "the Auto Scaling group registers its instances";
        run.change(
                new Change(
                        previous == null && !attached ? ChangeAction.CREATE : ChangeAction.UPDATE,
                        ResourceKind.TARGETS,
                        name,
                        arn,
                        attributes,
                        reason),
                () -> {
                    if (!attached) {
                        attach(arn, group.name()); // first: the group's instances serve before the others leave
                    }
                    if (detachPrevious) {
                        detach(arn, previous);
                    }
                    tag(arn, group.name());
                });
        if (!stale.isEmpty()) {
            run.change(
                    new Change(
                            ChangeAction.DELETE,
                            ResourceKind.TARGETS,
                            name,
                            arn,
                            stale.stream()
                                    .map(t -> new AttributeChange(
                                            "target", t.id() + (t.port() == null ? "" : ":" + t.port()), null))
                                    .toList(),
                            "not in Auto Scaling group " + group.name()),
                    () -> run.aws()
                            .elb()
                            .deregisterTargets(r -> r.targetGroupArn(arn).targets(stale)));
        }
    }

    /**
     * The option was removed (or the target group is being deleted): detaches the target group from the group its tag
     * names, and from {@code alsoGroup} (the group of the description, on destroy) if that lists it too.
     *
     * @param untag whether to remove the tag afterwards (not for a target group about to be deleted)
     * @return the instances of the groups it was detached from: they leave the target group with the detach
     */
    Set<String> detachAll(
            String name, String arn, Map<String, String> tags, String alsoGroup, String reason, boolean untag) {
        Set<String> names = new LinkedHashSet<>();
        String marker = tags.get(MARKER_TAG);
        if (marker != null) {
            names.add(marker);
        }
        if (alsoGroup != null) {
            names.add(alsoGroup);
        }
        Set<String> leaving = new TreeSet<>();
        for (String group : names) {
            Optional<AutoScalingGroup> found = Network.autoScalingGroup(run, group);
            if (found.isPresent() && found.get().targetGroupARNs().contains(arn)) {
                found.get().instances().forEach(i -> leaving.add(i.instanceId()));
                run.change(
                        new Change(
                                ChangeAction.DELETE,
                                ResourceKind.TARGETS,
                                name,
                                arn,
                                List.of(new AttributeChange("autoScalingGroup", group, null)),
                                reason + "; the Auto Scaling group itself is kept"),
                        () -> detach(arn, group));
            }
        }
        if (untag && marker != null) {
            run.change(
                    new Change(
                            ChangeAction.UPDATE,
                            ResourceKind.TARGET_GROUP,
                            name,
                            arn,
                            List.of(new AttributeChange("tags." + MARKER_TAG, marker, null)),
                            reason),
                    () -> run.aws().elb().removeTags(r -> r.resourceArns(arn).tagKeys(MARKER_TAG)));
        }
        return leaving;
    }

    private void attach(String arn, String group) {
        run.aws()
                .autoScaling()
                .attachLoadBalancerTargetGroups(
                        r -> r.autoScalingGroupName(group).targetGroupARNs(arn));
    }

    private void detach(String arn, String group) {
        run.aws()
                .autoScaling()
                .detachLoadBalancerTargetGroups(
                        r -> r.autoScalingGroupName(group).targetGroupARNs(arn));
    }

    private void tag(String arn, String group) {
        run.aws().elb().addTags(r -> r.resourceArns(arn).tags(marker(group)));
    }
}
