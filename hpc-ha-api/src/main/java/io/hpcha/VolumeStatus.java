package io.hpcha;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A snapshot of a {@link ReplicatedVolume}'s state: every replica the observer knows of, and the
 * volume-wide conditions that decide whether promotion is safe.
 *
 * @param volume     the volume's name
 * @param replicas   the local replica (if the observer has one) first, then its peers; names unique
 * @param quorum     whether the local node has quorum (true where the backend has no quorum concept)
 * @param mayPromote the backend's own answer to "may the local replica be promoted now" where it gives
 *                   one (DRBD 9's {@code may_promote}), otherwise derived from the replicas
 * @param suspended  whether I/O is suspended
 * @param splitBrain whether the backend detected diverged data between replicas
 * @param raw        the backend text the snapshot was parsed from, for diagnostics (bounded)
 */
public record VolumeStatus(String volume, List<Replica> replicas, boolean quorum, boolean mayPromote,
                           boolean suspended, boolean splitBrain, String raw) {
    public VolumeStatus {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(raw, "raw");
        replicas = List.copyOf(replicas);
        Set<String> names = new HashSet<>();
        long locals = 0;
        for (Replica r : replicas) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("duplicate replica '" + r.name() + "' in volume " + volume);
            }
            if (r.isLocal()) {
                locals++;
            }
        }
        if (locals > 1) {
            throw new IllegalArgumentException("more than one local replica in volume " + volume);
        }
    }

    /** The observing node's own replica, if it has one. */
    public Optional<Replica> local() {
        return replicas.stream().filter(Replica::isLocal).findFirst();
    }

    /** The other replicas. */
    public List<Replica> peers() {
        return replicas.stream().filter(r -> !r.isLocal()).toList();
    }

    /** Whether any replica is primary. */
    public Optional<Replica> primary() {
        return replicas.stream().filter(r -> r.role() == ReplicaRole.PRIMARY).findFirst();
    }

    /**
     * Whether up-to-date data is reachable from the local node: its own disk is UpToDate, or a
     * connected peer's is. Promotion without it loses writes.
     */
    public boolean hasUpToDateData() {
        return replicas.stream().anyMatch(r -> r.disk().isUpToDate()
                && (r.isLocal() || r.connection() == ConnectionState.CONNECTED));
    }

    /** Whether a resync is running with any peer. */
    public boolean isSyncing() {
        return replicas.stream().anyMatch(r -> r.replication().isSyncing());
    }
}
