package io.hpcha.drbd;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.ConnectionState;
import io.hpcha.DiskState;
import io.hpcha.Health;
import io.hpcha.HealthProbe;
import io.hpcha.NotFoundException;
import io.hpcha.ProbeResult;
import io.hpcha.Replica;
import io.hpcha.VolumeStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The health of DRBD resources on the local node, one {@link ProbeResult} per resource (subject =
 * resource name), from {@link DrbdVolume#status()}:
 *
 * <ul>
 *   <li>{@link Health#UNHEALTHY}: the local disk is Diskless or Failed (so do not point this probe at
 *       an intentionally diskless client or tiebreaker), the resource
 *       has no quorum, a peer is StandAlone, a split brain is known, or the resource is not up</li>
 *   <li>{@link Health#DEGRADED}: a peer is not connected, a resync is running, or a disk (local or
 *       peer) is Outdated, Inconsistent or otherwise not UpToDate</li>
 *   <li>{@link Health#HEALTHY}: every peer Connected and every disk UpToDate</li>
 *   <li>{@link Health#UNKNOWN}: DRBD could not be asked (a timeout); never UNHEALTHY for that</li>
 * </ul>
 *
 * <p>Thread-safe; a probe only reads.
 */
public final class DrbdProbe implements HealthProbe {
    /** The default probe name, also its provider name. */
    public static final String NAME = "drbd";

    private final String name;
    private final List<DrbdVolume> volumes;
    private final Clock clock;

    private DrbdProbe(Builder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        if (name.isBlank()) {
            throw new ConfigurationException("DrbdProbe: name is blank");
        }
        if (b.volumes.isEmpty()) {
            throw new ConfigurationException("DrbdProbe: no volume to observe");
        }
        this.volumes = List.copyOf(b.volumes);
        if (volumes.stream().map(DrbdVolume::name).distinct().count() != volumes.size()) {
            throw new ConfigurationException("DrbdProbe: a resource is named twice");
        }
        this.clock = Objects.requireNonNull(b.clock, "clock");
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ProbeResult> probe() {
        List<ProbeResult> results = new ArrayList<>(volumes.size());
        for (DrbdVolume v : volumes) {
            results.add(probe(v));
        }
        return List.copyOf(results);
    }

    private ProbeResult probe(DrbdVolume v) {
        java.time.Instant at = clock.instant();
        try {
            VolumeStatus s = v.status();
            Verdict verdict = judge(s);
            return new ProbeResult(name, v.name(), verdict.health, verdict.detail, at);
        } catch (NotFoundException e) {
            return new ProbeResult(name, v.name(), Health.UNHEALTHY, e.getMessage(), at);
        } catch (BackendUnavailableException e) {
            return new ProbeResult(name, v.name(), Health.UNKNOWN, "DRBD could not be asked: " + e.getMessage(), at);
        }
    }

    /** The health of one status; package-visible for tests. */
    static Verdict judge(VolumeStatus s) {
        List<String> unhealthy = new ArrayList<>();
        List<String> degraded = new ArrayList<>();
        Replica local = s.local().orElse(null);
        if (local == null) {
            unhealthy.add("no local replica");
        } else if (local.disk() == DiskState.FAILED || local.disk() == DiskState.DISKLESS) {
            unhealthy.add("local disk " + local.disk());
        } else if (!local.disk().isUpToDate()) {
            degraded.add("local disk " + local.disk());
        }
        if (!s.quorum()) {
            unhealthy.add("no quorum");
        }
        if (s.splitBrain()) {
            unhealthy.add("split brain");
        }
        if (s.suspended()) {
            degraded.add("I/O suspended");
        }
        for (Replica p : s.peers()) {
            if (p.connection() == ConnectionState.STANDALONE) {
                unhealthy.add(p.name() + " StandAlone");
            } else if (p.connection() != ConnectionState.CONNECTED) {
                degraded.add(p.name() + " " + p.connection());
            } else if (p.replication().isSyncing()) {
                degraded.add(p.name() + " " + p.replication()
                        + p.sync().map(x -> String.format(java.util.Locale.ROOT, " %.1f%%", x.percentDone())).orElse(""));
            } else if (!p.disk().isUpToDate()) {
                degraded.add(p.name() + " disk " + p.disk());
            }
        }
        if (!unhealthy.isEmpty()) {
            unhealthy.addAll(degraded);
            return new Verdict(Health.UNHEALTHY, String.join("; ", unhealthy));
        }
        if (!degraded.isEmpty()) {
            return new Verdict(Health.DEGRADED, String.join("; ", degraded));
        }
        return new Verdict(Health.HEALTHY, (local == null ? "" : local.role() + ", ") + "all disks UpToDate, all peers Connected");
    }

    record Verdict(Health health, String detail) {
    }

    /** Builds a {@link DrbdProbe}. Not thread-safe. */
    public static final class Builder {
        private String name = NAME;
        private final List<DrbdVolume> volumes = new ArrayList<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The probe's name; {@value #NAME} by default. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** A resource to observe; at least one. */
        public Builder volume(DrbdVolume volume) {
            volumes.add(Objects.requireNonNull(volume, "volume"));
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public DrbdProbe build() {
            return new DrbdProbe(this);
        }
    }
}
