package io.hpcha.examples.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.ConfigurationException;
import io.hpcha.examples.config.YamlConfig;
import io.hpcha.policy.RemediationBudget;
import io.hpcha.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecoveryAgentSettingsTest {
    static final Path SAMPLE = Path.of("..", "config", "recovery-agent.yaml");

    @Test
    void theDocumentedSampleParses() {
        RecoveryAgentSettings s = RecoveryAgentSettings.parse(YamlConfig.load(SAMPLE));

        assertThat(s.pairs()).extracting(ComputePair::label).containsExactly("Compute-1", "Compute-2");
        assertThat(s.pairs().get(0).standby().value()).isEqualTo("compute-1-standby");
        assertThat(s.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.mode()).isEqualTo(RecoveryMode.START_STANDBY);
        assertThat(s.takeOut()).isEqualTo(TakeOut.DOWN);
        assertThat(s.metrics().port()).isEqualTo(9464);
        RemediationBudget b = RecoveryAgentSettings.budgetBuilder(s.budget(), new ManualClock()).build();
        assertThat(b.describeLimit("start-standby")).isEqualTo("at most 2 'start-standby' action(s) per PT1H");
        assertThat(b.describeLimit("take-out")).isEqualTo("at most 3 'take-out' action(s) per PT1H");
    }

    private static String error(String yaml) {
        try {
            RecoveryAgentSettings.parse(YamlConfig.parse("test.yaml", yaml));
        } catch (ConfigurationException e) {
            return e.getMessage();
        }
        throw new AssertionError("no configuration error for:\n" + yaml);
    }

    @Test
    void errorsNameTheKeyAndWhatWasExpected() {
        String pairs = "agent:\n  pairs:\n    - {primary: compute-1, standby: compute-1-standby}\n";
        assertThat(error(pairs + "  interval: soon\n")).isEqualTo("agent.interval: expected a duration such as 30s or PT30S, found 'soon'");
        assertThat(error("agent: {}\n")).isEqualTo("agent.pairs: missing; expected a list of {primary, standby} compute nodes");
        assertThat(error("agent:\n  pairs:\n    - {primary: compute-1}\n")).isEqualTo("agent.pairs[0].standby: missing; expected text");
        assertThat(error("agent:\n  pairs:\n    - {primary: -x, standby: y}\n")).startsWith("agent.pairs[0]: invalid node id '-x'");
        assertThat(error("agent:\n  pairs: compute-1\n")).startsWith("agent.pairs: expected a list of sections");
        assertThat(error(pairs + "  recovery: reboot\n"))
                .isEqualTo("agent.recovery: expected one of [start-standby, launch-replacement], found 'reboot'");
        assertThat(error(pairs + "  intervall: 30s\n")).startsWith("agent.intervall: unknown key; expected one of [");
        assertThat(error(pairs + "budget: {maxFailingShare: 2}\n")).contains("maxFailingShare must be within [0, 1]");
        assertThat(error(pairs + "budget: {window: 0s}\n")).isEqualTo("budget.window: expected a positive duration, found PT0S");
        assertThat(error(pairs + "metrics: {port: 70000}\n")).isEqualTo("metrics.port: expected 0 to 65535, found 70000");
        assertThat(error(pairs + "fleets: {}\n")).startsWith("fleets: unknown key");
        assertThat(error("agent: [1, 2\n")).startsWith("test.yaml: not valid YAML at line");
    }

    @Test
    void aMissingFileIsAConfigurationError() {
        assertThatThrownBy(() -> YamlConfig.load(Path.of("no-such.yaml")))
                .isInstanceOf(ConfigurationException.class).hasMessage("configuration file no-such.yaml does not exist");
    }
}
