package io.hpcha.bench.scale;

import io.hpcha.FleetInstance;
import io.hpcha.SchedulerNode;
import io.hpcha.aws.Ec2ComputeFleet;
import io.hpcha.bench.cluster.CannedSlurm;
import io.hpcha.bench.cluster.GeneratedCluster;
import io.hpcha.bench.cluster.SinfoJson;
import io.hpcha.bench.ec2.Ec2Clients;
import io.hpcha.bench.ec2.StandInProcess;
import io.hpcha.examples.recovery.ClusterSnapshot;
import io.hpcha.examples.recovery.RecoveryAgent;
import io.hpcha.examples.recovery.RecoveryDecider;
import io.hpcha.examples.recovery.RecoveryMode;
import io.hpcha.policy.Outcome;
import io.hpcha.policy.PassReport;
import io.hpcha.slurm.SlurmScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The scale scenario, a plain {@code main}: for each N, one reconcile pass of the recovery agent (real
 * {@link SlurmScheduler} over a generated Slurm 22.05 {@code sinfo --json}, real {@link Ec2ComputeFleet}
 * over the AWS SDK against a paged EC2 stand-in in a child JVM, the real {@link RecoveryDecider} and
 * actor), then the naive agent against the same stand-in. Prints Markdown tables.
 *
 * <pre>
 * ScaleScenario [--sizes 1000,10000,50000] [--passes 3] [--large-passes 1] [--naive-max-pairs P] [--out FILE]
 * </pre>
 *
 * The first size starts with a warm-up (an agent pass and 1,000 naive requests: class loading, JIT,
 * connections) that is not measured; the JVM stays warm for the larger sizes. {@code --passes}
 * measured agent passes per size up to 10,000 nodes (the median is reported), {@code --large-passes}
 * above.
 * Each agent pass uses a fresh agent (its remediation budget allows 3 starts per hour, and every pass
 * must act the same). Two primaries have failed in every cluster, so each pass starts two standbys.
 * {@code --naive-max-pairs} caps the naive pass (the rest is extrapolated linearly and marked so).
 */
public final class ScaleScenario {
    static final int FAILED = 2;

    private ScaleScenario() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-bench.xml");
        }
        List<Integer> sizes = List.of(1_000, 10_000, 50_000);
        int passes = 3;
        int largePasses = 1;
        int naiveMax = Integer.MAX_VALUE;
        Path out = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--sizes" -> sizes = java.util.Arrays.stream(args[i + 1].split(",")).map(Integer::valueOf).toList();
                case "--passes" -> passes = Integer.parseInt(args[i + 1]);
                case "--large-passes" -> largePasses = Integer.parseInt(args[i + 1]);
                case "--naive-max-pairs" -> naiveMax = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<ScaleRow> rows = new ArrayList<>();
        boolean warm = false;
        for (int n : sizes) {
            ScaleRow row = run(GeneratedCluster.of(n, FAILED), n <= 10_000 ? passes : largePasses, naiveMax, !warm);
            warm = true;
            rows.add(row);
            System.err.printf("scale: N=%d done: agent %d ms CPU, %d requests; naive %d ms CPU, %d requests%n", n,
                    row.agent().processCpuNanos() / 1_000_000, row.agentTotal(), row.naive().processCpuNanos() / 1_000_000, row.naiveTotal());
        }
        String table = MarkdownTables.of(rows);
        System.out.println(table);
        if (out != null) {
            Files.writeString(out, table);
        }
    }

    static ScaleRow run(GeneratedCluster cluster, int passes, int naiveMax, boolean warmUp) throws Exception {
        String sinfo = SinfoJson.of(cluster);
        try (StandInProcess ec2 = StandInProcess.start(cluster); Ec2Client client = Ec2Clients.forEndpoint(ec2.endpoint())) {
            SlurmScheduler scheduler = SlurmScheduler.builder().runner(new CannedSlurm(sinfo)).build();
            Ec2ComputeFleet fleet = Ec2ComputeFleet.builder().ec2(client)
                    .clusterTag(GeneratedCluster.CLUSTER_TAG, GeneratedCluster.CLUSTER).nodeNameTag(GeneratedCluster.NODE_TAG).build();

            NaiveRecoveryAgent naive = new NaiveRecoveryAgent(client, NaiveRecoveryAgent.pairsOf(cluster));
            if (warmUp) {
                check(agent(cluster, fleet, scheduler).runOnce(), cluster);
                naive.runOnce(Math.min(1_000, naive.pairs()));
            }
            List<Measurement> agentCosts = new ArrayList<>();
            Map<String, Long> agentRequests = Map.of();
            for (int pass = 0; pass < passes; pass++) {
                RecoveryAgent agent = agent(cluster, fleet, scheduler);
                ec2.resetCounts();
                Measurement.Measured<PassReport> m = Measurement.of(agent::runOnce);
                check(m.result(), cluster);
                agentRequests = ec2.counts();
                agentCosts.add(m.cost());
            }

            // the agent's parts alone
            long fleetRead = threadCpu(() -> fleet.instances()).cost().threadCpuNanos();
            Measurement.Measured<List<FleetInstance>> instances = threadCpu(fleet::instances);
            Measurement.Measured<List<SchedulerNode>> nodes = threadCpu(scheduler::nodes);
            ClusterSnapshot snapshot = new ClusterSnapshot(instances.result(), nodes.result(), Map.of());
            RecoveryDecider decider = new RecoveryDecider(cluster.computePairs(), RecoveryMode.START_STANDBY, Duration.ofMinutes(10));
            Instant now = Instant.now();
            long decide = threadCpu(() -> {
                decider.census(snapshot);
                return decider.decide(snapshot, now);
            }).cost().threadCpuNanos();
            fleetRead = Math.min(fleetRead, instances.cost().threadCpuNanos());

            // the naive agent: one pass (sampled when capped)
            int visited = Math.min(naiveMax, naive.pairs());
            ec2.resetCounts();
            Measurement.Measured<Integer> nm = Measurement.of(() -> naive.runOnce(visited));
            Map<String, Long> naiveRequests = new HashMap<>(ec2.counts());
            Measurement naiveCost = nm.cost();
            if (visited < naive.pairs()) {
                double factor = (double) naive.pairs() / visited;
                naiveCost = naiveCost.scaled(factor);
                naiveRequests.put("DescribeInstanceStatus", naive.pairs() * 1L);
                naiveRequests.put("StartInstances", (long) cluster.failedCount());
            } else if (nm.result() != cluster.failedCount()) {
                throw new IllegalStateException("naive agent started " + nm.result() + " standbys, expected " + cluster.failedCount());
            }
            return new ScaleRow(cluster.nodes(), Measurement.median(agentCosts), agentRequests, naiveCost, naiveRequests,
                    visited, naive.pairs(), fleetRead, nodes.cost().threadCpuNanos(), decide);
        }
    }

    static RecoveryAgent agent(GeneratedCluster cluster, Ec2ComputeFleet fleet, SlurmScheduler scheduler) {
        RecoveryAgent.Builder b = RecoveryAgent.builder(fleet, scheduler).jitter(0);
        cluster.computePairs().forEach(b::pair);
        return b.build();
    }

    /** The pass must have seen the whole cluster and started exactly the failed pairs' standbys. */
    static void check(PassReport r, GeneratedCluster cluster) {
        if (r.status() != PassReport.Status.COMPLETED) {
            throw new IllegalStateException("pass did not complete: " + r.status() + " " + r.error());
        }
        if (r.decisions().size() < cluster.pairs()) {
            throw new IllegalStateException("pass decided about " + r.decisions().size() + " of " + cluster.pairs() + " pairs");
        }
        long started = r.withOutcome(Outcome.ACTED).stream()
                .filter(d -> d.decision().action().equals(RecoveryDecider.START_STANDBY)).count();
        if (started != cluster.failedCount() || r.decisions().stream().anyMatch(d -> d.outcome() == Outcome.FAILED)) {
            throw new IllegalStateException("pass started " + started + " standbys, expected " + cluster.failedCount() + ": "
                    + r.decisions().stream().filter(d -> d.decision().isAction()).toList());
        }
    }

    private static <T> Measurement.Measured<T> threadCpu(java.util.function.Supplier<T> body) {
        return Measurement.of(body);
    }
}
