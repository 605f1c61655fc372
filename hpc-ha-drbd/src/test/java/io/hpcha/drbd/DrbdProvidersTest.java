package io.hpcha.drbd;

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

/** Both "drbd" providers are found through ServiceLoader and read their keys. */
class DrbdProvidersTest {
    private final ScriptedCommandRunner runner = new ScriptedCommandRunner();
    private final ManualClock clock = new ManualClock();

    private ProviderContext context(Map<String, ?> values) {
        return new ProviderContext(ProviderConfig.of("volume", values), runner, clock, clock);
    }

    @Test
    void volumeProviderBuildsAConfiguredDrbdVolume() {
        runner.expect("/usr/local/sbin/drbdsetup", "status", "vg1", "--json")
                .thenReturn(0, Fixture.load("drbd9-status-json/status-json-sle15-five-resources.json"));
        ReplicatedVolume v = Providers.create(ReplicatedVolume.class, "drbd", context(Map.of("resource", "vg1",
                "drbdsetup", "/usr/local/sbin/drbdsetup", "release", "drbd_9", "commandTimeout", "7s", "localName", "ctl-a")));
        assertThat(v).isInstanceOf(DrbdVolume.class);
        assertThat(v.name()).isEqualTo("vg1");
        assertThat(v.status().local().orElseThrow().name()).isEqualTo("ctl-a");
        assertThat(runner.invocations().get(0).timeout()).hasSeconds(7);
        runner.verifyAllConsumed();
    }

    @Test
    void probeProviderObservesEveryListedResource() {
        HealthProbe p = Providers.create(HealthProbe.class, "drbd",
                context(Map.of("resources", List.of("r0", "r1"), "name", "drbd-ctl", "release", "DRBD_8_4")));
        assertThat(p).isInstanceOf(DrbdProbe.class);
        assertThat(p.name()).isEqualTo("drbd-ctl");
    }

    @Test
    void mistakesAreConfigurationErrors() {
        assertThatThrownBy(() -> Providers.create(ReplicatedVolume.class, "drbd", context(Map.of())))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("volume.resource");
        assertThatThrownBy(() -> Providers.create(ReplicatedVolume.class, "drbd", context(Map.of("resource", "r0", "resorce", "x"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("volume.resorce");
        assertThatThrownBy(() -> Providers.create(ReplicatedVolume.class, "drbd", context(Map.of("resource", "-r0"))))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> Providers.create(ReplicatedVolume.class, "drbd", context(Map.of("resource", "r0", "release", "8"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("volume.release");
        assertThatThrownBy(() -> Providers.create(HealthProbe.class, "drbd", context(Map.of())))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("resources");
        assertThat(runner.invocations()).isEmpty();
    }
}
