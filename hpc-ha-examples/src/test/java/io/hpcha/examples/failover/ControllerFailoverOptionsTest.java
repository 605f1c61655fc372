package io.hpcha.examples.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.ConnectionState;
import io.hpcha.DiskState;
import io.hpcha.NodeId;
import io.hpcha.ReplicaRole;
import io.hpcha.examples.demo.SimulatedHost;
import io.hpcha.policy.Authority;
import io.hpcha.policy.FailoverPlan;
import io.hpcha.policy.PlanResult;
import io.hpcha.policy.StepRecord;
import io.hpcha.testkit.FakeFloatingAddress;
import io.hpcha.testkit.FakeLease;
import io.hpcha.testkit.FakeReplicatedVolume;
import io.hpcha.testkit.FakeScheduler;
import io.hpcha.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The optional parts of the resource group, and a clean stop, on the testkit's fakes and a manual clock. */
class ControllerFailoverOptionsTest {
    private static final NodeId A = NodeId.of("ctl-a");
    private static final NodeId B = NodeId.of("ctl-b");
    private final ManualClock clock = new ManualClock();
    private final SimulatedHost host = new SimulatedHost("ctl-b");
    private final FakeFloatingAddress address = new FakeFloatingAddress("10.0.0.100", clock, "ctl-a", "ctl-b");
    private final FakeScheduler scheduler = new FakeScheduler(clock, "ctl-vip");
    private final List<String> fenced = new ArrayList<>();

    private final Fence fence = new Fence() {
        @Override
        public String describe() {
            return "power off ctl-a";
        }

        @Override
        public boolean isFenced() {
            return !fenced.isEmpty();
        }

        @Override
        public void fence(long fencingToken) {
            fenced.add("token " + fencingToken);
        }
    };

    private ControllerFailoverPlan.Builder plan() {
        return ControllerFailoverPlan.builder(B).address(address).scheduler(scheduler)
                .services(new SystemdServices(host, "systemctl", Duration.ofSeconds(5)), List.of("slurmctld"))
                .clock(clock).sleeper(clock);
    }

    private static List<String> names(PlanResult r) {
        return r.events().stream().map(StepRecord::step).toList();
    }

    @Test
    void withoutAVolumeOrMountThePlanHasNoPromoteOrMountStep() {
        PlanResult r = plan().fence(fence).build().execute(Authority.standalone());

        assertThat(r.completed()).isTrue();
        assertThat(names(r)).containsExactly("fence-peer", "start-slurmctld", "move-address", "verify-scheduler");
        assertThat(fenced).as("nothing proves the peer idle, so it is fenced").hasSize(1);
        assertThat(host.writes()).containsExactly("systemctl start slurmctld");
        assertThat(address.holder()).contains(B);
    }

    @Test
    void withFencingConfiguredOffThereIsNoFenceStep() {
        PlanResult r = plan().fence(Fence.none()).build().execute(Authority.standalone());

        assertThat(r.completed()).isTrue();
        assertThat(names(r)).containsExactly("start-slurmctld", "move-address", "verify-scheduler");
    }

    @Test
    void theActiveControllerDoesNotFenceAHealthyConnectedStandby() {
        FakeReplicatedVolume volume = new FakeReplicatedVolume("r0", "ctl-b", "ctl-a", clock)
                .setPeer(ReplicaRole.SECONDARY, DiskState.UP_TO_DATE, ConnectionState.CONNECTED);

        PlanResult r = plan().fence(fence).volume(volume).build().execute(Authority.standalone());

        assertThat(r.completed()).isTrue();
        assertThat(r.steps(StepRecord.Outcome.ALREADY_DONE)).contains("fence-peer");
        assertThat(fenced).isEmpty();
        assertThat(volume.status().local().orElseThrow().role()).isEqualTo(ReplicaRole.PRIMARY);
    }

    @Test
    void aPeerThatWasPrimaryAndIsNowUnreachableIsFencedBeforePromotion() {
        FakeReplicatedVolume volume = new FakeReplicatedVolume("r0", "ctl-b", "ctl-a", clock)
                .setPeer(ReplicaRole.PRIMARY, DiskState.UP_TO_DATE, ConnectionState.TIMEOUT);

        PlanResult r = plan().fence(fence).volume(volume).build().execute(Authority.standalone());

        assertThat(r.steps(StepRecord.Outcome.DONE)).startsWith("fence-peer", "promote-volume");
        assertThat(fenced).hasSize(1);
    }

    @Test
    void aCleanStopOnTheLeaderStopsTheGroupThenReleasesTheLeaseSoThePeerTakesOverAtOnce() {
        FakeLease lease = new FakeLease("slurm-controller", clock, Duration.ofSeconds(15));
        FakeReplicatedVolume volume = new FakeReplicatedVolume("r0", "ctl-b", "ctl-a", clock)
                .setPeer(ReplicaRole.SECONDARY, DiskState.UP_TO_DATE, ConnectionState.CONNECTED);
        ServiceManager services = new SystemdServices(host, "systemctl", Duration.ofSeconds(5));
        FilesystemMount mount = new FilesystemMount(host, "/dev/drbd0", "/srv/slurm", "ext4", Duration.ofSeconds(5));
        FailoverPlan plan = ControllerFailoverPlan.builder(B).fence(fence).volume(volume).mount(mount).address(address)
                .scheduler(scheduler).services(services, List.of("mariadb", "slurmctld")).clock(clock).sleeper(clock).build();
        ControllerFailoverDaemon daemon = ControllerFailoverDaemon.builder(plan, lease, B).clock(clock)
                .handOver(new ResourceGroupStop(services, List.of("mariadb", "slurmctld"), mount, volume)).build();
        daemon.tick();
        assertThat(daemon.active()).isTrue();

        daemon.stop();

        assertThat(host.writes()).containsExactly("mount -t ext4 /dev/drbd0 /srv/slurm", "systemctl start mariadb",
                "systemctl start slurmctld", "systemctl stop slurmctld", "systemctl stop mariadb", "umount /srv/slurm");
        assertThat(volume.status().local().orElseThrow().role()).isEqualTo(ReplicaRole.SECONDARY);
        assertThat(lease.current()).as("released, not left to expire").isEmpty();
        assertThat(lease.tryAcquire(A)).as("the peer gets the lease without waiting").isPresent();
        daemon.stop(); // a second stop changes nothing
        assertThat(host.writes()).hasSize(6);
    }

    @Test
    void aStopWithoutHandOverOnlyReleasesTheLease() {
        FakeLease lease = new FakeLease("slurm-controller", clock, Duration.ofSeconds(15));
        ControllerFailoverDaemon daemon = ControllerFailoverDaemon.builder(plan().fence(Fence.none()).build(), lease, B)
                .clock(clock).build();
        daemon.tick();
        assertThat(host.isActive("slurmctld")).isTrue();

        daemon.stop();

        assertThat(host.isActive("slurmctld")).isTrue();
        assertThat(lease.current()).isEmpty();
    }

    @Test
    void aStandbyThatStopsStopsNothing() {
        FakeLease lease = new FakeLease("slurm-controller", clock, Duration.ofSeconds(15));
        lease.tryAcquire(A);
        ServiceManager services = new SystemdServices(host, "systemctl", Duration.ofSeconds(5));
        ControllerFailoverDaemon daemon = ControllerFailoverDaemon.builder(plan().fence(fence).build(), lease, B).clock(clock)
                .handOver(new ResourceGroupStop(services, List.of("slurmctld"), null, null)).build();
        daemon.tick();

        daemon.stop();

        assertThat(host.writes()).isEmpty();
        assertThat(lease.current()).hasValueSatisfying(l -> assertThat(l.holder()).isEqualTo(A));
        assertThat(address.holder()).isEqualTo(Optional.empty());
    }
}
