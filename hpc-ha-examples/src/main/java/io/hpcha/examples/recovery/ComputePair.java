package io.hpcha.examples.recovery;

import io.hpcha.NodeId;
import java.util.Objects;
import java.util.Optional;

/**
 * A compute node and the cold standby that takes over when it fails. Immutable.
 *
 * @param label           the name operators know it by, used in the log ({@code "Compute-1"})
 * @param primary         the Slurm node that normally runs
 * @param standby         the Slurm node of the standby instance
 * @param primaryInstance the primary's EC2 instance id; when empty, the instance whose node-name tag is {@code primary}
 * @param standbyInstance the standby's EC2 instance id; when empty, the instance whose node-name tag is {@code standby}
 */
public record ComputePair(String label, NodeId primary, NodeId standby, Optional<String> primaryInstance,
                          Optional<String> standbyInstance) {
    public ComputePair {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(standby, "standby");
        Objects.requireNonNull(primaryInstance, "primaryInstance");
        Objects.requireNonNull(standbyInstance, "standbyInstance");
        if (label.isBlank()) {
            throw new IllegalArgumentException("pair label is blank");
        }
        if (primary.equals(standby)) {
            throw new IllegalArgumentException("pair " + label + ": primary and standby are the same node " + primary);
        }
    }

    /** A pair found by node-name tags, labelled with the primary's name. */
    public static ComputePair of(String primary, String standby) {
        return new ComputePair(primary, NodeId.of(primary), NodeId.of(standby), Optional.empty(), Optional.empty());
    }
}
