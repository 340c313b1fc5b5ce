package io.github.httpssetup.core;

/** What a {@link Change} does to its resource. */
public enum ChangeAction {
    /** The resource does not exist and will be created. */
    CREATE("+"),
    /** The resource exists and some attributes are changed in place. */
    UPDATE("~"),
    /** The resource is re-created (new first, then the old one is deleted). */
    REPLACE("-/+"),
    /** The resource is deleted. */
    DELETE("-"),
    /** The resource already matches the description. */
    UNCHANGED(" "),
    /** A resource with the expected name exists but the stack does not own it; set {@code adopt} to take it over. */
    CONFLICT("!");

    private final String symbol;

    ChangeAction(String symbol) {
        this.symbol = symbol;
    }

    /** The symbol of the plan rendering ({@code +}, {@code ~}, {@code -/+}, {@code -}, {@code !}). */
    public String symbol() {
        return symbol;
    }

    /** Whether applying this change calls AWS to write. */
    public boolean writes() {
        return this != UNCHANGED && this != CONFLICT;
    }
}
