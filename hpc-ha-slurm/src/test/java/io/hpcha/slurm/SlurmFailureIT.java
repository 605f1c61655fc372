package io.hpcha.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ControllerStatus;
import io.hpcha.Health;
import io.hpcha.ProbeResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the probes and the scheduler say when a real slurmd dies or the real slurmctld stops. */
@ExtendWith(SlurmTestbedExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SlurmFailureIT {
    /**
     * A recovery agent's probe interval. Slurm marks a silent node NOT_RESPONDING at its first failed
     * ping: nodes silent for SlurmdTimeout/3 are pinged every SlurmdTimeout/3 and a refused connection
     * is retried within MessageTimeout, so on the testbed (10 s, 3 s) that came 5.9 to 10.3 s after
     * the kill in measurements, now and then a little past SlurmdTimeout.
     */
    private static final Duration POLL = Duration.ofSeconds(2);
    private static SlurmTestbed testbed;
    private SlurmScheduler scheduler;
    private SlurmNodeProbe nodeProbe;

    @BeforeAll
    static void setUp(SlurmTestbed t) {
        testbed = t;
    }

    @BeforeEach
    void restore() {
        testbed.restore();
        scheduler = testbed.scheduler();
        nodeProbe = SlurmNodeProbe.builder().scheduler(scheduler).build();
    }

    @AfterEach
    void bringBack() {
        testbed.restore();
    }

    private Map<String, ProbeResult> probe() {
        return nodeProbe.probe().stream().collect(Collectors.toMap(ProbeResult::subject, Function.identity()));
    }

    @Test
    void aKilledSlurmdIsUnhealthyWithinSlurmdTimeoutPlusOnePoll() {
        assertThat(probe().values()).allSatisfy(r -> assertThat(r.health()).isEqualTo(Health.HEALTHY));
        ProcessHandle slurmd = ProcessHandle.of(testbed.slurmdPid("n3")).orElseThrow();
        long killedAt = System.nanoTime();
        slurmd.destroyForcibly();

        Duration limit = testbed.slurmdTimeout().plus(POLL);
        SlurmTestbed.await(limit, "n3 UNHEALTHY", () -> probe().get("n3").health() == Health.UNHEALTHY);
        long tookMs = (System.nanoTime() - killedAt) / 1_000_000;
        System.out.printf("slurmd n3 killed: probe said UNHEALTHY after %d ms (limit %d ms)%n", tookMs, limit.toMillis());
        Map<String, ProbeResult> now = probe();
        assertThat(now.get("n3").detail()).containsIgnoringCase("NOT_RESPONDING");
        assertThat(now.get("n1").health()).isEqualTo(Health.HEALTHY);
        assertThat(now.get("n2").health()).isEqualTo(Health.HEALTHY);

        testbed.startSlurmd("n3");
        SlurmTestbed.await(Duration.ofSeconds(30), "n3 HEALTHY again", () -> probe().get("n3").health() == Health.HEALTHY);
    }

    @Test
    void aStoppedSlurmctldIsDownAndItsNodesUnknownNeverUnhealthy() {
        SlurmControllerProbe controllerProbe = SlurmControllerProbe.builder().scheduler(scheduler).build();
        assertThat(probe()).hasSize(3);
        assertThat(controllerProbe.probe()).singleElement().satisfies(r -> assertThat(r.health()).isEqualTo(Health.HEALTHY));

        testbed.stopSlurmctld(0);

        List<ControllerStatus> controllers = scheduler.controllers();
        assertThat(controllers).singleElement().satisfies(c -> assertThat(c.responding()).isFalse());
        assertThat(controllerProbe.probe()).singleElement().satisfies(r -> assertThat(r.health()).isEqualTo(Health.UNHEALTHY));
        assertThatThrownBy(scheduler::nodes).isInstanceOf(BackendUnavailableException.class);
        List<ProbeResult> results = nodeProbe.probe();
        assertThat(results).extracting(ProbeResult::subject).containsExactly("n1", "n2", "n3");
        assertThat(results).allSatisfy(r -> assertThat(r.health()).isEqualTo(Health.UNKNOWN));
        assertThatThrownBy(() -> SlurmNodeProbe.builder().scheduler(scheduler).build().probe())
                .as("a probe that never saw the nodes cannot name them").isInstanceOf(BackendUnavailableException.class);

        testbed.startSlurmctld(0);
        SlurmTestbed.await(Duration.ofSeconds(60), "nodes known again",
                () -> nodeProbe.probe().stream().allMatch(r -> r.health() == Health.HEALTHY));
    }
}
