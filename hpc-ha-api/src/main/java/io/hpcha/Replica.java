package io.hpcha;

import java.util.Objects;
import java.util.Optional;

/**
 * One copy of a {@link ReplicatedVolume}'s data as seen from the observing node.
 *
 * @param name        the replica's node, peer or target name
 * @param connection  {@link ConnectionState#LOCAL} for the observing node's own replica
 * @param role        primary, secondary or unknown
 * @param disk        the state of its data
 * @param replication replication between the observer and this replica ({@link ReplicationState#OFF} for the local one)
 * @param sync        progress of a running resync with this replica, if any
 */
public record Replica(String name, ConnectionState connection, ReplicaRole role, DiskState disk,
                      ReplicationState replication, Optional<SyncProgress> sync) {
    public Replica {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(replication, "replication");
        Objects.requireNonNull(sync, "sync");
        if (name.isBlank()) {
            throw new IllegalArgumentException("replica name is blank");
        }
    }

    /** Whether this is the observing node's own replica. */
    public boolean isLocal() {
        return connection == ConnectionState.LOCAL;
    }
}
