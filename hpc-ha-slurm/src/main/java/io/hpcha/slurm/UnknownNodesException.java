package io.hpcha.slurm;

import io.hpcha.NotFoundException;
import java.util.Objects;

/**
 * Some requested nodes do not exist in Slurm. {@link SlurmScheduler} normally finds them in the node
 * list before it sends the update, and then nothing changed. Found only by Slurm itself ({@code Invalid
 * node name specified}: the check was turned off, or the node was removed meanwhile), the update may
 * have been applied to the nodes named before the unknown one; {@link #report()} says which, as read
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
