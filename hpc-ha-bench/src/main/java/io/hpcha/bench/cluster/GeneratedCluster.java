package io.hpcha.bench.cluster;

import io.hpcha.examples.recovery.ComputePair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * N compute nodes as the AWS HA cluster lays them out: pairs of a running primary and a stopped cold
 * standby ({@code c00001}/{@code c00002}, {@code c00003}/{@code c00004}, …), one EC2 instance per
 * node. A few primaries have failed: Slurm has them DOWN (not responding) and EC2 reports their
 * system status check impaired. Everything else is healthy. Deterministic and immutable.
 */
public final class GeneratedCluster {
    /** The cluster tag every instance carries. */
    public static final String CLUSTER_TAG = "hpc-ha:cluster";
    public static final String CLUSTER = "bench";
    /** The tag whose value is the instance's Slurm node name. */
    public static final String NODE_TAG = "hpc-ha:node";

    private final int nodes;
    private final Set<Integer> failedPairs;

    private GeneratedCluster(int nodes, Set<Integer> failedPairs) {
        this.nodes = nodes;
        this.failedPairs = failedPairs;
    }

    /**
     * A cluster of {@code nodes} compute nodes (even, at least 4) in which {@code failed} primaries have
     * failed, spread over the cluster.
     */
    public static GeneratedCluster of(int nodes, int failed) {
        if (nodes < 4 || nodes % 2 != 0) {
            throw new IllegalArgumentException("nodes must be even and at least 4, was " + nodes);
        }
        int pairs = nodes / 2;
        if (failed < 0 || failed > pairs) {
            throw new IllegalArgumentException("failed must be 0.." + pairs + ", was " + failed);
        }
        java.util.TreeSet<Integer> f = new java.util.TreeSet<>();
        for (int k = 1; k <= failed; k++) {
            f.add((int) ((long) pairs * k / (failed + 1)));
        }
        return new GeneratedCluster(nodes, Set.copyOf(f));
    }

    public int nodes() {
        return nodes;
    }

    public int pairs() {
        return nodes / 2;
    }

    /** Node {@code index} (0-based): {@code c00001} for 0. */
    public static String nodeName(int index) {
        return String.format(Locale.ROOT, "c%05d", index + 1);
    }

    /** The EC2 instance id of node {@code index}. */
    public static String instanceId(int index) {
        return String.format(Locale.ROOT, "i-%017x", 0x10000L + index);
    }

    public boolean isPrimary(int index) {
        return index % 2 == 0;
    }

    /** Whether node {@code index} is a failed primary. */
    public boolean isFailed(int index) {
        return isPrimary(index) && failedPairs.contains(index / 2);
    }

    public int failedCount() {
        return failedPairs.size();
    }

    /** The pairs, found by node-name tags as the recovery agent's configuration names them. */
    public List<ComputePair> computePairs() {
        List<ComputePair> out = new ArrayList<>(pairs());
        for (int k = 0; k < pairs(); k++) {
            out.add(ComputePair.of(nodeName(2 * k), nodeName(2 * k + 1)));
        }
        return out;
    }

    /** The Slurm state of node {@code index}, as 22.05's {@code sinfo --json} writes it. */
    public String slurmState(int index) {
        if (!isPrimary(index) || isFailed(index)) {
            return "down";
        }
        return switch (index / 2 % 3) {
            case 0 -> "idle";
            case 1 -> "allocated";
            default -> "mixed";
        };
    }

    /** The EC2 state of node {@code index}'s instance. */
    public String ec2State(int index) {
        return isPrimary(index) ? "running" : "stopped";
    }

    /** EC2's system status check of node {@code index}'s instance ({@code not-applicable} when not running). */
    public String systemStatus(int index) {
        if (!isPrimary(index)) {
            return "not-applicable";
        }
        return isFailed(index) ? "impaired" : "ok";
    }

    /** EC2's instance status check of node {@code index}'s instance. */
    public String instanceStatus(int index) {
        return isPrimary(index) ? "ok" : "not-applicable";
    }
}
