package io.hpcha.examples.demo;

import io.hpcha.InstanceState;
import io.hpcha.NodeId;
import io.hpcha.NodeState;
import io.hpcha.examples.recovery.ComputePair;
import io.hpcha.examples.recovery.RecoveryAgent;
import io.hpcha.policy.DecisionRecord;
import io.hpcha.policy.ReconcileListener;
import io.hpcha.policy.RemediationBudget;
import io.hpcha.testkit.FakeCluster;
import io.hpcha.testkit.FakeComputeFleet;
import io.hpcha.testkit.RecordedWrite;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Scenario B: compute node auto-recovery. The recovery agent watches four compute nodes, each with a cold
 * standby, on the testkit's {@link FakeCluster} (Slurm and EC2 wired together), a pass every 30 s:
 *
 * <ol>
 *   <li>compute-2's host fails its EC2 system status check: the agent starts compute-2's standby, marks
 *       compute-2 DOWN, and waits until the standby's node is IDLE;</li>
 *   <li>the EC2 API then fails for 90 s, and compute-3's instance dies meanwhile: the agent trusts nothing
 *       it cannot see (protected mode), acts on nothing, and recovers compute-3 once the API has answered
 *       again for the cool-down.</li>
 * </ol>
 * The timeline shows the agent's own log lines. Single-threaded, on simulated time.
 */
final class ComputeRecoveryScenario {
    static final String TITLE = "Scenario B: compute node auto-recovery";
    private static final Duration PASS = Duration.ofSeconds(30);
    private static final Duration FIRST_FAILURE = Duration.ofSeconds(60);
    private static final Duration OUTAGE_AT = Duration.ofMinutes(6);
    private static final Duration OUTAGE = Duration.ofSeconds(90);
    private static final Duration COOL_DOWN = Duration.ofMinutes(3);

    private final SimulatedTime time;
    private final Timeline timeline;
    private final List<DecisionRecord> decisions = new ArrayList<>();

    ComputeRecoveryScenario(SimulatedTime time, Timeline timeline) {
        this.time = time;
        this.timeline = timeline;
    }

    ScenarioResult run() {
        timeline.scenario(TITLE);
        timeline.note("compute-1..4 in service, each with a cold standby (instance stopped, node DOWN); the agent");
        timeline.note("reads EC2 status checks and Slurm node states every 30 s; at most 3 actions of a kind per hour;");
        timeline.note("protected mode when EC2 or slurmctld fail or more than half the nodes fail at once ("
                + COOL_DOWN.toMinutes() + " min cool-down).");
        var clock = time.clock();
        FakeCluster cluster = FakeCluster.builder().clock(clock).bootTime(Duration.ofSeconds(40)).checksDelay(Duration.ofSeconds(60))
                .computeNodes("compute-1", "compute-2", "compute-3", "compute-4")
                .standby("compute-1-standby", "compute-2-standby", "compute-3-standby", "compute-4-standby").build();
        RemediationBudget budget = RemediationBudget.builder().name("recovery-agent").clock(clock)
                .maxActions(3, Duration.ofHours(1)).coolDown(COOL_DOWN).build();
        RecoveryAgent.Builder ab = RecoveryAgent.builder(cluster.fleet(), cluster.scheduler()).clock(clock).budget(budget)
                .interval(PASS).listener(new ReconcileListener() {
                    @Override
                    public void onDecision(String loop, DecisionRecord r) {
                        decisions.add(r);
                    }
                });
        for (NodeId node : cluster.computeNodes()) {
            ab.pair(new ComputePair(node.value().replace("compute", "Compute"), node, NodeId.of(node.value() + "-standby"),
                    Optional.empty(), Optional.empty()));
        }
        RecoveryAgent agent = ab.build();
        Instant origin = clock.instant();
        List<Instant> completed = new ArrayList<>();
        List<RecordedWrite> fleetWritesInOutage = new ArrayList<>();
        Instant[] apiBack = new Instant[1];

        try (LogTap tap = new LogTap(Set.of("ReconcileLoop", "RecoveryActor", "RemediationBudget"), Set.of("RecoveryActor"), timeline::event).attach()) {
            time.every(PASS, Duration.ZERO, () -> {
                int before = decisions.size();
                agent.runOnce();
                decisions.subList(before, decisions.size()).stream()
                        .filter(r -> r.describe().startsWith("RECOVERY COMPLETE")).forEach(r -> completed.add(clock.instant()));
            });
            time.at(FIRST_FAILURE, () -> {
                cluster.impair("compute-2", FakeComputeFleet.Check.SYSTEM);
                timeline.event("(the host under compute-2 fails: EC2 system status check impaired)");
            });
            time.at(OUTAGE_AT, () -> {
                cluster.fleet().faults().unreachable(true);
                timeline.event("(the EC2 API stops answering)");
            });
            time.at(OUTAGE_AT.plusSeconds(20), () -> {
                cluster.crash("compute-3");
                timeline.event("(compute-3's instance dies while the agent cannot see EC2)");
            });
            time.at(OUTAGE_AT.plus(OUTAGE), () -> {
                cluster.fleet().faults().unreachable(false);
                apiBack[0] = clock.instant();
                timeline.event("(the EC2 API answers again)");
            });
            Instant end = origin.plus(Duration.ofMinutes(20));
            while (clock.instant().isBefore(end) && completed.size() < 2) {
                time.sleep(Duration.ofSeconds(1));
            }
        }
        Instant outageStart = origin.plus(OUTAGE_AT);
        for (RecordedWrite w : cluster.fleet().writes()) {
            // from the outage until the cool-down after the API's return (less one pass: the cool-down counts from the last failed pass)
            if (!w.at().isBefore(outageStart) && apiBack[0] != null && w.at().isBefore(apiBack[0].plus(COOL_DOWN).minus(PASS))) {
                fleetWritesInOutage.add(w);
            }
        }
        List<String> failures = check(cluster, completed, fleetWritesInOutage);
        Duration first = completed.isEmpty() ? Duration.ZERO : Duration.between(origin.plus(FIRST_FAILURE), completed.get(0));
        if (failures.isEmpty()) {
            timeline.note("Outcome: compute-2 replaced " + Timeline.format(first) + " after its host failed; compute-3 replaced "
                    + Timeline.format(Duration.between(origin.plus(OUTAGE_AT).plusSeconds(20), completed.get(1)))
                    + " after it died, with no action while EC2 could not be seen;");
            timeline.note("EC2 writes: " + describe(cluster.fleet().writes()) + "; Slurm writes: " + describe(cluster.scheduler().writes()) + ".");
        } else {
            failures.forEach(f -> timeline.note("NOT AS EXPECTED: " + f));
        }
        return ScenarioResult.of(TITLE, first, failures);
    }

    private static List<String> check(FakeCluster cluster, List<Instant> completed, List<RecordedWrite> writesInOutage) {
        List<String> failures = new ArrayList<>();
        if (completed.size() < 2) {
            failures.add("only " + completed.size() + " of 2 recoveries completed within 20 minutes");
        }
        for (String standby : List.of("compute-2-standby", "compute-3-standby")) {
            if (cluster.scheduler().node(standby).state() != NodeState.IDLE) {
                failures.add(standby + " is " + cluster.scheduler().node(standby).rawState() + ", not IDLE");
            }
            if (cluster.fleet().instance(cluster.instanceOf(standby)).state() != InstanceState.RUNNING) {
                failures.add(standby + "'s instance is not running");
            }
        }
        for (String idle : List.of("compute-1-standby", "compute-4-standby")) {
            if (cluster.fleet().instance(cluster.instanceOf(idle)).state() != InstanceState.STOPPED) {
                failures.add(idle + " was started though its primary is healthy");
            }
        }
        List<String> fleetWrites = cluster.fleet().writes().stream().map(w -> w.operation() + " " + w.targets()).toList();
        List<String> expected = List.of("start [" + cluster.instanceOf("compute-2-standby") + "]",
                "start [" + cluster.instanceOf("compute-3-standby") + "]");
        if (!fleetWrites.equals(expected)) {
            failures.add("EC2 writes were " + fleetWrites + ", expected " + expected);
        }
        if (!writesInOutage.isEmpty()) {
            failures.add("the agent acted while the EC2 API was failing or cooling down: " + writesInOutage);
        }
        return failures;
    }

    private static String describe(List<RecordedWrite> writes) {
        return String.join(", ", writes.stream().map(w -> w.operation() + " " + String.join(" ", w.targets())).toList());
    }
}
