package io.hpcha.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.Health;
import io.hpcha.NodeId;
import io.hpcha.ProbeResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The canary job on the real cluster: it runs to completion, and it is cancelled when it cannot. */
@ExtendWith(SlurmTestbedExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SlurmCanaryIT {
    private static SlurmTestbed testbed;

    @BeforeAll
    static void setUp(SlurmTestbed t) {
        testbed = t;
    }

    @BeforeEach
    @AfterEach
    void restore() {
        testbed.restore();
    }

    private SlurmCanaryJobProbe canary(Duration deadline) {
        return SlurmCanaryJobProbe.builder().runner(testbed.runner()).partition("debug").deadline(deadline)
                .pollInterval(Duration.ofMillis(500)).commandTimeout(Duration.ofSeconds(60)).build();
    }

    @Test
    void aCanaryJobCompletes() {
        List<ProbeResult> results = canary(Duration.ofSeconds(60)).probe();
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.health()).as(r.detail()).isEqualTo(Health.HEALTHY);
            assertThat(r.subject()).isEqualTo("debug");
            assertThat(r.detail()).matches("job \\d+ completed in \\d+ ms");
            System.out.println("canary: " + r.detail());
        });
    }

    @Test
    void withEveryNodeDrainedTheCanaryIsUnhealthyAndLeavesNoJobBehind() {
        testbed.scheduler().drain(SlurmTestbed.NODES.stream().map(NodeId::of).toList(), "canary test");
        ProbeResult r = canary(Duration.ofSeconds(4)).probe().get(0);
        assertThat(r.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(r.detail()).contains("PENDING", "cancelled");
        String queue = testbed.slurm("squeue", "--noheader", "--name=" + SlurmCanaryJobProbe.JOB_NAME, "--states=PENDING,RUNNING")
                .stdout();
        assertThat(queue).isBlank();
    }
}
