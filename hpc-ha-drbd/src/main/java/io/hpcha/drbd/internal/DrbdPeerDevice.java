package io.hpcha.drbd.internal;

import io.hpcha.DiskState;
import io.hpcha.ReplicationState;
import io.hpcha.SyncProgress;
import java.util.Objects;
import java.util.Optional;

/**
 * One volume as replicated to one peer.
 *
 * @param volume       the volume number
 * @param replication  the replication state with this peer
 * @param disk         the peer's disk state
 * @param client       whether the peer is intentionally diskless (a tiebreaker or client)
 * @param sync         progress of a running resync, when DRBD reports one
 * @param outOfSyncKib how much DRBD knows differs from the peer, in KiB; an unsigned 64-bit counter
 */
public record DrbdPeerDevice(int volume, ReplicationState replication, DiskState disk, boolean client,
                             Optional<SyncProgress> sync, long outOfSyncKib) {
    public DrbdPeerDevice {
        Objects.requireNonNull(replication, "replication");
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(sync, "sync");
    }
}
