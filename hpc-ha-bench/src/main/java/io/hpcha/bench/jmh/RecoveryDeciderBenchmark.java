package io.hpcha.bench.jmh;

import io.hpcha.FleetInstance;
import io.hpcha.InstanceState;
import io.hpcha.NodeId;
import io.hpcha.StatusCheck;
import io.hpcha.bench.cluster.CannedSlurm;
import io.hpcha.bench.cluster.GeneratedCluster;
import io.hpcha.bench.cluster.SinfoJson;
import io.hpcha.examples.recovery.ClusterSnapshot;
import io.hpcha.examples.recovery.RecoveryDecider;
import io.hpcha.examples.recovery.RecoveryMode;
import io.hpcha.policy.Decision;
import io.hpcha.policy.FailureCensus;
import io.hpcha.slurm.SlurmScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The recovery agent's {@link RecoveryDecider} alone (census and decisions, what one pass computes)
 * over a snapshot of N nodes: Slurm's nodes parsed from the generated {@code sinfo --json}, the
 * fleet's instances built as {@code Ec2ComputeFleet} builds them from the same generated cluster.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RecoveryDeciderBenchmark {
    @Param({"1000", "10000", "50000"})
    public int nodes;

    private RecoveryDecider decider;
    private ClusterSnapshot snapshot;
    private final Instant now = Instant.parse("2026-11-23T12:00:00Z");

    @Setup
    public void setUp() {
        GeneratedCluster c = GeneratedCluster.of(nodes, 2);
        var slurm = SlurmScheduler.builder().runner(new CannedSlurm(SinfoJson.of(c))).build().nodes();
        snapshot = new ClusterSnapshot(instances(c), slurm, Map.of());
        decider = new RecoveryDecider(c.computePairs(), RecoveryMode.START_STANDBY, Duration.ofMinutes(10));
        long acts = decider.decide(snapshot, now).stream().filter(Decision::isAction).count();
        if (acts != c.failedCount()) {
            throw new IllegalStateException("decider chose " + acts + " actions, expected " + c.failedCount());
        }
    }

    /** The instances as the fleet reports them: primaries running (failed ones impaired), standbys stopped. */
    static List<FleetInstance> instances(GeneratedCluster c) {
        List<FleetInstance> out = new ArrayList<>(c.nodes());
        for (int i = 0; i < c.nodes(); i++) {
            boolean primary = c.isPrimary(i);
            StatusCheck system = primary ? (c.isFailed(i) ? StatusCheck.IMPAIRED : StatusCheck.OK) : StatusCheck.NOT_APPLICABLE;
            StatusCheck reach = primary ? StatusCheck.OK : StatusCheck.NOT_APPLICABLE;
            String name = GeneratedCluster.nodeName(i);
            out.add(new FleetInstance(GeneratedCluster.instanceId(i), Optional.of(NodeId.of(name)),
                    primary ? InstanceState.RUNNING : InstanceState.STOPPED, system, reach, List.of(),
                    Map.of(GeneratedCluster.CLUSTER_TAG, GeneratedCluster.CLUSTER, GeneratedCluster.NODE_TAG, name)));
        }
        return out;
    }

    @Benchmark
    public FailureCensus census() {
        return decider.census(snapshot);
    }

    @Benchmark
    public List<Decision> decide() {
        return decider.decide(snapshot, now);
    }
}
