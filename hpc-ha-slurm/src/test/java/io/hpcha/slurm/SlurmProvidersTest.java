package io.hpcha.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.ConfigurationException;
import io.hpcha.HealthProbe;
import io.hpcha.Scheduler;
import io.hpcha.spi.ProviderConfig;
import io.hpcha.spi.ProviderContext;
import io.hpcha.spi.Providers;
import io.hpcha.testkit.ManualClock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The four providers are found by name through ServiceLoader and read their keys. */
class SlurmProvidersTest {
    private final ScriptedRunner runner = new ScriptedRunner();
    private final ManualClock clock = new ManualClock();

    private ProviderContext context(Map<String, ?> values) {
        return new ProviderContext(ProviderConfig.of("scheduler", values), runner, clock, clock);
    }

    @Test
    void schedulerProviderBuildsAConfiguredSlurmScheduler() {
        runner.on("/opt/slurm/bin/scontrol show node -o", Fixture.load("slurm-22.05/scontrol-show-node-o.txt"));
        Scheduler s = Providers.create(Scheduler.class, "slurm", context(Map.of("binDir", "/opt/slurm/bin",
                "slurmConf", "/etc/x/slurm.conf", "commandTimeout", "200s", "nodeSource", "scontrol_text")));
        assertThat(s).isInstanceOf(SlurmScheduler.class);
        assertThat(s.nodes()).hasSize(3);
        assertThat(runner.commands().get(0).environment()).containsEntry("SLURM_CONF", "/etc/x/slurm.conf");
        assertThat(runner.commands().get(0).timeout()).hasSeconds(200);
    }

    @Test
    void theNodeCheckBeforeWritesIsOnUnlessTurnedOff() {
        runner.on("scontrol show node -o", Fixture.load("slurm-22.05/scontrol-show-node-o.txt")).on("scontrol update", 0, "");
        Scheduler checking = Providers.create(Scheduler.class, "slurm", context(Map.of("nodeSource", "scontrol_text")));
        checking.drain(java.util.List.of(io.hpcha.NodeId.of("n1")), "r");
        assertThat(runner.lines()).containsExactly("scontrol show node -o", "scontrol update nodename=n1 state=DRAIN reason=r");

        ScriptedRunner other = new ScriptedRunner().on("scontrol update", 0, "");
        Scheduler unchecked = Providers.create(Scheduler.class, "slurm", new ProviderContext(ProviderConfig.of("scheduler",
                Map.of("checkNodesExistFirst", false)), other, clock, clock));
        unchecked.drain(java.util.List.of(io.hpcha.NodeId.of("n1")), "r");
        assertThat(other.lines()).containsExactly("scontrol update nodename=n1 state=DRAIN reason=r");
    }

    @Test
    void probeProviders() {
        assertThat(Providers.create(HealthProbe.class, "slurm-nodes", context(Map.of())).name()).isEqualTo("slurm-nodes");
        assertThat(Providers.create(HealthProbe.class, "slurm-controllers", context(Map.of("name", "ctl"))).name()).isEqualTo("ctl");
        HealthProbe canary = Providers.create(HealthProbe.class, "slurm-canary",
                context(Map.of("partition", "debug", "deadline", "20s")));
        assertThat(canary).isInstanceOf(SlurmCanaryJobProbe.class);
        assertThat(canary.name()).isEqualTo("slurm-canary");
    }

    @Test
    void typosAndBadValuesAreConfigurationErrors() {
        assertThatThrownBy(() -> Providers.create(Scheduler.class, "slurm", context(Map.of("bindir", "/x"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("scheduler.bindir");
        assertThatThrownBy(() -> Providers.create(Scheduler.class, "slurm", context(Map.of("nodeSource", "xml"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("scheduler.nodeSource");
        assertThatThrownBy(() -> Providers.create(HealthProbe.class, "slurm-canary", context(Map.of("partition", "a b"))))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> Providers.create(Scheduler.class, "slurm", context(Map.of("maxNodesPerUpdate", 0))))
                .isInstanceOf(ConfigurationException.class);
    }
}
