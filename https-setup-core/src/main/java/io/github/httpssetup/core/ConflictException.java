package io.github.httpssetup.core;

import java.util.List;
import java.util.stream.Collectors;

/** Apply refused: resources with the expected names exist that the stack does not own. Nothing was changed. */
public final class ConflictException extends HttpsSetupException {
    private static final long serialVersionUID = 1L;

    private final transient List<Change> conflicts;

    public ConflictException(List<Change> conflicts) {
        super(
                ErrorCode.CONFLICT,
                "Apply refused, nothing was changed: " + conflicts.size()
                        + (conflicts.size() == 1 ? " resource exists" : " resources exist")
                        + " that the stack does not own:"
                        + conflicts.stream().map(c -> "\n  " + c).collect(Collectors.joining())
                        + "\nSet adopt: true to take them over (they will be tagged and changed to match), or remove or rename them.");
        this.conflicts = List.copyOf(conflicts);
    }

    public List<Change> conflicts() {
        return conflicts;
    }
}
