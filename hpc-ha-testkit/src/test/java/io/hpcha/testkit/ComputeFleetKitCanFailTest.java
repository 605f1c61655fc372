package io.hpcha.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.ComputeFleet;
import io.hpcha.FleetInstance;
import io.hpcha.InstanceState;
import io.hpcha.NodeId;
import io.hpcha.StatusCheck;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fleet kit catches a fleet that ignores unknown ids and reports checks on stopped instances. */
class ComputeFleetKitCanFailTest {
    @Test
    void kitFailsAFleetThatIgnoresUnknownIdsAndChecksStoppedInstances() {
        KitRun run = KitRun.of(BrokenFleetKit.class);
        assertThat(run.failed()).containsExactlyInAnyOrder(
                "unknownIdIsNotFoundAndTheKnownInstancesAreUnchanged", "stoppedInstancesHaveNoStatusChecks");
        assertThat(run.succeeded()).contains("startingAStoppedInstanceMakesItPendingOrRunning",
                "stoppingARunningInstanceMakesItStoppingOrStopped");
    }

    /** Drops ids it does not know instead of failing, and reports stopped instances' checks as OK. */
    static final class BrokenFleet implements ComputeFleet {
        private final FakeComputeFleet fake = new FakeComputeFleet(new ManualClock())
                .addInstance("i-1", NodeId.of("n1"), InstanceState.RUNNING)
                .addInstance("i-2", NodeId.of("n2"), InstanceState.STOPPED);

        @Override
        public List<FleetInstance> instances() {
            return fake.instances().stream().map(i -> i.state() != InstanceState.STOPPED ? i
                    : new FleetInstance(i.instanceId(), i.node(), i.state(), StatusCheck.OK, StatusCheck.OK,
                    i.events(), i.tags())).toList();
        }

        @Override
        public void start(Collection<String> ids) {
            fake.start(known(ids));
        }

        @Override
        public void stop(Collection<String> ids, boolean force) {
            fake.stop(known(ids), force);
        }

        @Override
        public void reboot(Collection<String> ids) {
            fake.reboot(known(ids));
        }

        private static List<String> known(Collection<String> ids) {
            return ids.stream().filter(Set.of("i-1", "i-2")::contains).toList();
        }
    }

    static class BrokenFleetKit extends ComputeFleetCompatibilityKit {
        @Override
        protected ComputeFleet createFleet() {
            return new BrokenFleet();
        }
    }
}
