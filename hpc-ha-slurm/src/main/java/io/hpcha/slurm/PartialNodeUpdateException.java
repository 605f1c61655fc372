package io.hpcha.slurm;

import io.hpcha.OperationRefusedException;
import java.util.Objects;

/**
 * Slurm refused a node update for some of the requested nodes (for example an invalid state
 * transition) and may have applied it to the others; {@link #report()} says which are which, as read
 * back from Slurm. Not retryable: repeating the request meets the same refusal.
 */
public final class PartialNodeUpdateException extends OperationRefusedException {
    private static final long serialVersionUID = 1L;

    private final transient NodeUpdateReport report;

    public PartialNodeUpdateException(String code, NodeUpdateReport report) {
        super(code, "Slurm did not apply the update to every node: " + report.summary());
        this.report = Objects.requireNonNull(report, "report");
    }

    /** Which nodes are, and are not, in the requested state now. */
    public NodeUpdateReport report() {
        return report;
    }
}
