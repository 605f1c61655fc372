package io.hpcha.bench.scale;

import java.util.Map;

/**
 * The result of one cluster size: the recovery agent's pass and the naive pass, each with its cost and
 * the EC2 requests it made, and the cost of the agent's parts measured separately. Immutable.
 *
 * @param nodes          compute nodes
 * @param agent          median cost of the agent's pass
 * @param agentRequests  EC2 requests of one agent pass, per action
 * @param naive          cost of the naive pass (extrapolated when {@code naiveSampled} &lt; all pairs)
 * @param naiveRequests  EC2 requests of the naive pass, per action (extrapolated likewise)
 * @param naiveSampled   how many pairs the naive pass really visited
 * @param pairs          pairs in the cluster
 * @param fleetRead      calling-thread CPU nanos of {@code Ec2ComputeFleet.instances()} alone
 * @param slurmRead      calling-thread CPU nanos of {@code SlurmScheduler.nodes()} alone
 * @param decide         calling-thread CPU nanos of the decider's census and decisions alone
 */
public record ScaleRow(int nodes, Measurement agent, Map<String, Long> agentRequests, Measurement naive,
                       Map<String, Long> naiveRequests, int naiveSampled, int pairs,
                       long fleetRead, long slurmRead, long decide) {
    /** EC2 read requests (the two describe calls) of the agent's pass. */
    public long agentPages() {
        return agentRequests.getOrDefault("DescribeInstances", 0L) + agentRequests.getOrDefault("DescribeInstanceStatus", 0L);
    }

    public long agentTotal() {
        return agentRequests.values().stream().mapToLong(Long::longValue).sum();
    }

    public long naiveTotal() {
        return naiveRequests.values().stream().mapToLong(Long::longValue).sum();
    }

    /** EC2's pages for this many instances: one DescribeInstances and one DescribeInstanceStatus page per 1000. */
    public long expectedPages() {
        return 2L * ((nodes + 999) / 1000);
    }

    public boolean naiveExtrapolated() {
        return naiveSampled < pairs;
    }
}
