package io.hpcha;

/**
 * A volume whose data is replicated between nodes and which one node at a time may use as primary:
 * a DRBD resource, a BeeGFS buddy-mirror group.
 *
 * <p>A wrong promotion (two primaries, or a primary on stale data) is the worst thing an HA
 * library can do, so {@link #promote} refuses unless up-to-date data is available, and says why.
 * Implementations are thread-safe; {@link #promote} and {@link #demote} are idempotent.
 */
public interface ReplicatedVolume {
    /** The volume's name in the backend ({@code "r0"}, {@code "storage-group-1"}). */
    String name();

    /** The current state, read from the backend on every call. */
    VolumeStatus status();

    /**
     * Makes the local replica primary. Does nothing if it already is.
     *
     * @throws OperationRefusedException when neither the local replica nor a connected peer has
     *                                   up-to-date data and {@code options} does not force it, or when
     *                                   the backend refuses (another primary, no quorum)
     */
    void promote(PromoteOptions options);

    /** Makes the local replica secondary. Does nothing if it already is. */
    void demote();
}
