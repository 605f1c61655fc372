package io.hpcha;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One compute node as the scheduler sees it.
 *
 * @param name       the node's name in the scheduler
 * @param state      the base state
 * @param flags      the known modifiers
 * @param otherFlags modifiers this version of hpc-ha does not know, kept verbatim rather than dropped
 * @param reason     why it is out of service, if the scheduler recorded a reason
 * @param address    the address the scheduler reaches it at ({@code NodeAddr}), when known
 * @param rawState   the backend's own state text ({@code "idle*"}, {@code "DOWN+DRAIN+NOT_RESPONDING"}), for diagnostics
 */
public record SchedulerNode(NodeId name, NodeState state, Set<NodeFlag> flags, Set<String> otherFlags,
                            Optional<NodeReason> reason, Optional<String> address, String rawState) {
    public SchedulerNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(rawState, "rawState");
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        otherFlags = Set.copyOf(otherFlags);
    }

    /** Whether the node carries {@code flag}. */
    public boolean has(NodeFlag flag) {
        return flags.contains(flag);
    }

    /** Whether the controller hears from the node: not {@code NOT_RESPONDING} and not DOWN. */
    public boolean isResponding() {
        return !has(NodeFlag.NOT_RESPONDING) && state != NodeState.DOWN;
    }

    /** Whether an admin or the scheduler took the node out of service by draining it. */
    public boolean isDrained() {
        return has(NodeFlag.DRAIN) || has(NodeFlag.DRAINED) || has(NodeFlag.DRAINING);
    }

    /** Whether the node can run new jobs now. */
    public boolean isAvailable() {
        return (state == NodeState.IDLE || state == NodeState.MIXED || state == NodeState.ALLOCATED)
                && !isDrained() && !has(NodeFlag.NOT_RESPONDING) && !has(NodeFlag.FAIL)
                && !has(NodeFlag.POWERED_DOWN) && !has(NodeFlag.POWERING_DOWN) && !has(NodeFlag.MAINT);
    }
}
