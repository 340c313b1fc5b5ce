package io.github.httpssetup.core;

import java.util.Objects;

/**
 * One attribute of a resource, before and after a change. {@code before} is {@code null} for an attribute
 * of a resource being created, {@code after} for one being deleted; {@link #KNOWN_AFTER_APPLY} stands for
 * values AWS assigns.
 *
 * @param attribute the attribute, e.g. {@code healthCheck.path}
 * @param before    the value AWS has now, or {@code null}
 * @param after     the value the description asks for, or {@code null}
 */
public record AttributeChange(String attribute, String before, String after) {

    /** Placeholder for a value only AWS can tell, such as an ARN of a resource not created yet. */
    public static final String KNOWN_AFTER_APPLY = "(known after apply)";

    public AttributeChange {
        Objects.requireNonNull(attribute, "attribute");
    }

    /** Whether before and after differ. */
    public boolean changed() {
        return !Objects.equals(before, after);
    }
}
