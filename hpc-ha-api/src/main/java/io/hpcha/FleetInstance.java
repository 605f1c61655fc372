package io.hpcha;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One instance of a {@link ComputeFleet}.
 *
 * @param instanceId     the provider's id ({@code i-0abc…})
 * @param node           the scheduler node it runs, from its node-name tag, when tagged
 * @param state          its lifecycle state
 * @param systemStatus   the provider's infrastructure check
 * @param instanceStatus the guest's reachability check
 * @param events         scheduled maintenance, soonest first
 * @param tags           its tags
 */
public record FleetInstance(String instanceId, Optional<NodeId> node, InstanceState state,
                            StatusCheck systemStatus, StatusCheck instanceStatus,
                            List<ScheduledEvent> events, Map<String, String> tags) {
    public FleetInstance {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(systemStatus, "systemStatus");
        Objects.requireNonNull(instanceStatus, "instanceStatus");
        events = List.copyOf(events);
        tags = Map.copyOf(tags);
        if (instanceId.isBlank()) {
            throw new IllegalArgumentException("instance id is blank");
        }
    }

    /** Whether either status check reports an impairment. */
    public boolean isImpaired() {
        return systemStatus == StatusCheck.IMPAIRED || instanceStatus == StatusCheck.IMPAIRED;
    }
}
