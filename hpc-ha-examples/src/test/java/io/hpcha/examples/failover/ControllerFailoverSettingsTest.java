package io.hpcha.examples.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.ConfigurationException;
import io.hpcha.examples.config.YamlConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ControllerFailoverSettingsTest {
    static final Path SAMPLE = Path.of("..", "config", "controller-failover.yaml");

    @Test
    void theDocumentedSampleParses() {
        ControllerFailoverSettings s = ControllerFailoverSettings.parse(YamlConfig.load(SAMPLE));

        assertThat(s.node().value()).isEqualTo("ctl-b");
        assertThat(s.services()).containsExactly("mariadb", "slurmdbd", "slurmctld");
        assertThat(s.fence().method()).isEqualTo("agent");
        assertThat(s.fence().off()).first().isEqualTo("fence_ipmilan");
        assertThat(s.fence().status()).last().isEqualTo("--action=status");
        assertThat(s.mount()).hasValueSatisfying(m -> assertThat(m.device()).isEqualTo("/dev/drbd0"));
        assertThat(s.tickEvery()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.metrics().port()).isEqualTo(9465);
        assertThat(s.serviceCommands()).isEmpty();
        assertThat(s.onShutdown()).isEqualTo(ControllerFailoverSettings.OnShutdown.STOP_GROUP);
    }

    @Test
    void aTestSetupCanLeaveOutVolumeMountAndFencingAndRunItsOwnServiceCommands() {
        ControllerFailoverSettings s = ControllerFailoverSettings.parse(YamlConfig.parse("e2e.yaml", """
                node: ctl-a
                fence: {method: none}
                services:
                  - name: slurmctld
                    start: [/e2e/slurmctld-start, ctl-a]
                    stop: [/e2e/slurmctld-stop]
                    status: [/e2e/slurmctld-running]
                  - munge
                onShutdown: leave-running
                """));

        assertThat(s.fence().method()).isEqualTo("none");
        assertThat(s.mount()).isEmpty();
        assertThat(s.services()).containsExactly("slurmctld", "munge");
        assertThat(s.serviceCommands()).containsOnlyKeys("slurmctld");
        assertThat(s.serviceCommands().get("slurmctld").start()).containsExactly("/e2e/slurmctld-start", "ctl-a");
        assertThat(s.onShutdown()).isEqualTo(ControllerFailoverSettings.OnShutdown.LEAVE_RUNNING);
    }

    private static String error(String yaml) {
        try {
            ControllerFailoverSettings.parse(YamlConfig.parse("test.yaml", yaml));
        } catch (ConfigurationException e) {
            return e.getMessage();
        }
        throw new AssertionError("no configuration error for:\n" + yaml);
    }

    @Test
    void errorsNameTheKeyAndWhatWasExpected() {
        String fence = "fence: {method: agent, off: [fence_x, --action=off], status: [fence_x, --action=status]}\n";
        assertThat(error("fence: {}\n")).isEqualTo("node: missing; expected text");
        assertThat(error("node: ctl-b\n")).startsWith("fence: missing; expected {method: agent");
        assertThat(error("node: ctl-b\nfence: {method: ipmi}\n")).isEqualTo("fence.method: expected agent, fleet or none, found 'ipmi'");
        assertThat(error("node: ctl-b\nfence: {method: none, off: [x]}\n")).startsWith("fence.off: unknown key");
        assertThat(error("node: ctl-b\n" + fence + "services: [{name: slurmctld, start: [a]}]\n"))
                .isEqualTo("services[0].stop: expected an argument vector such as [/usr/local/bin/slurmctld-stop], found none");
        assertThat(error("node: ctl-b\n" + fence + "services: [{name: slurmctld, start: [a], stop: [b], status: [c], restart: [d]}]\n"))
                .startsWith("services[0].restart: unknown key; expected one of [name, start, status, stop]");
        assertThat(error("node: ctl-b\n" + fence + "services: [mariadb, [x]]\n"))
                .isEqualTo("services[1]: expected a systemd unit name or {name, start, stop, status}, found a list");
        assertThat(error("node: ctl-b\n" + fence + "services: [slurmctld, {name: slurmctld, start: [a], stop: [b], status: [c]}]\n"))
                .isEqualTo("services[1]: service 'slurmctld' is listed twice");
        assertThat(error("node: ctl-b\n" + fence + "services: {slurmctld: x}\n")).isEqualTo("services: expected a list, found a section");
        assertThat(error("node: ctl-b\n" + fence + "onShutdown: reboot\n"))
                .isEqualTo("onShutdown: expected stop-group or leave-running, found 'reboot'");
        assertThat(error("node: ctl-b\nfence: {method: agent, off: [x]}\n")).startsWith("fence.status: missing");
        assertThat(error("node: ctl-b\nfence: {method: fleet, instance: i-1}\n")).startsWith("fleet: missing; fence.method 'fleet'");
        assertThat(error("node: ctl-b\n" + fence + "services: [slurmctld, '-x']\n"))
                .startsWith("services[1]: expected a service name");
        assertThat(error("node: ctl-b\n" + fence + "mount: {device: /dev/drbd0, directory: /var/../etc}\n"))
                .startsWith("mount.directory: expected an absolute path");
        assertThat(error("node: ctl-b\n" + fence + "plan: {maxAttempts: 0}\n")).isEqualTo("plan.maxAttempts: expected at least 1, found 0");
        assertThat(error("node: ctl-b\n" + fence + "election: {tickEvery: -1}\n")).startsWith("election.tickEvery: expected a duration");
        assertThat(error("node: 'ctl b'\n")).startsWith("node: invalid node id 'ctl b'");
    }
}
