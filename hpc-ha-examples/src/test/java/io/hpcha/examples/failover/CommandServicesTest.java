package io.hpcha.examples.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.OperationRefusedException;
import io.hpcha.examples.demo.SimulatedHost;
import io.hpcha.spi.LocalCommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Services run by the operator's own commands, with real processes (touch, rm, test). */
class CommandServicesTest {
    @TempDir
    Path dir;

    private CommandServices services(SimulatedHost systemd) {
        String flag = dir.resolve("slurmctld.running").toString();
        ServiceCommands slurmctld = new ServiceCommands(List.of("touch", flag), List.of("rm", "-f", flag), List.of("test", "-e", flag));
        return new CommandServices(LocalCommandRunner.create(), Map.of("slurmctld", slurmctld), new SystemdServices(systemd, "systemctl",
                Duration.ofSeconds(5)), Duration.ofSeconds(10));
    }

    @Test
    void aServiceWithItsOwnCommandsIsStartedQueriedAndStoppedByThem() {
        SimulatedHost systemd = new SimulatedHost("ctl");
        CommandServices s = services(systemd);

        assertThat(s.isActive("slurmctld")).isFalse();
        s.start("slurmctld");
        assertThat(Files.exists(dir.resolve("slurmctld.running"))).isTrue();
        assertThat(s.isActive("slurmctld")).isTrue();
        s.stop("slurmctld");
        assertThat(s.isActive("slurmctld")).isFalse();
        assertThat(systemd.writes()).as("systemctl is not involved").isEmpty();
    }

    @Test
    void otherServicesGoThroughSystemctl() {
        SimulatedHost systemd = new SimulatedHost("ctl");
        CommandServices s = services(systemd);

        s.start("mariadb");

        assertThat(systemd.writes()).containsExactly("systemctl start mariadb");
        assertThat(s.isActive("mariadb")).isTrue();
    }

    @Test
    void aStartCommandThatFailsIsARetryableRefusalWithItsOutput() {
        CommandServices s = new CommandServices(LocalCommandRunner.create(),
                Map.of("slurmctld", new ServiceCommands(List.of("ls", dir.resolve("missing").toString()), List.of("true"), List.of("false"))),
                new SystemdServices(new SimulatedHost("ctl"), "systemctl", Duration.ofSeconds(5)), Duration.ofSeconds(10));

        assertThatThrownBy(() -> s.start("slurmctld")).isInstanceOfSatisfying(OperationRefusedException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("start command of slurmctld exited 2").contains("No such file or directory");
        });
    }
}
