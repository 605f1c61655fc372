package io.hpcha.examples.recovery;

import io.hpcha.FleetInstance;
import io.hpcha.NodeId;
import io.hpcha.SchedulerNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the recovery agent sees in one pass: every instance of the fleet, every node of the scheduler,
 * and the recoveries it started and has not yet seen finish (its only memory, passed in so that the
 * decider stays a pure function). Immutable.
 *
 * @param instances  the fleet's instances
 * @param nodes      the scheduler's nodes
 * @param recovering pair label to when its recovery was started
 */
public record ClusterSnapshot(List<FleetInstance> instances, List<SchedulerNode> nodes, Map<String, Instant> recovering) {
    public ClusterSnapshot {
        instances = List.copyOf(instances);
        nodes = List.copyOf(nodes);
        recovering = Map.copyOf(recovering);
    }

    /** The Slurm node named {@code name}. */
    public Optional<SchedulerNode> node(NodeId name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /**
     * The instance with id {@code id} when given, otherwise the best instance tagged as {@code node}: one
     * that is up and not impaired first, then any up one, then any.
     */
    public Optional<FleetInstance> instance(NodeId node, Optional<String> id) {
        if (id.isPresent()) {
            return instances.stream().filter(i -> i.instanceId().equals(id.get())).findFirst();
        }
        return instances.stream()
                .filter(i -> i.node().filter(node::equals).isPresent())
                .min(Comparator.comparingInt(ClusterSnapshot::rank).thenComparing(FleetInstance::instanceId));
    }

    /** Every instance tagged as {@code node}. */
    public List<FleetInstance> instancesOf(NodeId node) {
        return instances.stream().filter(i -> i.node().filter(node::equals).isPresent()).toList();
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
    public String toString() {
        return "ClusterSnapshot[" + instances.size() + " instances, " + nodes.size() + " nodes, recovering "
                + recovering.keySet() + "]";
    }
}
