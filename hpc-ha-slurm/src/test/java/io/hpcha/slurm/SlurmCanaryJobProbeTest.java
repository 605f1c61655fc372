package io.hpcha.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.Health;
import io.hpcha.ProbeResult;
import io.hpcha.spi.Command;
import io.hpcha.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canary's flow on a manual clock: submit, poll, and cancel at the deadline. */
class SlurmCanaryJobProbeTest {
    private final ManualClock clock = new ManualClock();
    private final ScriptedRunner runner = new ScriptedRunner();
    private final SlurmCanaryJobProbe probe = SlurmCanaryJobProbe.builder().runner(runner).clock(clock).sleeper(clock)
            .partition("debug").deadline(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).build();

    @Test
    void aJobThatCompletesIsHealthy() {
        runner.on("sbatch", 0, "42\n")
                .on("scontrol show job", 0, "JobId=42 JobName=hpcha-canary JobState=PENDING Reason=Priority Dependency=(null)\n")
                .on("scontrol show job", 0, "JobId=42 JobName=hpcha-canary JobState=RUNNING Reason=None\n")
                .on("scontrol show job", 0, "JobId=42 JobName=hpcha-canary JobState=COMPLETED Reason=None\n");
        ProbeResult r = single(probe.probe());
        assertThat(r.health()).isEqualTo(Health.HEALTHY);
        assertThat(r.subject()).isEqualTo("debug");
        assertThat(r.detail()).isEqualTo("job 42 completed in 4000 ms");
        Command sbatch = runner.commands().get(0);
        assertThat(sbatch.argv()).containsExactly("sbatch", "--parsable", "--job-name=hpcha-canary", "--time=1", "--nodes=1",
                "--ntasks=1", "--output=/dev/null", "--error=/dev/null", "--chdir=/", "--partition=debug");
        assertThat(sbatch.stdin()).contains("#!/bin/sh\nexit 0\n");
        assertThat(runner.lines("scancel")).isEmpty();
    }

    @Test
    void aJobStillPendingAtTheDeadlineIsUnhealthyAndCancelled() {
        runner.on("sbatch", 0, "43;cluster\n")
                .on("scontrol show job", 0, "JobId=43 JobState=PENDING Reason=ReqNodeNotAvail,_UnavailableNodes:n[1-3]\n")
                .on("scancel 43", 0, "");
        ProbeResult r = single(probe.probe());
        assertThat(r.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(r.detail()).contains("not completed within PT30S", "PENDING (Reason=ReqNodeNotAvail", "cancelled");
        assertThat(runner.lines("scancel")).containsExactly("scancel 43");
        assertThat(runner.lines("scontrol show job")).hasSize(16);
        assertThat(r.observedAt()).isEqualTo(ManualClock.DEFAULT_START);
    }

    @Test
    void aFailedJobIsUnhealthy() {
        runner.on("sbatch", 0, "44\n").on("scontrol show job", 0, "JobId=44 JobState=NODE_FAIL Reason=None\n");
        assertThat(single(probe.probe())).satisfies(r -> {
            assertThat(r.health()).isEqualTo(Health.UNHEALTHY);
            assertThat(r.detail()).isEqualTo("job 44 ended NODE_FAIL (Reason=None)");
        });
    }

    @Test
    void controllerDownIsUnknownAndARefusedJobUnhealthy() {
        runner.on("sbatch", 1, "sbatch: error: Batch job submission failed: Unable to contact slurm controller (connect failure)");
        assertThat(single(probe.probe()).health()).isEqualTo(Health.UNKNOWN);
        runner.on("sbatch", 1, "sbatch: error: Batch job submission failed: Invalid partition name specified");
        ProbeResult refused = single(probe.probe());
        assertThat(refused.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(refused.detail()).contains("Invalid partition name specified");
    }

    @Test
    void aVanishedJobIsUnknown() {
        runner.on("sbatch", 0, "45\n").on("scontrol show job", 1, "slurm_load_jobs error: Invalid job id specified");
        assertThat(single(probe.probe()).health()).isEqualTo(Health.UNKNOWN);
    }

    private static ProbeResult single(List<ProbeResult> results) {
        assertThat(results).hasSize(1);
        assertThat(results.get(0).probe()).isEqualTo("slurm-canary");
        return results.get(0);
    }
}
