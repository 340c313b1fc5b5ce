package io.github.httpssetup.core;

import java.util.List;
import java.util.Objects;

/**
 * One step of a {@link Plan}, or one thing {@code apply}/{@code destroy} did.
 *
 * @param action     create, update, replace, delete, unchanged or conflict
 * @param kind       the kind of resource
 * @param name       the resource's name (or the record name, the rule), as a person would recognise it
 * @param id         its AWS id or ARN when known, else {@code null}
 * @param attributes the attributes that differ (all of them for a create), before → after
 * @param reason     why, in a few words (e.g. {@code health check path changed}); empty when obvious
 */
public record Change(
        ChangeAction action,
        ResourceKind kind,
        String name,
        String id,
        List<AttributeChange> attributes,
        String reason) {

    public Change {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        attributes = List.copyOf(attributes);
        reason = reason == null ? "" : reason;
    }

    /** A change with no attribute details. */
    public static Change of(ChangeAction action, ResourceKind kind, String name, String id, String reason) {
        return new Change(action, kind, name, id, List.of(), reason);
    }

    /** {@code + target group shop-tg-1a2b3c (reason)}. */
    @Override
    public String toString() {
        return action.symbol() + " " + kind.label() + " " + name + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
}
