package io.hpcha.slurm;

import io.hpcha.ConfigurationException;
import io.hpcha.ControllerStatus;
import io.hpcha.Health;
import io.hpcha.HealthProbe;
import io.hpcha.ProbeResult;
import io.hpcha.Scheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One {@link ProbeResult} per configured controller, subject its host name: HEALTHY when it answers
 * {@code scontrol ping}, UNHEALTHY when it does not. After a takeover Slurm shows the configured
 * primary DOWN and the backup UP; a standby backup answers and is HEALTHY. When the command itself
 * cannot run (it timed out) the probe throws {@link io.hpcha.BackendUnavailableException}.
 *
 * <p>Thread-safe; a probe only reads.
 */
public final class SlurmControllerProbe implements HealthProbe {
    /** The provider and default probe name. */
    public static final String NAME = "slurm-controllers";

    private final Scheduler scheduler;
    private final Clock clock;
    private final String name;

    private SlurmControllerProbe(Builder b) {
        if (b.scheduler == null) {
            throw new ConfigurationException("SlurmControllerProbe needs a Scheduler");
        }
        this.scheduler = b.scheduler;
        this.clock = b.clock;
        this.name = b.name;
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
        return scheduler.controllers().stream().map(c -> result(c, now)).toList();
    }

    private ProbeResult result(ControllerStatus c, Instant now) {
        String detail = c.role().name().toLowerCase(Locale.ROOT) + " #" + c.index() + " at " + c.host()
                + (c.responding() ? " is UP" : " is DOWN");
        return new ProbeResult(name, c.host(), c.responding() ? Health.HEALTHY : Health.UNHEALTHY, detail, now);
    }

    /** Builds a {@link SlurmControllerProbe}. Not thread-safe. */
    public static final class Builder {
        private Scheduler scheduler;
        private Clock clock = Clock.systemUTC();
        private String name = NAME;

        private Builder() {
        }

        /** Where the controller states come from, usually a {@link SlurmScheduler}; required. */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
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

        public SlurmControllerProbe build() {
            return new SlurmControllerProbe(this);
        }
    }
}
