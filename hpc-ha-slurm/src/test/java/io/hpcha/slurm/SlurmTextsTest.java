package io.hpcha.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.ControllerRole;
import io.hpcha.ControllerStatus;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.slurm.internal.ConfigText;
import io.hpcha.slurm.internal.JobText;
import io.hpcha.slurm.internal.PingText;
import io.hpcha.slurm.internal.SlurmErrors;
import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small readers: sinfo -V, scontrol ping, show config, show job, and error texts. */
class SlurmTextsTest {
    @Test
    void versionFromDebianAndUpstreamSinfo() {
        assertThat(SlurmVersion.parse(Fixture.load("slurm-22.05/sinfo-V.txt").output())).isEqualTo(new SlurmVersion(22, 5, 8));
        assertThat(SlurmVersion.parse("slurm 23.11.4\n")).isEqualTo(new SlurmVersion(23, 11, 4));
        assertThat(SlurmVersion.parse("slurm 24.05.0-0rc1\n")).isEqualTo(new SlurmVersion(24, 5, 0));
        assertThat(new SlurmVersion(22, 5, 8).atLeast(SlurmVersion.V21_08)).isTrue();
        assertThat(new SlurmVersion(22, 5, 8).atLeast(SlurmVersion.V23_02)).isFalse();
        assertThat(new SlurmVersion(22, 5, 8)).hasToString("22.05.8");
        assertThatThrownBy(() -> SlurmVersion.parse("sinfo: fatal: Could not establish a configuration source"))
                .isInstanceOf(UnexpectedOutputException.class);
    }

    @Test
    void pingUpAndDown() {
        assertThat(PingText.parse(Fixture.load("slurm-22.05/scontrol-ping-up.txt").output()))
                .containsExactly(new ControllerStatus("vm", ControllerRole.PRIMARY, 0, true));
        Fixture down = Fixture.load("slurm-22.05/scontrol-ping-down.txt");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(PingText.parse(down.output())).containsExactly(new ControllerStatus("vm", ControllerRole.PRIMARY, 0, false));
    }

    @Test
    void pingAfterTakeoverShowsPrimaryDownBackupUp() {
        String out = "Slurmctld(primary) at ctl0 is DOWN\nSlurmctld(backup) at ctl1 is UP\n";
        assertThat(PingText.parse(out)).containsExactly(
                new ControllerStatus("ctl0", ControllerRole.PRIMARY, 0, false),
                new ControllerStatus("ctl1", ControllerRole.BACKUP, 1, true));
        assertThat(PingText.parse("Slurmctld(primary) at a is UP\nSlurmctld(backup1) at b is UP\nSlurmctld(backup2) at c is DOWN\n"))
                .extracting(ControllerStatus::index).containsExactly(0, 1, 2);
        assertThatThrownBy(() -> PingText.parse("")).isInstanceOf(UnexpectedOutputException.class);
        assertThatThrownBy(() -> PingText.parse("Slurmctld is lost\n")).isInstanceOf(UnexpectedOutputException.class);
    }

    @Test
    void config() {
        Map<String, String> config = ConfigText.parse(Fixture.load("slurm-22.05/scontrol-show-config.txt").output());
        assertThat(ConfigText.leadingInt(config.get("ReturnToService"))).contains(1);
        assertThat(ConfigText.leadingInt(config.get("SlurmctldTimeout"))).contains(6);
        assertThat(config.get("SLURM_VERSION")).isEqualTo("22.05.8");
        assertThat(ConfigText.leadingInt("(null)")).isEmpty();
    }

    @Test
    void jobState() {
        JobText.JobState pending = JobText.parse("JobId=3 JobName=wrap UserId=root(0) JobState=PENDING"
                + " Reason=ReqNodeNotAvail,_UnavailableNodes:n[1-2] Dependency=(null) AllocNode:Sid=localhost:3548\n");
        assertThat(pending.state()).isEqualTo("PENDING");
        assertThat(pending.reason()).isEqualTo("ReqNodeNotAvail,_UnavailableNodes:n[1-2]");
        assertThat(pending.finished()).isFalse();
        assertThat(JobText.parse("JobId=4 JobState=COMPLETED Reason=None").finished()).isTrue();
        assertThat(JobText.parse("JobId=4 JobState=NODE_FAIL Reason=None").finished()).isTrue();
        assertThatThrownBy(() -> JobText.parse("JobId=4\n")).isInstanceOf(UnexpectedOutputException.class);
    }

    @Test
    void errorTextsMapToTypedExceptions() {
        assertThat(error("slurm-22.05/scontrol-update-bad-node.txt")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Invalid node name specified");
        assertThat(error("slurm-22.05/scontrol-update-ctld-down.txt")).isInstanceOf(BackendUnavailableException.class);
        assertThat(error("slurm-22.05/sinfo-ctld-down.txt")).isInstanceOf(BackendUnavailableException.class);
        assertThat(error("slurm-22.05/scontrol-show-node-o-ctld-down.txt")).isInstanceOf(BackendUnavailableException.class);
        assertThat(error("slurm-22.05/scontrol-update-no-reason.txt")).isInstanceOf(OperationRefusedException.class)
                .satisfies(e -> assertThat(((OperationRefusedException) e).code()).isEqualTo("You must specify a reason"));
        assertThat(error("slurm-22.05/scontrol-update-invalid-transition.txt")).isInstanceOf(OperationRefusedException.class)
                .satisfies(e -> assertThat(((OperationRefusedException) e).code()).isEqualTo("Invalid node state specified"));
        assertThat(SlurmErrors.toException(result(1, "slurm_update error: Invalid user id"), "drain"))
                .isInstanceOf(OperationRefusedException.class);
        assertThat(SlurmErrors.toException(result(1, "slurm_update error: Access/permission denied"), "drain"))
                .isInstanceOf(OperationRefusedException.class).satisfies(e -> assertThat(e.retryable()).isFalse());
        assertThat(SlurmErrors.toException(result(1, "scontrol: fatal: Could not establish a configuration source"), "ping"))
                .isInstanceOf(ConfigurationException.class);
        assertThat(SlurmErrors.toException(result(139, ""), "ping")).isInstanceOf(UnexpectedOutputException.class);
    }

    private static RuntimeException error(String fixture) {
        Fixture f = Fixture.load(fixture);
        assertThat(f.exitCode()).isNotZero();
        return SlurmErrors.toException(result(f.exitCode(), f.output()), f.command());
    }

    private static CommandResult result(int exit, String stderr) {
        return CommandResult.of(Command.of(Duration.ofSeconds(1), "scontrol"), exit, "", stderr);
    }
}
