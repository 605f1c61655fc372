package io.hpcha.beegfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.ConfigurationException;
import io.hpcha.HealthProbe;
import io.hpcha.ReplicatedVolume;
import io.hpcha.spi.ProviderConfig;
import io.hpcha.spi.ProviderContext;
import io.hpcha.spi.Providers;
import io.hpcha.testkit.ManualClock;
import io.hpcha.testkit.ScriptedCommandRunner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BeegfsProvidersTest {
    private final ManualClock clock = new ManualClock();
    private final ScriptedCommandRunner runner = new ScriptedCommandRunner(clock);

    private ProviderContext context(Map<String, ?> config) {
        return new ProviderContext(ProviderConfig.of("beegfs", config), runner, clock, clock);
    }

    @Test
    void providersAreFoundByName() {
        assertThat(Providers.find(HealthProbe.class, "beegfs-targets")).isInstanceOf(BeegfsTargetProbeProvider.class);
        assertThat(Providers.find(HealthProbe.class, "beegfs-nodes")).isInstanceOf(BeegfsNodeProbeProvider.class);
        assertThat(Providers.find(ReplicatedVolume.class, "beegfs-mirror-group")).isInstanceOf(BeegfsMirrorGroupProvider.class);
    }

    @Test
    void targetProbeFromConfigUsesTheChosenGeneration() {
        runner.expect("beegfs-ctl", "--listtargets", "--nodetype=meta", "--state", "--longnodes")
                .thenReturn(0, Fixtures.read("beegfs-7/listtargets-meta-good.txt"));
        runner.expect("beegfs-ctl", "--listtargets", "--nodetype=storage", "--state", "--longnodes")
                .thenReturn(0, Fixtures.read("beegfs-7/listtargets-storage-good.txt"));
        HealthProbe p = Providers.create(HealthProbe.class, "beegfs-targets", context(Map.of("cli", "v7", "name", "fs1-targets")));
        assertThat(p.name()).isEqualTo("fs1-targets");
        assertThat(p.probe()).hasSize(6).allMatch(r -> r.observedAt().equals(clock.instant()));
    }

    @Test
    void mirrorGroupFromConfigWithASwitchoverCommand() {
        ReplicatedVolume v = Providers.create(ReplicatedVolume.class, "beegfs-mirror-group", context(Map.of(
                "cli", "v8", "groupId", 2, "type", "storage", "localTarget", "202",
                "switchoverCommand", List.of("ssh", "{node}", "systemctl", "stop", "beegfs-storage"), "failoverTimeout", "3m")));
        assertThat(v.name()).isEqualTo("storage-group-2");
    }

    @Test
    void configurationMistakesNameTheKey() {
        assertThatThrownBy(() -> Providers.create(ReplicatedVolume.class, "beegfs-mirror-group", context(Map.of("type", "storage"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("beegfs.groupId");
        assertThatThrownBy(() -> Providers.create(ReplicatedVolume.class, "beegfs-mirror-group", context(Map.of("groupId", "x1"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("beegfs.groupId");
        assertThatThrownBy(() -> Providers.create(HealthProbe.class, "beegfs-nodes", context(Map.of("cli", "v9"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("beegfs.cli");
        assertThatThrownBy(() -> Providers.create(HealthProbe.class, "beegfs-nodes", context(Map.of("lowSpace", 5))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("unknown key");
        assertThatThrownBy(() -> Providers.create(ReplicatedVolume.class, "beegfs-mirror-group", context(Map.of("groupId", 1, "type", "mgmt"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("beegfs.type");
    }
}
