package io.hpcha;

import java.util.Collection;
import java.util.List;

/**
 * A batch scheduler's control plane as an HA policy needs it: the state of its compute nodes and
 * controllers, and the few writes a policy makes (take nodes out of and back into service, make the
 * backup controller primary).
 *
 * <p>Writes take a collection of nodes and act on all of them in as few backend calls as the backend
 * allows. An empty collection does nothing. {@link #drain}, {@link #resume} and {@link #markDown}
 * are idempotent. A node name the scheduler does not know is a {@link NotFoundException}.
 * Implementations are thread-safe.
 */
public interface Scheduler {
    /**
     * Every node the scheduler knows, with its state.
     *
     * @throws BackendUnavailableException when the controller cannot be reached: never an empty list
     */
    List<SchedulerNode> nodes();

    /** Every configured controller, primary first, with whether it answers. */
    List<ControllerStatus> controllers();

    /** Lets running jobs finish but schedules no new ones on {@code nodes}. {@code reason} is required. */
    void drain(Collection<NodeId> nodes, String reason);

    /** Returns drained or down nodes to service. */
    void resume(Collection<NodeId> nodes);

    /** Takes {@code nodes} out of service at once, failing their jobs. {@code reason} is required. */
    void markDown(Collection<NodeId> nodes, String reason);

    /** Makes the backup controller primary (on this host's behalf). */
    void takeover();
}
