package io.hpcha.testkit;

import io.hpcha.ConnectionState;
import io.hpcha.DiskState;
import io.hpcha.OperationRefusedException;
import io.hpcha.PromoteOptions;
import io.hpcha.Replica;
import io.hpcha.ReplicaRole;
import io.hpcha.ReplicatedVolume;
import io.hpcha.ReplicationState;
import io.hpcha.VolumeStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-memory two-node {@link ReplicatedVolume} in the manner of a DRBD resource: a local replica and
 * one peer, each with a role and a disk state, and the connection to the peer.
 *
 * <ul>
 *   <li>{@link #promote} refuses ({@link OperationRefusedException}, DRBD's codes) when the connected peer is
 *       primary ({@code -1}, two primaries), when no UpToDate data is reachable ({@code -2}) or without
 *       quorum, unless forced; a forced promotion makes the local data UpToDate, as {@code --force} does.
 *       Promoting a primary does nothing.</li>
 *   <li>{@link #demote} does nothing on a secondary; while the device is {@linkplain #heldOpen(boolean) held
 *       open} it is refused ({@code -12}, retryable).</li>
 *   <li>A peer that is not connected is reported with role UNKNOWN and disk UNKNOWN, as DRBD does.</li>
 * </ul>
 *
 * <p>New volumes start with both replicas secondary, UpToDate and connected. Every SPI method first
 * passes through {@link #faults()}; accepted promotions and demotions are kept in {@link #writes()}.
 * Thread-safe.
 */
public final class FakeReplicatedVolume implements ReplicatedVolume, FaultInjectable {
    private final String name;
    private final String localName;
    private final String peerName;
    private final Clock clock;
    private final FaultInjector faults;
    private final List<RecordedWrite> writes = new ArrayList<>(); // guarded by this
    private ReplicaRole localRole = ReplicaRole.SECONDARY;       // guarded by this (and the rest)
    private DiskState localDisk = DiskState.UP_TO_DATE;
    private ReplicaRole peerRole = ReplicaRole.SECONDARY;
    private DiskState peerDisk = DiskState.UP_TO_DATE;
    private ConnectionState connection = ConnectionState.CONNECTED;
    private boolean quorum = true;
    private boolean splitBrain;
    private boolean heldOpen;

    /** Volume {@code name} replicated between {@code localName} (this node) and {@code peerName}. */
    public FakeReplicatedVolume(String name, String localName, String peerName, Clock clock) {
        this.name = requireText(name, "name");
        this.localName = requireText(localName, "localName");
        this.peerName = requireText(peerName, "peerName");
        if (localName.equals(peerName)) {
            throw new IllegalArgumentException("local and peer replica share the name " + localName);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.faults = FaultInjector.forClock(clock);
    }

    @Override
    public FaultInjector faults() {
        return faults;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public VolumeStatus status() {
        faults.beforeCall("status");
        synchronized (this) {
            return snapshot();
        }
    }

    @Override
    public void promote(PromoteOptions options) {
        faults.beforeCall("promote");
        Objects.requireNonNull(options, "options");
        synchronized (this) {
            if (localRole == ReplicaRole.PRIMARY) {
                return;
            }
            VolumeStatus now = snapshot();
            if (peerConnected() && peerRole == ReplicaRole.PRIMARY) {
                throw new OperationRefusedException("-1", "State change failed: (-1) Multiple primaries not allowed by config");
            }
            if (!now.hasUpToDateData() && (!options.force() || localDisk == DiskState.DISKLESS)) {
                throw new OperationRefusedException("-2", "State change failed: (-2) Need access to UpToDate data");
            }
            if (!quorum && !options.force()) {
                throw new OperationRefusedException("-23", "State change failed: (-23) No quorum");
            }
            if (options.force() && !localDisk.isUpToDate() && localDisk != DiskState.DISKLESS) {
                localDisk = DiskState.UP_TO_DATE;
            }
            localRole = ReplicaRole.PRIMARY;
            writes.add(new RecordedWrite(clock.instant(), "promote", List.of(localName),
                    options.force() ? "force: " + options.reason() : ""));
        }
    }

    @Override
    public void demote() {
        faults.beforeCall("demote");
        synchronized (this) {
            if (localRole != ReplicaRole.PRIMARY) {
                return;
            }
            if (heldOpen) {
                throw new OperationRefusedException("-12", "State change failed: (-12) Device is held open by someone",
                        true, null);
            }
            localRole = ReplicaRole.SECONDARY;
            writes.add(new RecordedWrite(clock.instant(), "demote", List.of(localName), ""));
        }
    }

    // ---- test helpers ----

    /** Sets the local replica's role and disk. */
    public synchronized FakeReplicatedVolume setLocal(ReplicaRole role, DiskState disk) {
        this.localRole = Objects.requireNonNull(role, "role");
        this.localDisk = Objects.requireNonNull(disk, "disk");
        return this;
    }

    /** Sets the peer's own role and disk and the connection to it. */
    public synchronized FakeReplicatedVolume setPeer(ReplicaRole role, DiskState disk, ConnectionState connection) {
        if (connection == ConnectionState.LOCAL) {
            throw new IllegalArgumentException("the peer is not local");
        }
        this.peerRole = Objects.requireNonNull(role, "role");
        this.peerDisk = Objects.requireNonNull(disk, "disk");
        this.connection = Objects.requireNonNull(connection, "connection");
        return this;
    }

    /** Sets whether the local node has quorum. */
    public synchronized FakeReplicatedVolume quorum(boolean quorum) {
        this.quorum = quorum;
        return this;
    }

    /** Sets whether diverged data was detected. */
    public synchronized FakeReplicatedVolume splitBrain(boolean splitBrain) {
        this.splitBrain = splitBrain;
        return this;
    }

    /** Sets whether something holds the device open, which blocks a demotion. */
    public synchronized FakeReplicatedVolume heldOpen(boolean heldOpen) {
        this.heldOpen = heldOpen;
        return this;
    }

    /** Every accepted promotion and demotion, oldest first. */
    public synchronized List<RecordedWrite> writes() {
        return List.copyOf(writes);
    }

    // ---- internals ----

    private boolean peerConnected() {
        return connection == ConnectionState.CONNECTED;
    }

    private VolumeStatus snapshot() {
        boolean connected = peerConnected();
        Replica local = new Replica(localName, ConnectionState.LOCAL, localRole, localDisk, ReplicationState.OFF,
                Optional.empty());
        Replica peer = new Replica(peerName, connection, connected ? peerRole : ReplicaRole.UNKNOWN,
                connected ? peerDisk : DiskState.UNKNOWN,
                connected ? ReplicationState.ESTABLISHED : ReplicationState.OFF, Optional.empty());
        List<Replica> replicas = List.of(local, peer);
        boolean upToDate = localDisk.isUpToDate() || (connected && peerDisk.isUpToDate());
        boolean otherPrimary = connected && peerRole == ReplicaRole.PRIMARY;
        boolean mayPromote = localRole != ReplicaRole.PRIMARY && upToDate && quorum && !otherPrimary;
        String raw = name + " role:" + localRole + " disk:" + localDisk + " peer " + peerName + " connection:"
                + connection + " role:" + peerRole + " disk:" + peerDisk;
        return new VolumeStatus(name, replicas, quorum, mayPromote, false, splitBrain, raw);
    }

    private static String requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " is blank");
        }
        return value;
    }
}
