package io.hpcha.slurm;

import io.hpcha.NotFoundException;
import java.util.Objects;

/**
 * Some requested nodes do not exist in Slurm ({@code Invalid node name specified}). Slurm may still
 * have applied the update to nodes named before the unknown one; {@link #report()} says which, as read
 * back from Slurm. Not retryable.
 */
public final class UnknownNodesException extends NotFoundException {
    private static final long serialVersionUID = 1L;

    private final transient NodeUpdateReport report;

    public UnknownNodesException(NodeUpdateReport report) {
        super("Slurm does not know " + new java.util.TreeSet<>(report.unknown()) + ": " + report.summary());
        this.report = Objects.requireNonNull(report, "report");
    }

    /** Which nodes are unknown, and which of the others are in the requested state now. */
    public NodeUpdateReport report() {
        return report;
    }
}
