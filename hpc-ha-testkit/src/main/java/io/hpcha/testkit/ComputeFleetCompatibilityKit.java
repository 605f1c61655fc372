package io.hpcha.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcha.ComputeFleet;
import io.hpcha.FleetInstance;
import io.hpcha.InstanceState;
import io.hpcha.NotFoundException;
import io.hpcha.StatusCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link ComputeFleet} contract as tests. Subclass it in a backend's test sources and implement
 * the factory methods; every test below then runs against that backend.
 *
 * <p>{@link ComputeFleet#start} and {@link ComputeFleet#stop} return once the request is accepted, so the
 * kit accepts the transitional state (PENDING, STOPPING) as well as the final one. After a test the kit
 * undoes its start or stop, best effort, for backends shared between tests.
 */
public abstract class ComputeFleetCompatibilityKit {
    private ComputeFleet fleet;
    private final List<Runnable> undo = new ArrayList<>();

    /** A fleet with at least one running and one stopped instance. */
    protected abstract ComputeFleet createFleet();

    /** An instance id the fleet does not know. */
    protected String unknownInstanceId() {
        return "i-0000000000000dead";
    }

    /** How long an accepted change may take to show in {@link ComputeFleet#instances()}; zero by default. */
    protected Duration settleTimeout() {
        return Duration.ZERO;
    }

    @BeforeEach
    void createFleetUnderTest() {
        fleet = createFleet();
        undo.clear();
    }

    @AfterEach
    void undoChanges() {
        for (Runnable r : undo) {
            try {
                r.run();
            } catch (RuntimeException ignored) {
                // best effort: the instance may still be in transition
            }
        }
    }

    @Test
    void instancesHaveUniqueIds() {
        List<FleetInstance> instances = fleet.instances();
        assertFalse(instances.isEmpty(), "no instances");
        Set<String> ids = new HashSet<>();
        for (FleetInstance i : instances) {
            assertTrue(ids.add(i.instanceId()), "instance " + i.instanceId() + " listed twice");
        }
    }

    @Test
    void startingAStoppedInstanceMakesItPendingOrRunning() {
        String id = any(InstanceState.STOPPED);
        undo.add(() -> fleet.stop(List.of(id), true));
        fleet.start(List.of(id));
        awaitInstance(id, "PENDING or RUNNING after start", i -> i.state().isUp());
    }

    @Test
    void stoppingARunningInstanceMakesItStoppingOrStopped() {
        String id = any(InstanceState.RUNNING);
        undo.add(() -> fleet.start(List.of(id)));
        fleet.stop(List.of(id), false);
        awaitInstance(id, "STOPPING or STOPPED after stop",
                i -> i.state() == InstanceState.STOPPING || i.state() == InstanceState.STOPPED);
    }

    @Test
    void stoppedInstancesHaveNoStatusChecks() {
        List<FleetInstance> stopped = fleet.instances().stream().filter(i -> i.state() == InstanceState.STOPPED).toList();
        assertFalse(stopped.isEmpty(), "the kit needs a stopped instance");
        for (FleetInstance i : stopped) {
            assertEquals(StatusCheck.NOT_APPLICABLE, i.systemStatus(), i.instanceId() + " system check");
            assertEquals(StatusCheck.NOT_APPLICABLE, i.instanceStatus(), i.instanceId() + " instance check");
        }
    }

    @Test
    void startingARunningInstanceChangesNothing() {
        String id = any(InstanceState.RUNNING);
        fleet.start(List.of(id));
        assertEquals(InstanceState.RUNNING, instance(id).state());
    }

    @Test
    void unknownIdIsNotFoundAndTheKnownInstancesAreUnchanged() {
        String stopped = any(InstanceState.STOPPED);
        String running = any(InstanceState.RUNNING);
        assertThrows(NotFoundException.class, () -> fleet.start(List.of(stopped, unknownInstanceId())));
        assertThrows(NotFoundException.class, () -> fleet.stop(List.of(running, unknownInstanceId()), false));
        assertThrows(NotFoundException.class, () -> fleet.reboot(List.of(unknownInstanceId())));
        assertEquals(InstanceState.STOPPED, instance(stopped).state(), "a rejected start must start nothing");
        assertEquals(InstanceState.RUNNING, instance(running).state(), "a rejected stop must stop nothing");
    }

    @Test
    void emptyCollectionsDoNothing() {
        List<String> before = states(fleet.instances());
        fleet.start(List.of());
        fleet.stop(List.of(), true);
        fleet.reboot(List.of());
        assertEquals(before, states(fleet.instances()));
    }

    private String any(InstanceState state) {
        return fleet.instances().stream().filter(i -> i.state() == state).map(FleetInstance::instanceId).findFirst()
                .orElseThrow(() -> new AssertionError("the kit needs a " + state + " instance: " + fleet.instances()));
    }

    private FleetInstance instance(String id) {
        return fleet.instances().stream().filter(i -> i.instanceId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("instance " + id + " disappeared"));
    }

    private void awaitInstance(String id, String what, Predicate<FleetInstance> condition) {
        KitSupport.eventually(settleTimeout(), id + " " + what, () -> condition.test(instance(id)));
    }

    private static List<String> states(List<FleetInstance> instances) {
        return instances.stream().map(i -> i.instanceId() + "=" + i.state()).sorted().toList();
    }
}
