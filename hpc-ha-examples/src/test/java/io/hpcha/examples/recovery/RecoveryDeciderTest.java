package io.hpcha.examples.recovery;

import static io.hpcha.examples.recovery.Cluster.instance;
import static io.hpcha.examples.recovery.Cluster.node;
import static io.hpcha.examples.recovery.Cluster.running;
import static io.hpcha.examples.recovery.Cluster.stopped;
import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.InstanceState;
import io.hpcha.NodeFlag;
import io.hpcha.NodeState;
import io.hpcha.StatusCheck;
import io.hpcha.policy.Decision;
import io.hpcha.policy.FailureCensus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecoveryDeciderTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final ComputePair pair = new ComputePair("Compute-1", io.hpcha.NodeId.of("compute-1"),
            io.hpcha.NodeId.of("compute-1-standby"), java.util.Optional.empty(), java.util.Optional.empty());
    private final RecoveryDecider decider = new RecoveryDecider(List.of(pair), RecoveryMode.START_STANDBY, Duration.ofMinutes(10));

    private List<Decision> decide(ClusterSnapshot s) {
        return decider.decide(s, NOW);
    }

    @Test
    void aHealthyPrimaryIsMonitoredInTheOperatorsWords() {
        var s = ClusterSnapshot.of(List.of(running("i-1", "compute-1"), stopped("i-2", "compute-1-standby")),
                List.of(node("compute-1", NodeState.IDLE), node("compute-1-standby", NodeState.DOWN, NodeFlag.POWERED_DOWN)));

        assertThat(decide(s)).containsExactly(Decision.none("Compute-1", "Monitoring Compute-1... Status: running | Health: ok"));
        assertThat(decider.census(s)).isEqualTo(new FailureCensus(0, 1));
    }

    @Test
    void initializingChecksAndANotRespondingNodeAreNotFailures() {
        var s = ClusterSnapshot.of(
                List.of(instance("i-1", "compute-1", InstanceState.RUNNING, StatusCheck.INITIALIZING, StatusCheck.INSUFFICIENT_DATA),
                        stopped("i-2", "compute-1-standby")),
                List.of(node("compute-1", NodeState.ALLOCATED, NodeFlag.NOT_RESPONDING)));

        assertThat(decide(s)).singleElement().satisfies(d -> {
            assertThat(d.isAction()).isFalse();
            assertThat(d.reason()).isEqualTo("Monitoring Compute-1... Status: running | Health: system initializing, instance insufficient-data");
        });
    }

    @Test
    void anImpairedPrimaryGetsItsStandbyStartedAndIsTakenOutOfSlurm() {
        var s = ClusterSnapshot.of(
                List.of(instance("i-1", "compute-1", InstanceState.RUNNING, StatusCheck.IMPAIRED, StatusCheck.OK),
                        stopped("i-2", "compute-1-standby")),
                List.of(node("compute-1", NodeState.ALLOCATED), node("compute-1-standby", NodeState.DOWN)));

        List<Decision> d = decide(s);

        assertThat(d).extracting(Decision::action).containsExactly("start-standby", "take-out");
        assertThat(d.get(0).reason()).startsWith("ALERT: Primary Compute Node Failed. Initiating Recovery...")
                .contains("system impaired, instance ok");
        assertThat(d.get(0).params()).containsEntry("instance", "i-2");
        assertThat(d.get(1).subject()).isEqualTo("compute-1");
        assertThat(decider.census(s)).isEqualTo(new FailureCensus(1, 1));
    }

    @Test
    void aStoppedPrimaryIsRecovered() {
        var s = ClusterSnapshot.of(List.of(stopped("i-1", "compute-1"), stopped("i-2", "compute-1-standby")),
                List.of(node("compute-1", NodeState.DOWN, NodeFlag.NOT_RESPONDING)));

        List<Decision> d = decide(s);

        assertThat(d).extracting(Decision::action).containsExactly("start-standby");
        assertThat(d.get(0).reason()).contains("instance i-1 is stopped");
    }

    @Test
    void aNodeSlurmReportsDownIsRecoveredEvenWithAHealthyInstance() {
        var s = ClusterSnapshot.of(List.of(running("i-1", "compute-1"), stopped("i-2", "compute-1-standby")),
                List.of(node("compute-1", NodeState.DOWN, NodeFlag.NOT_RESPONDING)));

        assertThat(decide(s)).extracting(Decision::action).containsExactly("start-standby");
        assertThat(decide(s).get(0).reason()).contains("Slurm node compute-1 is DOWN+NOT_RESPONDING (Not responding)");
    }

    @Test
    void aDrainedPrimaryIsNotTakenOutAgain() {
        var s = ClusterSnapshot.of(List.of(stopped("i-1", "compute-1"), stopped("i-2", "compute-1-standby")),
                List.of(node("compute-1", NodeState.IDLE, NodeFlag.DRAIN)));

        assertThat(decide(s)).extracting(Decision::action).containsExactly("start-standby");
    }

    @Test
    void whileTheStandbyBootsTheAgentWaitsForItsNodeToBeIdle() {
        var s = new ClusterSnapshot(List.of(stopped("i-1", "compute-1"),
                instance("i-2", "compute-1-standby", InstanceState.PENDING, StatusCheck.INITIALIZING, StatusCheck.INITIALIZING)),
                List.of(node("compute-1", NodeState.DOWN), node("compute-1-standby", NodeState.DOWN, NodeFlag.NOT_RESPONDING)),
                Map.of("Compute-1", NOW.minusSeconds(30)));

        assertThat(decide(s)).singleElement().satisfies(d -> {
            assertThat(d.isAction()).isFalse();
            assertThat(d.reason()).isEqualTo("Waiting for standby node compute-1-standby to become IDLE (EC2: pending, Slurm: DOWN+NOT_RESPONDING)");
        });
    }

    @Test
    void aRunningStandbyWhoseNodeAnswersIsReturnedToService() {
        var s = new ClusterSnapshot(List.of(stopped("i-1", "compute-1"),
                instance("i-2", "compute-1-standby", InstanceState.RUNNING, StatusCheck.INITIALIZING, StatusCheck.INITIALIZING)),
                List.of(node("compute-1", NodeState.DOWN), node("compute-1-standby", NodeState.DOWN)),
                Map.of("Compute-1", NOW.minusSeconds(40)));

        assertThat(decide(s)).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo("resume");
            assertThat(d.subject()).isEqualTo("compute-1-standby");
            assertThat(d.reason()).isEqualTo("Standby Node i-2 is up; returning compute-1-standby to service in Slurm (was DOWN)");
        });
    }

    @Test
    void aStandbyThatTakesTooLongIsFlagged() {
        var s = new ClusterSnapshot(List.of(stopped("i-1", "compute-1"), running("i-2", "compute-1-standby")),
                List.of(node("compute-1", NodeState.DOWN), node("compute-1-standby", NodeState.DOWN, NodeFlag.NOT_RESPONDING)),
                Map.of("Compute-1", NOW.minus(Duration.ofMinutes(11))));

        assertThat(decide(s).get(0).reason()).contains("ALERT: not ready 660 s after recovery started");
    }

    @Test
    void anIdleStandbyCompletesTheRecoveryItStarted() {
        var s = new ClusterSnapshot(List.of(stopped("i-1", "compute-1"), running("i-2", "compute-1-standby")),
                List.of(node("compute-1", NodeState.DOWN), node("compute-1-standby", NodeState.IDLE)),
                Map.of("Compute-1", NOW.minusSeconds(90)));

        assertThat(decide(s)).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo("RECOVERY COMPLETE: Standby Node is Active.");
            assertThat(d.params()).containsEntry(RecoveryDecider.EVENT, RecoveryDecider.RECOVERY_COMPLETE);
        });

        var later = ClusterSnapshot.of(s.instances(), s.nodes());
        assertThat(decide(later).get(0).reason())
                .isEqualTo("Monitoring Compute-1... primary down, running on standby i-2: Status: running | Health: ok");
    }

    @Test
    void withoutAUsableStandbyTheOperatorIsAlerted() {
        var gone = ClusterSnapshot.of(List.of(stopped("i-1", "compute-1"),
                        instance("i-2", "compute-1-standby", InstanceState.TERMINATED, StatusCheck.NOT_APPLICABLE, StatusCheck.NOT_APPLICABLE)),
                List.of(node("compute-1", NodeState.DOWN)));
        assertThat(decide(gone)).singleElement().satisfies(d -> {
            assertThat(d.isAction()).isFalse();
            assertThat(d.reason()).contains("standby i-2 is terminated").contains("Operator action needed");
        });

        var missing = ClusterSnapshot.of(List.of(stopped("i-1", "compute-1")), List.of(node("compute-1", NodeState.IDLE)));
        assertThat(decide(missing)).extracting(Decision::action).containsExactly("none", "take-out");
    }

    @Test
    void anUnknownPrimaryIsReportedNotActedOn() {
        var s = ClusterSnapshot.of(List.of(stopped("i-2", "compute-1-standby")), List.of(node("compute-1", NodeState.DOWN)));

        assertThat(decide(s)).singleElement().satisfies(d -> {
            assertThat(d.isAction()).isFalse();
            assertThat(d.reason()).contains("no EC2 instance found for node compute-1");
        });
    }

    @Test
    void explicitInstanceIdsWinOverTags() {
        ComputePair byId = new ComputePair("C1", io.hpcha.NodeId.of("compute-1"), io.hpcha.NodeId.of("compute-1-standby"),
                java.util.Optional.of("i-9"), java.util.Optional.of("i-8"));
        RecoveryDecider d = new RecoveryDecider(List.of(byId), RecoveryMode.START_STANDBY, Duration.ofMinutes(10));
        var s = ClusterSnapshot.of(List.of(running("i-1", "compute-1"), stopped("i-9", "other"), stopped("i-8", "other-2")),
                List.of());

        assertThat(d.decide(s, NOW)).singleElement().satisfies(x -> assertThat(x.params()).containsEntry("instance", "i-8"));
    }

    @Test
    void replacementModeLaunchesOnceThenWaitsThenCompletes() {
        RecoveryDecider d = new RecoveryDecider(List.of(pair), RecoveryMode.LAUNCH_REPLACEMENT, Duration.ofMinutes(10));
        var failed = ClusterSnapshot.of(List.of(instance("i-1", "compute-1", InstanceState.RUNNING, StatusCheck.IMPAIRED, StatusCheck.IMPAIRED)),
                List.of(node("compute-1", NodeState.ALLOCATED)));
        assertThat(d.decide(failed, NOW)).extracting(Decision::action).containsExactly("take-out", "launch-replacement");

        var booting = new ClusterSnapshot(List.of(failed.instances().get(0),
                instance("i-5", "compute-1", InstanceState.PENDING, StatusCheck.INITIALIZING, StatusCheck.INITIALIZING)),
                List.of(node("compute-1", NodeState.DOWN)), Map.of("Compute-1", NOW));
        assertThat(d.decide(booting, NOW)).singleElement().satisfies(x -> {
            assertThat(x.isAction()).isFalse();
            assertThat(x.reason()).startsWith("Waiting for node compute-1 on replacement i-5");
        });

        var done = new ClusterSnapshot(List.of(failed.instances().get(0), running("i-5", "compute-1")),
                List.of(node("compute-1", NodeState.IDLE)), Map.of("Compute-1", NOW));
        assertThat(d.decide(done, NOW)).singleElement()
                .satisfies(x -> assertThat(x.reason()).isEqualTo("RECOVERY COMPLETE: Replacement Node i-5 is Active."));
    }

    @Test
    void replacementModeDoesNotLaunchBesideAHealthyInstance() {
        RecoveryDecider d = new RecoveryDecider(List.of(pair), RecoveryMode.LAUNCH_REPLACEMENT, Duration.ofMinutes(10));
        var s = ClusterSnapshot.of(List.of(running("i-1", "compute-1")), List.of(node("compute-1", NodeState.DOWN)));

        assertThat(d.decide(s, NOW)).singleElement().satisfies(x -> {
            assertThat(x.isAction()).isFalse();
            assertThat(x.reason()).contains("not launching a replacement beside it");
        });
    }
}
