package io.hpcha.beegfs;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.Health;
import io.hpcha.HealthProbe;
import io.hpcha.ProbeResult;
import io.hpcha.spi.KnownSubjects;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The BeeGFS services and their space: one {@link ProbeResult} per management, metadata and
 * storage server (subjects {@code "management:1"}, {@code "meta:2"}, {@code "storage:3"}): HEALTHY
 * when it answered a reachability check from this host, UNHEALTHY when it did not; and one per
 * target (subjects {@code "storage-target:101"}, {@code "meta-target:2"}): DEGRADED when its free
 * space is below {@link Builder#lowSpacePercent} of its capacity, otherwise HEALTHY.
 *
 * <p>When management cannot be asked the probe reports every subject it saw before as UNKNOWN; when
 * it has never seen any it throws {@link BackendUnavailableException}.
 *
 * <p>Thread-safe; a probe only reads.
 */
public final class BeegfsNodeProbe implements HealthProbe {
    /** The provider and default probe name. */
    public static final String NAME = "beegfs-nodes";
    /** Default low-space threshold: BeeGFS's own default "low" capacity pool limit is of this order. */
    public static final double DEFAULT_LOW_SPACE_PERCENT = 10.0;

    private static final List<BeegfsNodeType> SERVICES = List.of(BeegfsNodeType.MANAGEMENT, BeegfsNodeType.META,
            BeegfsNodeType.STORAGE);

    private final BeegfsClient client;
    private final Clock clock;
    private final String name;
    private final double lowSpacePercent;
    private final KnownSubjects known = new KnownSubjects();

    private BeegfsNodeProbe(Builder b) {
        if (b.client == null) {
            throw new ConfigurationException("BeegfsNodeProbe needs a BeegfsClient");
        }
        this.client = b.client;
        this.clock = b.clock;
        this.name = b.name;
        this.lowSpacePercent = b.lowSpacePercent;
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
        Instant now = clock.instant();
        List<ProbeResult> out = new ArrayList<>();
        try {
            for (BeegfsNodeType type : SERVICES) {
                for (NodeStatus n : client.nodes(type)) {
                    out.add(new ProbeResult(name, n.subject(), n.reachable() ? Health.HEALTHY : Health.UNHEALTHY,
                            n.name() + (n.reachable() ? " reachable" : " not reachable from this host"), now));
                }
            }
            for (TargetSpace s : client.space()) {
                out.add(new ProbeResult(name, s.subject(), s.freePercent() < lowSpacePercent ? Health.DEGRADED : Health.HEALTHY,
                        String.format(Locale.ROOT, "%.1f%% free (%d of %d bytes; low below %.1f%%)", s.freePercent(),
                                s.freeBytes(), s.totalBytes(), lowSpacePercent), now));
            }
        } catch (BackendUnavailableException e) {
            return known.unknown(name, now, "BeeGFS management unreachable, state unknown", e);
        }
        return known.remember(out);
    }

    /** Builds a {@link BeegfsNodeProbe}. Not thread-safe. */
    public static final class Builder {
        private BeegfsClient client;
        private Clock clock = Clock.systemUTC();
        private String name = NAME;
        private double lowSpacePercent = DEFAULT_LOW_SPACE_PERCENT;

        private Builder() {
        }

        /** Where the states come from; required. */
        public Builder client(BeegfsClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Stamps the results; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The probe's name in results; default {@value #NAME}. */
        public Builder name(String name) {
            if (name == null || name.isBlank()) {
                throw new ConfigurationException("probe name is blank");
            }
            this.name = name;
            return this;
        }

        /** A target with less free space than this percentage of its capacity is DEGRADED; default 10. */
        public Builder lowSpacePercent(double percent) {
            if (!(percent >= 0 && percent <= 100)) {
                throw new ConfigurationException("lowSpacePercent must be within 0-100: " + percent);
            }
            this.lowSpacePercent = percent;
            return this;
        }

        public BeegfsNodeProbe build() {
            return new BeegfsNodeProbe(this);
        }
    }
}
