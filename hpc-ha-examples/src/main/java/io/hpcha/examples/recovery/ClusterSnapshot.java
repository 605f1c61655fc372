package io.hpcha.examples.recovery;

import io.hpcha.FleetInstance;
import io.hpcha.NodeId;
import io.hpcha.SchedulerNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the recovery agent sees in one pass: every instance of the fleet, every node of the scheduler,
 * and the recoveries it started and has not yet seen finish (its only memory, passed in so that the
 * decider stays a pure function). Lookups by node name and instance id are indexed once, so a pass
 * over N nodes costs O(N), not O(N²). Immutable and thread-safe.
 */
public final class ClusterSnapshot {
    private final List<FleetInstance> instances;
    private final List<SchedulerNode> nodes;
    private final Map<String, Instant> recovering;
    private final Map<NodeId, SchedulerNode> nodeByName = new HashMap<>();
    private final Map<String, FleetInstance> instanceById = new HashMap<>();
    private final Map<NodeId, List<FleetInstance>> instancesByNode = new HashMap<>();

    /**
     * @param instances  the fleet's instances
     * @param nodes      the scheduler's nodes
     * @param recovering pair label to when its recovery was started
     */
    public ClusterSnapshot(List<FleetInstance> instances, List<SchedulerNode> nodes, Map<String, Instant> recovering) {
        this.instances = List.copyOf(instances);
        this.nodes = List.copyOf(nodes);
        this.recovering = Map.copyOf(recovering);
        for (SchedulerNode n : this.nodes) {
            nodeByName.putIfAbsent(n.name(), n); // first one wins, as a scan would
        }
        for (FleetInstance i : this.instances) {
            instanceById.putIfAbsent(i.instanceId(), i);
            i.node().ifPresent(n -> instancesByNode.computeIfAbsent(n, k -> new ArrayList<>()).add(i));
        }
    }

    /** The fleet's instances. */
    public List<FleetInstance> instances() {
        return instances;
    }

    /** The scheduler's nodes. */
    public List<SchedulerNode> nodes() {
        return nodes;
    }

    /** Pair label to when its recovery was started. */
    public Map<String, Instant> recovering() {
        return recovering;
    }

    /** The Slurm node named {@code name}. */
    public Optional<SchedulerNode> node(NodeId name) {
        return Optional.ofNullable(nodeByName.get(name));
    }

    /**
     * The instance with id {@code id} when given, otherwise the best instance tagged as {@code node}: one
     * that is up and not impaired first, then any up one, then any.
     */
    public Optional<FleetInstance> instance(NodeId node, Optional<String> id) {
        if (id.isPresent()) {
            return Optional.ofNullable(instanceById.get(id.get()));
        }
        return instancesOf(node).stream()
                .min(Comparator.comparingInt(ClusterSnapshot::rank).thenComparing(FleetInstance::instanceId));
    }

    /** Every instance tagged as {@code node}. */
    public List<FleetInstance> instancesOf(NodeId node) {
        return List.copyOf(instancesByNode.getOrDefault(node, List.of()));
    }

    private static int rank(FleetInstance i) {
        if (i.state().isUp()) {
            return i.isImpaired() ? 1 : 0;
        }
        return 2;
    }

    /** Convenience for tests and the demo. */
    static ClusterSnapshot of(List<FleetInstance> instances, List<SchedulerNode> nodes) {
        return new ClusterSnapshot(instances, nodes, Map.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterSnapshot c && instances.equals(c.instances) && nodes.equals(c.nodes)
                && recovering.equals(c.recovering);
    }

    @Override
    public int hashCode() {
        return Objects.hash(instances, nodes, recovering);
    }

    @Override
    public String toString() {
        return "ClusterSnapshot[" + instances.size() + " instances, " + nodes.size() + " nodes, recovering "
                + recovering.keySet() + "]";
    }
}
