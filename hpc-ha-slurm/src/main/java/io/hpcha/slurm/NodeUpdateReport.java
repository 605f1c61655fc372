package io.hpcha.slurm;

import io.hpcha.NodeId;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a node update that Slurm rejected in part left behind, read back from Slurm after the error.
 * Slurm's batch updates are not atomic: it applies a request node by node and stops at an unknown
 * name, and it applies a state change to the nodes that allow it while reporting the others.
 *
 * @param operation        what was requested ({@code "drain"}, {@code "resume"}, {@code "down"})
 * @param inRequestedState requested nodes that are now in the requested state (changed by this call or already so)
 * @param notInRequestedState requested nodes that Slurm knows and did not change
 * @param unknown          requested nodes that Slurm does not know
 * @param slurmErrors      Slurm's own error texts, one per failed command
 */
public record NodeUpdateReport(String operation, Set<NodeId> inRequestedState, Set<NodeId> notInRequestedState,
                               Set<NodeId> unknown, List<String> slurmErrors) {
    public NodeUpdateReport {
        Objects.requireNonNull(operation, "operation");
        inRequestedState = Set.copyOf(inRequestedState);
        notInRequestedState = Set.copyOf(notInRequestedState);
        unknown = Set.copyOf(unknown);
        slurmErrors = List.copyOf(slurmErrors);
    }

    /** One line for messages and logs, node names sorted. */
    public String summary() {
        return operation + ": in requested state " + new TreeSet<>(inRequestedState)
                + ", unchanged " + new TreeSet<>(notInRequestedState)
                + ", unknown to Slurm " + new TreeSet<>(unknown)
                + "; Slurm said " + slurmErrors;
    }
}
