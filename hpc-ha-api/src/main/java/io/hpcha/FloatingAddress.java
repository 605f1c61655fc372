package io.hpcha;

import java.util.Optional;

/**
 * An address that clients use to reach a service and that moves between nodes: an EC2 secondary
 * private IP, an overlay IP routed through VPC route tables, a virtual IP on a Linux interface.
 *
 * <p>Implementations are thread-safe. Two callers moving the same address at once race; the last
 * verified move wins. Callers that must not race hold a {@link Lease} first.
 */
public interface FloatingAddress {
    /** The address itself, for example {@code "10.0.0.100"}. */
    String address();

    /**
     * Which node holds the address now, read from the source of truth on every call (never cached).
     * Empty when nobody holds it.
     *
     * @throws UnexpectedOutputException when the source of truth is inconsistent (route tables that
     *                                   disagree, a blackhole route): reported, never hidden
     */
    Optional<NodeId> holder();

    /**
     * Moves the address to {@code node}. Idempotent: when the node already holds it nothing is
     * written. Returns only once the move is verified from the source of truth.
     *
     * @throws NotFoundException            when {@code node} is not one this address can move to
     * @throws BackendUnavailableException  when the move could not be made or verified in time
     */
    void assignTo(NodeId node);
}
