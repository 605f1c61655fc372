package io.hpcha;

import java.util.Collection;
import java.util.List;

/**
 * The cloud (or bare-metal) instances behind a cluster's compute nodes, and the power actions a
 * self-healing policy takes on them.
 *
 * <p>Actions take many ids at once and use as few backend calls as the backend allows. An empty
 * collection does nothing. An id the backend does not know is a {@link NotFoundException}.
 * {@link #start} and {@link #stop} are idempotent (starting a running instance does nothing); they
 * return once the backend accepted the request, not when the instance reached its new state.
 * Implementations are thread-safe.
 */
public interface ComputeFleet {
    /** Every instance of the cluster, with its state, status checks and scheduled events. */
    List<FleetInstance> instances();

    /** Starts stopped instances. */
    void start(Collection<String> instanceIds);

    /** Stops instances; {@code force} skips the guest's orderly shutdown. */
    void stop(Collection<String> instanceIds, boolean force);

    /** Reboots running instances. */
    void reboot(Collection<String> instanceIds);
}
