package io.hpcha.examples.failover;

import io.hpcha.ComputeFleet;
import io.hpcha.FleetInstance;
import io.hpcha.InstanceState;
import io.hpcha.NotFoundException;
import java.util.List;
import java.util.Objects;

/**
 * Fences a peer that is a cloud instance by force-stopping it through the {@link ComputeFleet} (on EC2:
 * {@code StopInstances} with {@code Force}). The peer counts as fenced once the fleet reports it
 * stopped or terminated. Immutable and thread-safe.
 */
public final class FleetFence implements Fence {
    private final ComputeFleet fleet;
    private final String instanceId;

    public FleetFence(ComputeFleet fleet, String instanceId) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
    }

    @Override
    public String describe() {
        return "force-stop of instance " + instanceId;
    }

    @Override
    public boolean isFenced() {
        FleetInstance i = fleet.instances().stream().filter(x -> x.instanceId().equals(instanceId)).findFirst()
                .orElseThrow(() -> new NotFoundException("peer instance " + instanceId + " is not in the fleet"));
        return i.state() == InstanceState.STOPPED || i.state() == InstanceState.TERMINATED;
    }

    @Override
    public void fence(long fencingToken) {
        fleet.stop(List.of(instanceId), true);
    }
}
