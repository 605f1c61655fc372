package io.hpcha.drbd.internal;

import io.hpcha.ConnectionState;
import io.hpcha.DiskState;
import io.hpcha.Replica;
import io.hpcha.ReplicaRole;
import io.hpcha.ReplicationState;
import io.hpcha.SyncProgress;
import io.hpcha.VolumeStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Maps one read of a DRBD resource to the API's {@link VolumeStatus}. A resource with several
 * volumes is one replicated volume to the API, so each replica shows its worst volume: the lowest
 * disk state, a running resync before an idle one. Stateless.
 */
public final class VolumeStatusMapper {
    /** Disk states from worst to best, for "the worst volume wins". */
    private static final List<DiskState> WORST_FIRST = List.of(DiskState.FAILED, DiskState.DISKLESS,
            DiskState.DETACHING, DiskState.ATTACHING, DiskState.NEGOTIATING, DiskState.INCONSISTENT,
            DiskState.OUTDATED, DiskState.UNKNOWN, DiskState.CONSISTENT, DiskState.UP_TO_DATE);

    private VolumeStatusMapper() {
    }

    /**
     * The status of {@code r} as seen from the local node.
     *
     * @param localName       the name the local replica gets
     * @param splitBrainPeers peers a split brain is known with (by name)
     * @param raw             the text it was parsed from
     */
    public static VolumeStatus map(DrbdResource r, String localName, Collection<String> splitBrainPeers, String raw) {
        List<Replica> replicas = new ArrayList<>();
        DiskState localDisk = r.devices().stream().map(DrbdDevice::disk).min(worstFirst()).orElse(DiskState.DISKLESS);
        replicas.add(new Replica(localName, ConnectionState.LOCAL, r.role(), localDisk, ReplicationState.OFF, Optional.empty()));
        for (DrbdPeer p : r.peers()) {
            if (p.name().equals(localName)) {
                continue; // a peer cannot share the local replica's name; keep the local one
            }
            DiskState disk = p.devices().stream().map(DrbdPeerDevice::disk).min(worstFirst()).orElse(DiskState.UNKNOWN);
            ReplicationState replication = p.devices().stream().map(DrbdPeerDevice::replication)
                    .filter(ReplicationState::isSyncing).findFirst()
                    .orElseGet(() -> p.devices().isEmpty() ? ReplicationState.OFF : p.devices().get(0).replication());
            Optional<SyncProgress> sync = p.devices().stream().map(DrbdPeerDevice::sync)
                    .flatMap(Optional::stream).min(Comparator.comparingDouble(SyncProgress::percentDone));
            replicas.add(new Replica(p.name(), p.connection(), p.role(), disk, replication, sync));
        }
        boolean quorum = r.devices().stream().allMatch(DrbdDevice::quorum);
        boolean splitBrain = !splitBrainPeers.isEmpty();
        VolumeStatus provisional = new VolumeStatus(r.name(), replicas, quorum, false, r.suspended(), splitBrain, raw);
        boolean mayPromote = r.mayPromote().orElseGet(() -> derivedMayPromote(provisional));
        // DRBD's own may_promote never overrides missing data: promotion without it loses writes.
        mayPromote = mayPromote && provisional.hasUpToDateData();
        return new VolumeStatus(r.name(), replicas, quorum, mayPromote, r.suspended(), splitBrain, raw);
    }

    /** Where DRBD does not say (status --json, 8.4): secondary, UpToDate data reachable, quorum, no other primary. */
    private static boolean derivedMayPromote(VolumeStatus s) {
        Replica local = s.local().orElseThrow();
        return local.role() == ReplicaRole.SECONDARY && s.hasUpToDateData() && s.quorum() && !s.suspended()
                && s.peers().stream().noneMatch(p -> p.role() == ReplicaRole.PRIMARY);
    }

    private static Comparator<DiskState> worstFirst() {
        return Comparator.comparingInt(WORST_FIRST::indexOf);
    }
}
