package io.hpcha.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.ConfigurationException;
import io.hpcha.FloatingAddress;
import io.hpcha.NodeId;
import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.ProviderConfig;
import io.hpcha.spi.ProviderContext;
import io.hpcha.spi.Providers;
import io.hpcha.testkit.ManualClock;
import io.hpcha.testkit.ScriptedCommandRunner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinuxFloatingAddressProviderTest {
    private final ManualClock clock = new ManualClock();
    private final ScriptedCommandRunner runner = new ScriptedCommandRunner();

    private FloatingAddress create(Map<String, ?> config) {
        return Providers.create(FloatingAddress.class, "linux-ip",
                new ProviderContext(ProviderConfig.of("address", config), runner, clock, clock));
    }

    @Test
    void isFoundByNameAndAsksPeersThroughTheirNamespaces() {
        runner.respond(c -> {
            List<String> argv = c.argv();
            if (argv.equals(List.of("/sbin/ip", "-json", "addr", "show"))) {
                return CommandResult.of(c, 0, Fixtures.ipJson("ctl1-not-holding"), "");
            }
            if (argv.equals(List.of("/sbin/ip", "netns", "exec", "hpcha-ctl2", "/sbin/ip", "-json", "addr", "show"))) {
                return CommandResult.of(c, 0, Fixtures.ipJson("ctl2-holding-labelled"), "");
            }
            return null;
        });
        FloatingAddress vip = create(Map.of("address", "10.213.0.100", "prefixLength", 24, "interface", "eth0",
                "localNode", "ctl1", "ipProgram", "/sbin/ip", "nodes", Map.of("ctl2", Map.of("netns", "hpcha-ctl2"))));

        assertThat(vip).isInstanceOf(LinuxFloatingAddress.class);
        assertThat(vip.address()).isEqualTo("10.213.0.100");
        assertThat(vip.holder()).contains(NodeId.of("ctl2"));
        assertThat(runner.invocations()).extracting(Command::argv).hasSize(2);
        runner.verifyAllConsumed();
    }

    @Test
    void unknownKeysAndBadValuesAreConfigurationErrors() {
        assertThatThrownBy(() -> create(Map.of("address", "10.213.0.100", "interface", "eth0", "localNode", "ctl1",
                "adress", "x"))).isInstanceOf(ConfigurationException.class).hasMessageContaining("adress");
        assertThatThrownBy(() -> create(Map.of("address", "10.213.0.100/24", "interface", "eth0", "localNode", "ctl1")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("address");
        assertThatThrownBy(() -> create(Map.of("address", "10.213.0.100", "interface", "eth0", "localNode", "ctl1",
                "nodes", Map.of("ctl2", Map.of("netns", "-x"))))).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> create(Map.of("address", "10.213.0.100", "interface", "eth0", "localNode", "-ctl1")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("localNode");
    }
}
