package io.hpcha.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.ConfigurationException;
import io.hpcha.HealthProbe;
import io.hpcha.Scheduler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvidersTest {
    @Test
    void findsAProviderRegisteredThroughServiceLoader() {
        Provider<HealthProbe> p = Providers.find(HealthProbe.class, "test-static");
        assertThat(p).isInstanceOf(StaticProbeProvider.class);
        HealthProbe probe = Providers.create(HealthProbe.class, "test-static",
                ProviderContext.of(ProviderConfig.of("probe", Map.of("subject", "n1"))));
        assertThat(probe.probe()).singleElement().satisfies(r -> assertThat(r.subject()).isEqualTo("n1"));
    }

    @Test
    void aMissingProviderListsWhatIsAvailable() {
        assertThatThrownBy(() -> Providers.find(HealthProbe.class, "nope"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("no HealthProbe provider named 'nope'; available: [")
                .hasMessageContaining("test-static");
        assertThatThrownBy(() -> Providers.find(Scheduler.class, "slurm"))
                .hasMessageContaining("available: none");
    }

    @Test
    void anAmbiguousProviderIsAnError() {
        List<Provider<?>> twice = List.of(new StaticProbeProvider(), new StaticProbeProvider());
        assertThatThrownBy(() -> Providers.find(twice, HealthProbe.class, "test-static"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("ambiguous HealthProbe provider 'test-static'");
    }
}
