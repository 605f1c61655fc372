package io.hpcha.slurm;

import io.hpcha.ConfigurationException;
import io.hpcha.spi.ProviderConfig;
import io.hpcha.spi.ProviderContext;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** The configuration keys the Slurm providers share, read into builders. Stateless. */
final class ProviderSettings {
    /** Keys of a scheduler section ({@code slurm}, {@code slurm-nodes}, {@code slurm-controllers}). */
    static final Set<String> SCHEDULER_KEYS = Set.of("binDir", "slurmConf", "commandTimeout", "maxNodesPerUpdate",
            "nodeSource", "markDownDespiteReturnToService2", "checkNodesExistFirst", "name");

    private ProviderSettings() {
    }

    /** A scheduler from {@code binDir}, {@code slurmConf}, {@code commandTimeout}, … */
    static SlurmScheduler scheduler(ProviderContext context) {
        ProviderConfig c = context.config().requireOnly(SCHEDULER_KEYS);
        SlurmScheduler.Builder b = SlurmScheduler.builder().runner(context.runner());
        c.optionalString("binDir").ifPresent(d -> b.binDir(Path.of(d)));
        c.optionalString("slurmConf").ifPresent(f -> b.slurmConf(Path.of(f)));
        b.commandTimeout(c.duration("commandTimeout", SlurmScheduler.DEFAULT_COMMAND_TIMEOUT));
        b.maxNodesPerUpdate(c.integer("maxNodesPerUpdate", 1000));
        b.markDownDespiteReturnToService2(c.bool("markDownDespiteReturnToService2", false));
        b.checkNodesExistFirst(c.bool("checkNodesExistFirst", true));
        c.optionalString("nodeSource").ifPresent(s -> b.nodeSource(nodeSource(c, s)));
        return b.build();
    }

    private static NodeSource nodeSource(ProviderConfig c, String text) {
        try {
            return NodeSource.valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            String key = c.path().isEmpty() ? "nodeSource" : c.path() + ".nodeSource";
            throw new ConfigurationException(key + ": expected one of " + java.util.Arrays.toString(NodeSource.values())
                    + ", found '" + text + "'");
        }
    }
}
