package io.hpcha.examples.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.BackendUnavailableException;
import io.hpcha.InstanceState;
import io.hpcha.NodeState;
import io.hpcha.policy.DecisionRecord;
import io.hpcha.policy.Outcome;
import io.hpcha.policy.PassReport;
import io.hpcha.policy.ReconcileListener;
import io.hpcha.policy.RemediationBudget;
import io.hpcha.testkit.FakeCluster;
import io.hpcha.testkit.FakeComputeFleet;
import io.hpcha.testkit.ManualClock;
import io.hpcha.testkit.RecordedWrite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent against the testkit's simulated cluster, on a manual clock: passes 30 s apart, no sleeping. */
class RecoveryAgentTest {
    private final ManualClock clock = new ManualClock();
    private final List<String> log = new ArrayList<>();

    private FakeCluster cluster(int pairs) {
        FakeCluster.Builder b = FakeCluster.builder().clock(clock).bootTime(Duration.ofSeconds(50));
        String[] primaries = new String[pairs];
        String[] standbys = new String[pairs];
        for (int i = 0; i < pairs; i++) {
            primaries[i] = "compute-" + (i + 1);
            standbys[i] = "compute-" + (i + 1) + "-standby";
        }
        return b.computeNodes(primaries).standby(standbys).build();
    }

    private RecoveryAgent agent(FakeCluster cluster, boolean dryRun) {
        RecoveryAgent.Builder b = RecoveryAgent.builder(cluster.fleet(), cluster.scheduler()).clock(clock).dryRun(dryRun)
                .budget(RemediationBudget.builder().clock(clock).coolDown(Duration.ofMinutes(5)).build())
                .listener(new ReconcileListener() {
                    @Override
                    public void onDecision(String loop, DecisionRecord r) {
                        log.add(r.describe());
                    }
                });
        for (var node : cluster.computeNodes()) {
            b.pair(new ComputePair(node.value().replace("compute", "Compute"), node, io.hpcha.NodeId.of(node.value() + "-standby"),
                    java.util.Optional.empty(), java.util.Optional.empty()));
        }
        return b.build();
    }

    /** Runs passes 30 s apart until {@code minutes} of simulated time have passed. */
    private void run(RecoveryAgent agent, int minutes) {
        for (int i = 0; i < minutes * 2; i++) {
            agent.runOnce();
            clock.advance(Duration.ofSeconds(30));
        }
    }

    private static List<String> writes(FakeCluster c) {
        List<String> out = new ArrayList<>();
        for (RecordedWrite w : c.fleet().writes()) {
            out.add("fleet " + w.operation() + " " + w.targets());
        }
        for (RecordedWrite w : c.scheduler().writes()) {
            out.add("slurm " + w.operation() + " " + w.targets());
        }
        return out;
    }

    @Test
    void aCrashedComputeNodeIsReplacedByItsStandbyUntilTheStandbyIsIdle() {
        FakeCluster c = cluster(3);
        RecoveryAgent agent = agent(c, false);
        agent.runOnce();
        assertThat(log).contains("Monitoring Compute-1... Status: running | Health: ok");

        c.crash("compute-1");
        log.clear();
        run(agent, 5);

        String standby = c.instanceOf("compute-1-standby");
        assertThat(log).containsSubsequence(
                "ALERT: Primary Compute Node Failed. Initiating Recovery... (instance " + c.instanceOf("compute-1") + " is stopped)",
                "Taking failed node compute-1 out of Slurm (instance " + c.instanceOf("compute-1") + " is stopped)",
                "Waiting for standby node compute-1-standby to become IDLE (EC2: pending, Slurm: DOWN+NOT_RESPONDING)",
                "Standby Node " + standby + " is up; returning compute-1-standby to service in Slurm (was DOWN)",
                "RECOVERY COMPLETE: Standby Node is Active.",
                "Monitoring Compute-1... primary down, running on standby " + standby + ": Status: running | Health: ok");
        assertThat(log.stream().filter(l -> l.startsWith("RECOVERY COMPLETE"))).hasSize(1);
        assertThat(writes(c)).containsExactly("fleet start [" + standby + "]", "slurm markDown [compute-1]",
                "slurm resume [compute-1-standby]");
        assertThat(c.scheduler().node("compute-1-standby").state()).isEqualTo(NodeState.IDLE);
        assertThat(c.fleet().instance(standby).state()).isEqualTo(InstanceState.RUNNING);
    }

    @Test
    void anImpairedInstanceIsRecoveredToo() {
        FakeCluster c = cluster(3);
        RecoveryAgent agent = agent(c, false);
        c.impair("compute-2", FakeComputeFleet.Check.SYSTEM);

        run(agent, 3);

        assertThat(log).anyMatch(l -> l.startsWith("ALERT: Primary Compute Node Failed. Initiating Recovery...")
                && l.contains("system impaired, instance ok"));
        assertThat(c.scheduler().node("compute-2-standby").state()).isEqualTo(NodeState.IDLE);
        assertThat(c.scheduler().node("compute-2").state()).isEqualTo(NodeState.DOWN);
    }

    @Test
    void sixtyPercentOfNodesDownAtOnceIsProtectedModeAndNothingIsDone() {
        FakeCluster c = cluster(5);
        RecoveryAgent agent = agent(c, false);
        c.crash("compute-1").crash("compute-2").crash("compute-3");

        run(agent, 4);

        assertThat(writes(c)).isEmpty();
        assertThat(agent.budget().state()).isEqualTo(RemediationBudget.State.PROTECTED);
        assertThat(agent.loop().count(Outcome.PROTECTED)).isPositive();
        assertThat(log).anyMatch(l -> l.contains("not acting: PROTECTED: 3 of 5 watched subjects failing at once (60% > 50%)"));
    }

    @Test
    void whileTheEc2ApiFailsNothingIsDoneAndRecoveryFollowsItsReturn() {
        FakeCluster c = cluster(3);
        RecoveryAgent agent = agent(c, false);
        c.crash("compute-1");
        c.fleet().faults().unreachable(true);

        List<PassReport> reports = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            reports.add(agent.runOnce());
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(reports).allSatisfy(r -> assertThat(r.status()).isEqualTo(PassReport.Status.OBSERVER_FAILED));
        assertThat(writes(c)).isEmpty();
        assertThat(agent.budget().isProtected()).isTrue();

        c.fleet().faults().unreachable(false);
        agent.runOnce();
        assertThat(writes(c)).as("the cool-down runs from the last failure").isEmpty();

        run(agent, 8);
        assertThat(writes(c)).startsWith("fleet start [" + c.instanceOf("compute-1-standby") + "]");
        assertThat(c.scheduler().node("compute-1-standby").state()).isEqualTo(NodeState.IDLE);
    }

    @Test
    void slurmctldUnreachableIsSuspectToo() {
        FakeCluster c = cluster(3);
        RecoveryAgent agent = agent(c, false);
        c.crash("compute-1");
        c.scheduler().faults().failNext(3, () -> new BackendUnavailableException("slurm_load_node: Unable to contact slurm controller"));

        PassReport r = agent.runOnce();

        assertThat(r.status()).isEqualTo(PassReport.Status.OBSERVER_FAILED);
        assertThat(r.error()).contains("Unable to contact slurm controller");
        assertThat(agent.budget().isProtected()).isTrue();
    }

    @Test
    void dryRunDecidesAndLogsButChangesNothing() {
        FakeCluster c = cluster(3);
        RecoveryAgent agent = agent(c, true);
        c.crash("compute-1");

        run(agent, 2);

        assertThat(writes(c)).isEmpty();
        assertThat(log).anyMatch(l -> l.startsWith("ALERT: Primary Compute Node Failed") && l.contains("[dry-run: would start-standby Compute-1]"));
        assertThat(agent.loop().count(Outcome.DRY_RUN)).isPositive();
        assertThat(agent.loop().count(Outcome.ACTED)).isZero();
    }
}
