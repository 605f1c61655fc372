package io.hpcha.examples.recovery;

import io.hpcha.FleetInstance;
import io.hpcha.InstanceState;
import io.hpcha.NodeFlag;
import io.hpcha.NodeId;
import io.hpcha.NodeReason;
import io.hpcha.NodeState;
import io.hpcha.SchedulerNode;
import io.hpcha.StatusCheck;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Value builders for snapshots in decider tests. */
final class Cluster {
    private Cluster() {
    }

    static FleetInstance instance(String id, String node, InstanceState state, StatusCheck system, StatusCheck instance) {
        return new FleetInstance(id, Optional.of(NodeId.of(node)), state, system, instance, List.of(), Map.of("hpc-ha:node", node));
    }

    static FleetInstance running(String id, String node) {
        return instance(id, node, InstanceState.RUNNING, StatusCheck.OK, StatusCheck.OK);
    }

    static FleetInstance stopped(String id, String node) {
        return instance(id, node, InstanceState.STOPPED, StatusCheck.NOT_APPLICABLE, StatusCheck.NOT_APPLICABLE);
    }

    static SchedulerNode node(String name, NodeState state, NodeFlag... flags) {
        String raw = state.name() + (flags.length == 0 ? "" : "+" + String.join("+", java.util.Arrays.stream(flags).map(Enum::name).toList()));
        return new SchedulerNode(NodeId.of(name), state, Set.of(flags), Set.of(), 
                state == NodeState.DOWN ? Optional.of(NodeReason.of("Not responding")) : Optional.empty(),
                Optional.empty(), raw);
    }
}
