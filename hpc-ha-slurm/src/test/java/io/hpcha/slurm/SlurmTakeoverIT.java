package io.hpcha.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.ControllerRole;
import io.hpcha.ControllerStatus;
import io.hpcha.Health;
import io.hpcha.NodeId;
import io.hpcha.ProbeResult;
import io.hpcha.SchedulerNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two real slurmctld (hpcha-ctl0 primary, hpcha-ctl1 backup) sharing one StateSaveLocation, each in
 * its own network and UTS namespace on a private bridge (scripts/slurm-testbed.sh --ha).
 */
@ExtendWith(SlurmTestbedExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SlurmTakeoverIT {
    private static SlurmTestbed testbed;
    private SlurmScheduler scheduler;

    @BeforeAll
    static void setUp(@SlurmTestbedExtension.Ha SlurmTestbed t) {
        testbed = t;
    }

    @BeforeEach
    void restore() {
        testbed.restore();
        scheduler = testbed.scheduler();
        SlurmTestbed.await(Duration.ofSeconds(30), "both controllers up",
                () -> scheduler.controllers().stream().allMatch(ControllerStatus::responding));
    }

    @AfterEach
    void bringBack() {
        testbed.restore();
    }

    @Test
    void takeoverMakesTheBackupPrimary() {
        assertThat(scheduler.controllers()).containsExactly(
                new ControllerStatus("hpcha-ctl0", ControllerRole.PRIMARY, 0, true),
                new ControllerStatus("hpcha-ctl1", ControllerRole.BACKUP, 1, true));

        scheduler.takeover();

        SlurmTestbed.await(Duration.ofSeconds(30), "primary down, backup up", () -> scheduler.controllers().equals(List.of(
                new ControllerStatus("hpcha-ctl0", ControllerRole.PRIMARY, 0, false),
                new ControllerStatus("hpcha-ctl1", ControllerRole.BACKUP, 1, true))));
        SlurmTestbed.await(Duration.ofSeconds(30), "the old primary handed over and exited",
                () -> !testbed.slurmctldRunning(0));

        // the backup now serves reads and writes
        assertThat(scheduler.nodes()).extracting(n -> n.name().value()).containsExactly("n1", "n2", "n3");
        scheduler.drain(List.of(NodeId.of("n1")), "served by the backup");
        assertThat(scheduler.nodes().get(0).isDrained()).isTrue();
        scheduler.resume(List.of(NodeId.of("n1")));
        SlurmTestbed.await(Duration.ofSeconds(20), "n1 back", () -> scheduler.nodes().get(0).isAvailable());

        List<ProbeResult> probe = SlurmControllerProbe.builder().scheduler(scheduler).build().probe();
        assertThat(probe).extracting(ProbeResult::health).containsExactly(Health.UNHEALTHY, Health.HEALTHY);
    }

    @Test
    void whenThePrimaryDiesTheBackupTakesOverAndCommandsWaitForIt() {
        ProcessHandle.of(testbed.slurmctldPid(0)).orElseThrow().destroyForcibly();
        long start = System.nanoTime();
        List<SchedulerNode> nodes = scheduler.nodes();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("primary killed: sinfo answered after %d ms (SlurmctldTimeout 6 s)%n", tookMs);
        assertThat(nodes).hasSize(3);
        SlurmTestbed.await(Duration.ofSeconds(30), "backup in control", () -> !scheduler.controllers().get(0).responding()
                && scheduler.controllers().get(1).responding());
    }
}
