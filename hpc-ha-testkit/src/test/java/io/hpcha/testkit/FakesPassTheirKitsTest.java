package io.hpcha.testkit;

import io.hpcha.ComputeFleet;
import io.hpcha.ConnectionState;
import io.hpcha.DiskState;
import io.hpcha.FloatingAddress;
import io.hpcha.Health;
import io.hpcha.HealthProbe;
import io.hpcha.InstanceState;
import io.hpcha.Lease;
import io.hpcha.NodeId;
import io.hpcha.NodeState;
import io.hpcha.ReplicaRole;
import io.hpcha.ReplicatedVolume;
import io.hpcha.Scheduler;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** Every fake passes the compatibility kit of its SPI. */
class FakesPassTheirKitsTest {
    private final ManualClock clock = new ManualClock();

    @Nested
    class FloatingAddressKit extends FloatingAddressCompatibilityKit {
        @Override
        protected FloatingAddress createAddress() {
            return new FakeFloatingAddress("10.0.0.100", clock, candidates());
        }

        @Override
        protected List<NodeId> candidates() {
            return List.of(NodeId.of("head-1"), NodeId.of("head-2"));
        }
    }

    @Nested
    class SchedulerKit extends SchedulerCompatibilityKit {
        @Override
        protected Scheduler createScheduler() {
            return new FakeScheduler(clock).addNode("n1").addNode("n2").addNode("n3");
        }
    }

    @Nested
    class ClusterSchedulerKit extends SchedulerCompatibilityKit {
        @Override
        protected Scheduler createScheduler() {
            return FakeCluster.builder().clock(clock).computeNodes("compute-1", "compute-2").standby("compute-3")
                    .build().scheduler();
        }
    }

    @Nested
    class ComputeFleetKit extends ComputeFleetCompatibilityKit {
        @Override
        protected ComputeFleet createFleet() {
            return new FakeComputeFleet(clock)
                    .addInstance("i-0000000000000001", NodeId.of("compute-1"), InstanceState.RUNNING)
                    .addInstance("i-0000000000000002", NodeId.of("compute-2"), InstanceState.STOPPED);
        }
    }

    @Nested
    class ClusterFleetKit extends ComputeFleetCompatibilityKit {
        @Override
        protected ComputeFleet createFleet() {
            return FakeCluster.builder().clock(clock).computeNodes("compute-1").standby("compute-2").build().fleet();
        }
    }

    @Nested
    class ReplicatedVolumeKit extends ReplicatedVolumeCompatibilityKit {
        @Override
        protected ReplicatedVolume createUpToDateSecondary() {
            return new FakeReplicatedVolume("r0", "head-1", "head-2", clock);
        }

        @Override
        protected ReplicatedVolume createVolumeWithoutUpToDateData() {
            return new FakeReplicatedVolume("r0", "head-1", "head-2", clock)
                    .setLocal(ReplicaRole.SECONDARY, DiskState.OUTDATED)
                    .setPeer(ReplicaRole.PRIMARY, DiskState.UP_TO_DATE, ConnectionState.CONNECTING);
        }
    }

    @Nested
    class ScriptedProbeKit extends HealthProbeCompatibilityKit {
        @Override
        protected HealthProbe createProbe() {
            return FakeHealthProbe.scripted("scripted", clock).set("a", Health.HEALTHY, "").set("b", Health.UNKNOWN, "?");
        }
    }

    @Nested
    class NodeProbeKit extends HealthProbeCompatibilityKit {
        @Override
        protected HealthProbe createProbe() {
            FakeScheduler scheduler = new FakeScheduler(clock).addNode("n1").addNode(NodeId.of("n2"), NodeState.DOWN);
            return FakeHealthProbe.ofSchedulerNodes(scheduler);
        }
    }

    @Nested
    class InstanceProbeKit extends HealthProbeCompatibilityKit {
        @Override
        protected HealthProbe createProbe() {
            return FakeCluster.builder().clock(clock).computeNodes("c1").standby("c2").build().instanceProbe();
        }
    }

    @Nested
    class ControllerProbeKit extends HealthProbeCompatibilityKit {
        @Override
        protected HealthProbe createProbe() {
            return FakeHealthProbe.ofControllers(new FakeScheduler(clock).controllerDown(0));
        }
    }

    @Nested
    class LeaseKit extends LeaseCompatibilityKit {
        @Override
        protected Lease createLease(ManualClock clock, Duration ttl) {
            return new FakeLease("controller", clock, ttl);
        }
    }
}
