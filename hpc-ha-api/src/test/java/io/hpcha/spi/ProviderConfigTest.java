package io.hpcha.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.ConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProviderConfigTest {
    private final ProviderConfig config = ProviderConfig.of("agent", Map.of(
            "interval", "30s",
            "timeout", "PT1M",
            "retries", 3,
            "dryRun", true,
            "tables", List.of("rtb-1", "rtb-2"),
            "enis", Map.of("ctl1", "eni-1"),
            "scheduler", Map.of("provider", "slurm", "binDir", List.of("oops"))));

    @Test
    void readsTypedValues() {
        assertThat(config.duration("interval", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.duration("timeout", Duration.ZERO)).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.duration("absent", Duration.ofMillis(5))).isEqualTo(Duration.ofMillis(5));
        assertThat(config.integer("retries", 0)).isEqualTo(3);
        assertThat(config.bool("dryRun", false)).isTrue();
        assertThat(config.stringList("tables")).containsExactly("rtb-1", "rtb-2");
        assertThat(config.stringMap("enis")).containsEntry("ctl1", "eni-1");
        assertThat(config.section("scheduler").string("provider")).isEqualTo("slurm");
        assertThat(config.section("absent").keys()).isEmpty();
    }

    @Test
    void errorsNameTheFullKeyAndWhatWasExpected() {
        assertThatThrownBy(() -> config.section("scheduler").string("binDir"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("agent.scheduler.binDir: expected text, found a list");
        assertThatThrownBy(() -> config.string("missing"))
                .hasMessage("agent.missing: missing; expected text");
        assertThatThrownBy(() -> config.duration("retries", Duration.ZERO))
                .hasMessage("agent.retries: expected a duration such as 30s or PT30S, found '3'");
        assertThatThrownBy(() -> config.integer("interval", 0))
                .hasMessage("agent.interval: expected a whole number, found '30s'");
        assertThatThrownBy(() -> config.section("tables"))
                .hasMessage("agent.tables: expected a section (a map of keys to values), found a list");
    }

    @Test
    void unknownKeysAreRejectedNotIgnored() {
        assertThatThrownBy(() -> config.section("scheduler").requireOnly(Set.of("provider")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("agent.scheduler.binDir: unknown key; expected one of [provider]");
    }
}
