package io.hpcha.slurm;

import io.hpcha.HealthProbe;
import io.hpcha.spi.ProviderConfig;
import io.hpcha.spi.Provider;
import io.hpcha.spi.ProviderContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Provider {@code "slurm-canary"} of {@link HealthProbe}: a {@link SlurmCanaryJobProbe}. Keys:
 * {@code binDir}, {@code slurmConf}, {@code partition}, {@code deadline} (default {@code 60s}),
 * {@code pollInterval} (default {@code 1s}), {@code commandTimeout}, {@code name}. Stateless.
 */
public final class SlurmCanaryJobProbeProvider implements Provider<HealthProbe> {
    private static final Set<String> KEYS = Set.of("binDir", "slurmConf", "partition", "deadline", "pollInterval",
            "commandTimeout", "name");

    @Override
    public String name() {
        return SlurmCanaryJobProbe.NAME;
    }

    @Override
    public Class<HealthProbe> type() {
        return HealthProbe.class;
    }

    @Override
    public HealthProbe create(ProviderContext context) {
        ProviderConfig c = context.config().requireOnly(KEYS);
        SlurmCanaryJobProbe.Builder b = SlurmCanaryJobProbe.builder()
                .runner(context.runner())
                .clock(context.clock())
                .sleeper(context.sleeper())
                .deadline(c.duration("deadline", Duration.ofSeconds(60)))
                .pollInterval(c.duration("pollInterval", Duration.ofSeconds(1)))
                .commandTimeout(c.duration("commandTimeout", SlurmScheduler.DEFAULT_COMMAND_TIMEOUT))
                .name(c.string("name", SlurmCanaryJobProbe.NAME));
        c.optionalString("binDir").ifPresent(d -> b.binDir(Path.of(d)));
        c.optionalString("slurmConf").ifPresent(f -> b.slurmConf(Path.of(f)));
        c.optionalString("partition").ifPresent(b::partition);
        return b.build();
    }
}
