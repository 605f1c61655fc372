package io.hpcha;

/** The role of one replica of a {@link ReplicatedVolume}. */
public enum ReplicaRole {
    /** Serves I/O; at most one per volume in a single-primary setup. */
    PRIMARY,
    /** Receives replicated writes. */
    SECONDARY,
    /** Not known: the peer is not connected. */
    UNKNOWN
}
