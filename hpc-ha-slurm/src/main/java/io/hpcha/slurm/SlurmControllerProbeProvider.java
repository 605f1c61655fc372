package io.hpcha.slurm;

import io.hpcha.HealthProbe;
import io.hpcha.spi.Provider;
import io.hpcha.spi.ProviderContext;

/**
 * Provider {@code "slurm-controllers"} of {@link HealthProbe}: a {@link SlurmControllerProbe} over a
 * {@link SlurmScheduler} built from the same keys as provider {@code "slurm"}, plus {@code name}.
 * Stateless.
 */
public final class SlurmControllerProbeProvider implements Provider<HealthProbe> {
    @Override
    public String name() {
        return SlurmControllerProbe.NAME;
    }

    @Override
    public Class<HealthProbe> type() {
        return HealthProbe.class;
    }

    @Override
    public HealthProbe create(ProviderContext context) {
        return SlurmControllerProbe.builder()
                .scheduler(ProviderSettings.scheduler(context))
                .clock(context.clock())
                .name(context.config().string("name", SlurmControllerProbe.NAME))
                .build();
    }
}
