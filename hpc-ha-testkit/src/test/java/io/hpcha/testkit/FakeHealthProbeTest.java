package io.hpcha.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.hpcha.BackendUnavailableException;
import io.hpcha.Health;
import io.hpcha.InstanceState;
import io.hpcha.NodeFlag;
import io.hpcha.NodeId;
import io.hpcha.NodeState;
import io.hpcha.ProbeResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeHealthProbeTest {
    private final ManualClock clock = new ManualClock();

    @Test
    void scriptedResultsAreStampedWithTheProbeTime() {
        FakeHealthProbe probe = FakeHealthProbe.scripted("beegfs-targets", clock).set("101", Health.DEGRADED, "resync");
        clock.advance(Duration.ofSeconds(3));
        assertThat(probe.probe()).singleElement().satisfies(r -> {
            assertThat(r.probe()).isEqualTo("beegfs-targets");
            assertThat(r.health()).isEqualTo(Health.DEGRADED);
            assertThat(r.observedAt()).isEqualTo(clock.instant());
        });
        probe.unset("101");
        assertThat(probe.probe()).isEmpty();
    }

    @Test
    void nodeHealthFollowsTheSchedulersState() {
        FakeScheduler scheduler = new FakeScheduler(clock)
                .addNode(NodeId.of("ok"), NodeState.ALLOCATED)
                .addNode(NodeId.of("drained"), NodeState.IDLE, NodeFlag.DRAIN)
                .addNode(NodeId.of("silent"), NodeState.IDLE, NodeFlag.NOT_RESPONDING)
                .addNode(NodeId.of("down"), NodeState.DOWN)
                .addNode(NodeId.of("unknown"), NodeState.UNKNOWN);
        assertThat(FakeHealthProbe.ofSchedulerNodes(scheduler).probe())
                .extracting(ProbeResult::subject, ProbeResult::health)
                .containsExactlyInAnyOrder(tuple("ok", Health.HEALTHY), tuple("drained", Health.DEGRADED),
                        tuple("silent", Health.UNHEALTHY), tuple("down", Health.UNHEALTHY),
                        tuple("unknown", Health.UNKNOWN));
    }

    @Test
    void anUnreachableSchedulerIsNeverReportedAsUnhealthyNodes() {
        FakeScheduler scheduler = new FakeScheduler(clock).addNode("n1");
        FakeHealthProbe probe = FakeHealthProbe.ofSchedulerNodes(scheduler);
        scheduler.controllerDown(0);
        assertThatThrownBy(probe::probe).isInstanceOf(BackendUnavailableException.class);
    }

    @Test
    void instanceHealthFollowsStateAndChecks() {
        FakeComputeFleet fleet = new FakeComputeFleet(clock)
                .addInstance("i-ok", NodeId.of("a"), InstanceState.RUNNING)
                .addInstance("i-bad", NodeId.of("b"), InstanceState.RUNNING)
                .addInstance("i-off", NodeId.of("c"), InstanceState.STOPPED)
                .addInstance("i-new", NodeId.of("d"), InstanceState.STOPPED);
        fleet.impair("i-bad", FakeComputeFleet.Check.INSTANCE);
        fleet.start(List.of("i-new"));
        assertThat(FakeHealthProbe.ofFleet(fleet).probe())
                .extracting(ProbeResult::subject, ProbeResult::health)
                .containsExactly(tuple("i-ok", Health.HEALTHY), tuple("i-bad", Health.UNHEALTHY),
                        tuple("i-off", Health.UNHEALTHY), tuple("i-new", Health.DEGRADED));
    }

    @Test
    void scriptedResultsOverrideDerivedOnesForTheSameSubject() {
        FakeScheduler scheduler = new FakeScheduler(clock).addNode("n1").addNode("n2");
        FakeHealthProbe probe = FakeHealthProbe.ofSchedulerNodes(scheduler).set("n2", Health.UNKNOWN, "flapping");
        assertThat(probe.probe()).extracting(ProbeResult::subject, ProbeResult::health, ProbeResult::probe)
                .containsExactly(tuple("n1", Health.HEALTHY, "slurm-nodes"), tuple("n2", Health.UNKNOWN, "slurm-nodes"));
    }
}
