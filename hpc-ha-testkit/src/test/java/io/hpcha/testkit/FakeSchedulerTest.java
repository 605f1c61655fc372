package io.hpcha.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ControllerStatus;
import io.hpcha.NodeFlag;
import io.hpcha.NodeId;
import io.hpcha.NodeState;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeSchedulerTest {
    private static final NodeId N1 = NodeId.of("n1");
    private static final NodeId N2 = NodeId.of("n2");
    private final ManualClock clock = new ManualClock();
    private final FakeScheduler scheduler = new FakeScheduler(clock).addNode("n1").addNode("n2");

    @Test
    void drainOfAnIdleNodeIsDrainedAndOfABusyNodeDraining() {
        scheduler.setNode(N2, NodeState.ALLOCATED);
        scheduler.drain(List.of(N1, N2), "bad dimm");
        assertThat(scheduler.node(N1).flags()).containsExactlyInAnyOrder(NodeFlag.DRAIN, NodeFlag.DRAINED);
        assertThat(scheduler.node(N2).flags()).containsExactlyInAnyOrder(NodeFlag.DRAIN, NodeFlag.DRAINING);
        assertThat(scheduler.node(N1).rawState()).isEqualTo("IDLE+DRAIN");
        assertThat(scheduler.node(N1).reason().orElseThrow().text()).isEqualTo("bad dimm");
    }

    @Test
    void resumeClearsDrainAndDownAndTheReason() {
        scheduler.drain(List.of(N1), "x");
        scheduler.markDown(List.of(N2), "y");
        scheduler.resume(List.of(N1, N2));
        assertThat(scheduler.nodes()).allSatisfy(n -> {
            assertThat(n.isAvailable()).isTrue();
            assertThat(n.reason()).isEmpty();
        });
    }

    @Test
    void aBatchWithAnUnknownNodeChangesNothingAndRecordsNoWrite() {
        assertThatThrownBy(() -> scheduler.markDown(List.of(N1, NodeId.of("ghost")), "x"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("ghost");
        assertThat(scheduler.node(N1).state()).isEqualTo(NodeState.IDLE);
        assertThat(scheduler.writes()).isEmpty();
    }

    @Test
    void recordsAcceptedWritesWithTimeAndReason() {
        scheduler.drain(List.of(N1), "reason one");
        clock.advance(java.time.Duration.ofSeconds(5));
        scheduler.resume(List.of(N1));
        scheduler.drain(List.of(), "nothing");
        assertThat(scheduler.writes()).containsExactly(
                new RecordedWrite(ManualClock.DEFAULT_START, "drain", List.of("n1"), "reason one"),
                new RecordedWrite(ManualClock.DEFAULT_START.plusSeconds(5), "resume", List.of("n1"), ""));
        scheduler.clearWrites();
        assertThat(scheduler.writes()).isEmpty();
    }

    @Test
    void takeoverPutsTheBackupInChargeAndReportsThePrimaryDown() {
        scheduler.takeover();
        assertThat(scheduler.controllers()).extracting(ControllerStatus::responding).containsExactly(false, true);
        assertThat(scheduler.inCharge()).isEqualTo(1);
        assertThat(scheduler.nodes()).hasSize(2); // the backup answers
    }

    @Test
    void whileTheControllerInChargeIsDownNodesAndWritesAreUnavailableButPingAnswers() {
        scheduler.controllerDown(0);
        assertThatThrownBy(scheduler::nodes).isInstanceOf(BackendUnavailableException.class);
        assertThatThrownBy(() -> scheduler.drain(List.of(N1), "x")).isInstanceOf(BackendUnavailableException.class);
        assertThat(scheduler.controllers()).extracting(ControllerStatus::responding).containsExactly(false, true);
        scheduler.takeover();
        assertThat(scheduler.nodes()).hasSize(2);
    }

    @Test
    void takeoverNeedsAResponsiveBackup() {
        assertThatThrownBy(() -> new FakeScheduler(clock, "only").takeover())
                .isInstanceOf(OperationRefusedException.class);
        scheduler.controllerDown(1);
        assertThatThrownBy(scheduler::takeover).isInstanceOf(BackendUnavailableException.class);
        assertThat(scheduler.inCharge()).isZero();
    }

    @Test
    void injectedFaultsPrecedeEveryCall() {
        scheduler.faults().unreachable(true);
        assertThatThrownBy(scheduler::controllers).isInstanceOf(BackendUnavailableException.class);
        assertThatThrownBy(() -> scheduler.resume(List.of(N1))).isInstanceOf(BackendUnavailableException.class);
        assertThat(scheduler.faults().calls("resume")).isEqualTo(1);
    }

    @Test
    void derivedFlagsGivenToAddNodeAreStoredAsDrain() {
        scheduler.addNode(NodeId.of("n3"), NodeState.MIXED, NodeFlag.DRAINED);
        assertThat(scheduler.node("n3").flags()).containsExactlyInAnyOrder(NodeFlag.DRAIN, NodeFlag.DRAINING);
    }
}
