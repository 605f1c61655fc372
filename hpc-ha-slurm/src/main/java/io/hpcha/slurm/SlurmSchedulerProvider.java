package io.hpcha.slurm;

import io.hpcha.Scheduler;
import io.hpcha.spi.Provider;
import io.hpcha.spi.ProviderContext;

/**
 * Provider {@code "slurm"} of {@link Scheduler}: a {@link SlurmScheduler}. Keys: {@code binDir},
 * {@code slurmConf}, {@code commandTimeout} (for example {@code 150s}), {@code maxNodesPerUpdate},
 * {@code nodeSource} ({@code auto}, {@code sinfo_json}, {@code scontrol_json}, {@code scontrol_text}),
 * {@code markDownDespiteReturnToService2}, {@code checkNodesExistFirst}. Stateless.
 */
public final class SlurmSchedulerProvider implements Provider<Scheduler> {
    @Override
    public String name() {
        return "slurm";
    }

    @Override
    public Class<Scheduler> type() {
        return Scheduler.class;
    }

    @Override
    public Scheduler create(ProviderContext context) {
        return ProviderSettings.scheduler(context);
    }
}
