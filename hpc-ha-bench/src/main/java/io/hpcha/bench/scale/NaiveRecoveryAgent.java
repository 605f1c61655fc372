package io.hpcha.bench.scale;

import io.hpcha.bench.cluster.GeneratedCluster;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;

/**
 * The baseline: the AWS HA cluster's original recovery agent, which for every configured pair asks
 * EC2 about the primary's instance alone ({@code DescribeInstanceStatus} with one {@code InstanceId}
 * and {@code IncludeAllInstances}) and starts the standby when the primary is not running or a status
 * check is impaired. It never reads Slurm. One EC2 request per watched node per pass, plus one per
 * standby started. Uses the same SDK client type as the real agent. Not thread-safe.
 */
public final class NaiveRecoveryAgent {
    /** One configured pair, by instance id, as the original agent's configuration names them. */
    public record Pair(String primaryInstance, String standbyInstance) {
    }

    private final Ec2Client ec2;
    private final List<Pair> pairs;

    public NaiveRecoveryAgent(Ec2Client ec2, List<Pair> pairs) {
        this.ec2 = ec2;
        this.pairs = List.copyOf(pairs);
    }

    /** The pairs of a generated cluster. */
    public static List<Pair> pairsOf(GeneratedCluster c) {
        return java.util.stream.IntStream.range(0, c.pairs())
                .mapToObj(k -> new Pair(GeneratedCluster.instanceId(2 * k), GeneratedCluster.instanceId(2 * k + 1))).toList();
    }

    /** One pass over the first {@code limit} pairs; returns how many standbys it started. */
    public int runOnce(int limit) {
        int started = 0;
        for (Pair p : pairs.subList(0, Math.min(limit, pairs.size()))) {
            List<InstanceStatus> s = ec2.describeInstanceStatus(r -> r.instanceIds(p.primaryInstance()).includeAllInstances(true))
                    .instanceStatuses();
            if (s.isEmpty() || failed(s.get(0))) {
                ec2.startInstances(r -> r.instanceIds(p.standbyInstance()));
                started++;
            }
        }
        return started;
    }

    public int pairs() {
        return pairs.size();
    }

    private static boolean failed(InstanceStatus s) {
        return !"running".equals(s.instanceState().nameAsString())
                || "impaired".equals(s.systemStatus().statusAsString())
                || "impaired".equals(s.instanceStatus().statusAsString());
    }
}
