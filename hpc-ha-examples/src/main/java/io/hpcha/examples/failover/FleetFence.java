package io.hpcha.examples.failover;

import io.hpcha.ComputeFleet;
import io.hpcha.FleetInstance;
import io.hpcha.InstanceState;
import io.hpcha.NotFoundException;
import io.hpcha.spi.Await;
import io.hpcha.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Fences a peer that is a cloud instance by force-stopping it through the {@link ComputeFleet} (on EC2:
 * {@code StopInstances} with {@code Force}). The peer counts as fenced once the fleet reports it stopped
 * or terminated; {@link #fence} returns only then, polling on the injected clock and sleeper, and throws
 * {@link io.hpcha.BackendUnavailableException} if that takes longer than the timeout. Immutable and
 * thread-safe.
 */
public final class FleetFence implements Fence {
    private final ComputeFleet fleet;
    private final String instanceId;
    private final Await await;

    /** Waits up to {@code timeout} for the stop, asking every 2 s. */
    public FleetFence(ComputeFleet fleet, String instanceId, Clock clock, Sleeper sleeper, Duration timeout) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.await = Await.of(clock, sleeper, timeout, Duration.ofSeconds(2));
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
        await.until("instance " + instanceId + " to stop", this::isFenced);
    }
}
