package io.hpcha.drbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.ConfigurationException;
import io.hpcha.Health;
import io.hpcha.ProbeResult;
import io.hpcha.testkit.ManualClock;
import io.hpcha.testkit.ScriptedCommandRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DrbdProbe's verdicts on real and scripted DRBD states. */
class DrbdProbeTest {
    private final ManualClock clock = new ManualClock();

    private ProbeResult probe(FakeDrbd fake) {
        ScriptedCommandRunner runner = new ScriptedCommandRunner().respond(fake);
        DrbdProbe p = DrbdProbe.builder().clock(clock)
                .volume(DrbdVolume.builder().resource("r0").runner(runner).build()).build();
        List<ProbeResult> results = p.probe();
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.probe()).isEqualTo("drbd");
            assertThat(r.subject()).isEqualTo("r0");
            assertThat(r.observedAt()).isEqualTo(clock.instant());
        });
        return results.get(0);
    }

    @Test
    void connectedAndUpToDateEverywhereIsHealthy() {
        assertThat(probe(new FakeDrbd("r0").role("Primary").peer("ctl-b")).health()).isEqualTo(Health.HEALTHY);
    }

    @Test
    void capturedSle15StatusIsHealthy() {
        ScriptedCommandRunner runner = new ScriptedCommandRunner();
        runner.expect("cat", "/proc/drbd").always().thenReturn(0, Fixture.load("drbd9-proc/proc-drbd-9.0.32.txt"));
        runner.expect("drbdsetup", "status", "vg1", "--json").always()
                .thenReturn(0, Fixture.load("drbd9-status-json/status-json-sle15-five-resources.json"));
        ProbeResult r = DrbdProbe.builder().volume(DrbdVolume.builder().resource("vg1").runner(runner).build()).build()
                .probe().get(0);
        assertThat(r.health()).isEqualTo(Health.HEALTHY);
        assertThat(r.detail()).contains("SECONDARY");
    }

    @Test
    void unhealthy() {
        assertThat(probe(new FakeDrbd("r0").disk("Diskless").peer("ctl-b")).health()).isEqualTo(Health.UNHEALTHY);
        assertThat(probe(new FakeDrbd("r0").disk("Failed").peer("ctl-b")).health()).isEqualTo(Health.UNHEALTHY);
        ProbeResult noQuorum = probe(new FakeDrbd("r0").quorum(false).peer("ctl-b"));
        assertThat(noQuorum.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(noQuorum.detail()).contains("no quorum");
        ProbeResult standAlone = probe(new FakeDrbd("r0").peer("ctl-b", "StandAlone", "Unknown", "DUnknown", "Off"));
        assertThat(standAlone.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(standAlone.detail()).contains("ctl-b StandAlone");
    }

    @Test
    void degraded() {
        ProbeResult lost = probe(new FakeDrbd("r0").role("Primary").peer("ctl-b", "Connecting", "Unknown", "DUnknown", "Off"));
        assertThat(lost.health()).isEqualTo(Health.DEGRADED);
        assertThat(lost.detail()).contains("ctl-b CONNECTING");
        assertThat(probe(new FakeDrbd("r0").role("Primary").peer("ctl-b", "Connected", "Secondary", "Inconsistent", "SyncSource"))
                .health()).isEqualTo(Health.DEGRADED);
        assertThat(probe(new FakeDrbd("r0").disk("Outdated").peer("ctl-b")).health()).isEqualTo(Health.DEGRADED);
        assertThat(probe(new FakeDrbd("r0").peer("ctl-b", "Connected", "Primary", "Outdated", "Established")).health())
                .isEqualTo(Health.DEGRADED);
    }

    @Test
    void aResourceThatIsNotUpIsUnhealthyAndATimeoutUnknown() {
        ScriptedCommandRunner runner = new ScriptedCommandRunner();
        runner.expect("cat", "/proc/drbd").always().thenReturn(0, Fixture.load("drbd9-proc/proc-drbd-9.2.8.txt"));
        runner.expect("drbdsetup", "status", "r0", "--json").thenReturn(10, "", "r0: Failure: (158) Unknown resource\n");
        runner.expect("drbdsetup", "status", "r1", "--json").thenTimeout();
        List<ProbeResult> results = DrbdProbe.builder().name("drbd-state")
                .volume(DrbdVolume.builder().resource("r0").runner(runner).build())
                .volume(DrbdVolume.builder().resource("r1").runner(runner).build()).build().probe();
        assertThat(results).extracting(ProbeResult::health).containsExactly(Health.UNHEALTHY, Health.UNKNOWN);
        assertThat(results).extracting(ProbeResult::probe).containsOnly("drbd-state");
    }

    @Test
    void builderMistakes() {
        assertThatThrownBy(() -> DrbdProbe.builder().build()).isInstanceOf(ConfigurationException.class);
        DrbdVolume v = DrbdVolume.builder().resource("r0").runner(new ScriptedCommandRunner()).build();
        assertThatThrownBy(() -> DrbdProbe.builder().volume(v).volume(v).build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> DrbdProbe.builder().name(" ").volume(v).build()).isInstanceOf(ConfigurationException.class);
    }
}
