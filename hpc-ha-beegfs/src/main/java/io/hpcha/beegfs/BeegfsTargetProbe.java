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
import java.util.Objects;

/**
 * One {@link ProbeResult} per storage and metadata target (subjects {@code "storage-target:101"},
 * {@code "meta-target:1"}), from the states the management service keeps:
 * <ul>
 *   <li>UNHEALTHY: reachability Offline (a primary that goes Offline is failed over), or consistency Bad;</li>
 *   <li>DEGRADED: Probably-offline (management lost contact and may mark it Offline soon), or
 *       Needs-resync (its buddy group has only one good copy; "resync running" when BeeGFS says so);</li>
 *   <li>HEALTHY: Online and Good.</li>
 * </ul>
 * When management cannot be asked the probe reports every target it saw before as UNKNOWN, never
 * UNHEALTHY; when it has never seen them it throws {@link BackendUnavailableException}.
 *
 * <p>Thread-safe; a probe only reads.
 */
public final class BeegfsTargetProbe implements HealthProbe {
    /** The provider and default probe name. */
    public static final String NAME = "beegfs-targets";

    private final BeegfsClient client;
    private final Clock clock;
    private final String name;
    private final List<BeegfsNodeType> types;
    private final KnownSubjects known = new KnownSubjects();

    private BeegfsTargetProbe(Builder b) {
        if (b.client == null) {
            throw new ConfigurationException("BeegfsTargetProbe needs a BeegfsClient");
        }
        this.client = b.client;
        this.clock = b.clock;
        this.name = b.name;
        this.types = b.types;
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
        List<TargetState> states = new ArrayList<>();
        try {
            for (BeegfsNodeType type : types) {
                states.addAll(client.targets(type));
            }
        } catch (BackendUnavailableException e) {
            return known.unknown(name, now, "BeeGFS management unreachable, target state unknown", e);
        }
        List<ProbeResult> out = new ArrayList<>(states.size());
        for (TargetState s : states) {
            out.add(new ProbeResult(name, s.subject(), health(s), detail(s), now));
        }
        return known.remember(out);
    }

    /** The health a target's states mean (see the class description). */
    public static Health health(TargetState s) {
        if (s.reachability() == Reachability.OFFLINE || s.consistency() == Consistency.BAD) {
            return Health.UNHEALTHY;
        }
        if (s.reachability() == Reachability.PROBABLY_OFFLINE || s.consistency() == Consistency.NEEDS_RESYNC) {
            return Health.DEGRADED;
        }
        return Health.HEALTHY;
    }

    private static String detail(TargetState s) {
        String reach = switch (s.reachability()) {
            case ONLINE -> "Online";
            case PROBABLY_OFFLINE -> "Probably-offline";
            case OFFLINE -> "Offline";
        };
        String cons = switch (s.consistency()) {
            case GOOD -> "Good";
            case NEEDS_RESYNC -> s.resyncing() ? "Needs-resync (resync running)" : "Needs-resync";
            case BAD -> "Bad";
        };
        return reach + ", " + cons + (s.node().isEmpty() ? "" : " on " + s.node());
    }

    /** Builds a {@link BeegfsTargetProbe}. Not thread-safe. */
    public static final class Builder {
        private BeegfsClient client;
        private Clock clock = Clock.systemUTC();
        private String name = NAME;
        private List<BeegfsNodeType> types = List.of(BeegfsNodeType.META, BeegfsNodeType.STORAGE);

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

        /** Which targets to observe; default metadata and storage. */
        public Builder types(List<BeegfsNodeType> types) {
            if (types.isEmpty() || types.contains(BeegfsNodeType.MANAGEMENT)) {
                throw new ConfigurationException("target types must be META and/or STORAGE: " + types);
            }
            this.types = List.copyOf(types);
            return this;
        }

        public BeegfsTargetProbe build() {
            return new BeegfsTargetProbe(this);
        }
    }
}
