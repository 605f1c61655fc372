package io.hpcha.examples.demo;

import io.hpcha.ConnectionState;
import io.hpcha.ControllerRole;
import io.hpcha.ControllerStatus;
import io.hpcha.DiskState;
import io.hpcha.InstanceState;
import io.hpcha.Leadership;
import io.hpcha.NodeId;
import io.hpcha.ReplicaRole;
import io.hpcha.Scheduler;
import io.hpcha.SchedulerNode;
import io.hpcha.examples.failover.ControllerFailoverDaemon;
import io.hpcha.examples.failover.ControllerFailoverPlan;
import io.hpcha.examples.failover.FilesystemMount;
import io.hpcha.examples.failover.FleetFence;
import io.hpcha.examples.failover.SystemdServices;
import io.hpcha.policy.FailoverPlan;
import io.hpcha.policy.LeadershipListener;
import io.hpcha.policy.PlanListener;
import io.hpcha.policy.PlanResult;
import io.hpcha.policy.StepRecord;
import io.hpcha.testkit.FakeComputeFleet;
import io.hpcha.testkit.FakeFloatingAddress;
import io.hpcha.testkit.FakeLease;
import io.hpcha.testkit.FakeReplicatedVolume;
import io.hpcha.testkit.FakeScheduler;
import io.hpcha.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Scenario A: controller failover with an overlay IP. Two controllers, {@code ctl-a} and {@code ctl-b},
 * each run the controller failover daemon (lease, resource group plan) against the testkit's fakes: a
 * lease, the overlay IP (a {@link FakeFloatingAddress}), the DRBD resource as each side sees it, the two
 * controller instances in a {@link FakeComputeFleet} (fencing force-stops the peer's instance), and a
 * {@link SimulatedHost} per controller that runs systemctl and mount. {@code ctl-a} wins at start and
 * brings up the group; then it hangs, and {@code ctl-b} takes over once the lease has run out.
 * Everything runs on one {@link ManualClock}; the daemons tick on it, the plan sleeps on it. Single-threaded.
 */
final class ControllerFailoverScenario {
    static final String TITLE = "Scenario A: controller failover with an overlay IP";
    static final NodeId A = NodeId.of("ctl-a");
    static final NodeId B = NodeId.of("ctl-b");
    static final String OVERLAY_IP = "172.16.0.100";
    private static final Duration LEASE_TERM = Duration.ofSeconds(15);
    private static final Duration TICK = Duration.ofSeconds(5);
    private static final Duration HANG_AT = Duration.ofSeconds(40);
    private static final List<String> SERVICES = List.of("mariadb", "slurmdbd", "slurmctld");

    private final ManualClock clock;
    private final Timeline timeline;
    private final FakeLease lease;
    private final FakeFloatingAddress address;
    private final FakeComputeFleet fleet;
    private final String instanceA = String.format("i-%017x", 0xa1L);
    private final String instanceB = String.format("i-%017x", 0xb2L);
    private final FakeReplicatedVolume volumeA;
    private final FakeReplicatedVolume volumeB;
    private final SimulatedHost hostA;
    private final SimulatedHost hostB;
    private final FakeScheduler slurm;
    private final SimulatedTime time;
    private boolean aHung;
    private boolean announcedStandby;
    private Instant restoredAt;

    ControllerFailoverScenario(SimulatedTime time, Timeline timeline) {
        this.time = time;
        this.clock = time.clock();
        this.timeline = timeline;
        this.lease = new FakeLease("slurm-controller", clock, LEASE_TERM);
        this.address = new FakeFloatingAddress(OVERLAY_IP, clock, A.value(), B.value());
        this.fleet = new FakeComputeFleet(clock).stopTime(Duration.ofSeconds(40));
        fleet.addInstance(instanceA, A, InstanceState.RUNNING).addInstance(instanceB, B, InstanceState.RUNNING);
        this.volumeA = new FakeReplicatedVolume("r0", A.value(), B.value(), clock)
                .setLocal(ReplicaRole.PRIMARY, DiskState.UP_TO_DATE)
                .setPeer(ReplicaRole.SECONDARY, DiskState.UP_TO_DATE, ConnectionState.CONNECTED);
        this.volumeB = new FakeReplicatedVolume("r0", B.value(), A.value(), clock)
                .setPeer(ReplicaRole.PRIMARY, DiskState.UP_TO_DATE, ConnectionState.CONNECTED);
        this.hostA = host(A.value());
        this.hostB = host(B.value());
        this.slurm = new FakeScheduler(clock, OVERLAY_IP);
        for (int i = 1; i <= 4; i++) {
            slurm.addNode("compute-" + i);
        }
    }

    private SimulatedHost host(String name) {
        SimulatedHost h = new SimulatedHost(name, time)
                .latency("mount", Duration.ofMillis(800))
                .latency("systemctl start mariadb", Duration.ofSeconds(4))
                .latency("systemctl start slurmdbd", Duration.ofSeconds(2))
                .latency("systemctl start slurmctld", Duration.ofSeconds(3));
        return h.onWrite(w -> timeline.event(name + ": " + w));
    }

    ScenarioResult run() {
        timeline.scenario(TITLE);
        timeline.note("ctl-a and ctl-b share lease 'slurm-controller' (" + LEASE_TERM.toSeconds() + " s term, renewed every "
                + TICK.toSeconds() + " s),");
        timeline.note("the overlay IP " + OVERLAY_IP + " (VPC route tables point it at one controller's ENI), DRBD resource r0,");
        timeline.note("and the resource group fence -> promote -> mount -> mariadb -> slurmdbd -> slurmctld -> overlay IP -> ping.");
        ControllerFailoverDaemon daemonA = daemon(A, plan(A, hostA, volumeA, instanceB));
        ControllerFailoverDaemon daemonB = daemon(B, plan(B, hostB, volumeB, instanceA));

        Instant origin = clock.instant();
        Runnable tickA = daemonA::tick;
        time.every(TICK, Duration.ZERO, tickA);
        time.every(TICK, Duration.ofSeconds(2), () -> { // the two daemons do not tick in step
            daemonB.tick();
            if (!daemonB.election().isLeader() && !announcedStandby) {
                announcedStandby = true;
                timeline.event("ctl-b: standby; the lease is held by " + lease.current().map(l -> l.holder().value()).orElse("nobody"));
            }
            if (aHung && restoredAt == null && daemonB.active()) {
                restoredAt = clock.instant();
            }
        });
        time.at(HANG_AT, () -> {
            time.cancel(tickA);
            hang();
        });
        Instant end = origin.plus(Duration.ofMinutes(3));
        try (LogTap tap = new LogTap(Set.of("ControllerFailoverPlan"), Set.of(), timeline::event).attach()) {
            while (clock.instant().isBefore(end) && restoredAt == null) {
                time.sleep(Duration.ofSeconds(1));
            }
        }
        Instant hungAt = origin.plus(HANG_AT);
        Duration outage = restoredAt == null ? Duration.ZERO : Duration.between(hungAt, restoredAt);
        List<String> failures = check(restoredAt != null);
        if (failures.isEmpty()) {
            timeline.event("slurmctld answers at " + OVERLAY_IP + " from ctl-b; " + slurm.nodes().size() + " compute nodes visible");
            timeline.note("Outcome: controller service restored " + Timeline.format(outage) + " after ctl-a hung "
                    + "(lease expiry, fencing, then the resource group on ctl-b).");
        } else {
            failures.forEach(f -> timeline.note("NOT AS EXPECTED: " + f));
        }
        return ScenarioResult.of(TITLE, outage, failures);
    }

    /** ctl-a stops dead: no more lease renewals, its slurmctld stops answering, the DRBD link times out. */
    private void hang() {
        aHung = true;
        volumeB.setPeer(ReplicaRole.PRIMARY, DiskState.UP_TO_DATE, ConnectionState.TIMEOUT);
        timeline.event("ctl-a hangs: it stops renewing the lease, slurmctld at " + OVERLAY_IP
                + " stops answering, DRBD on ctl-b loses its peer");
    }

    private List<String> check(boolean restored) {
        List<String> failures = new ArrayList<>();
        if (!restored) {
            failures.add("ctl-b did not complete the takeover within 3 minutes");
        }
        if (!address.holder().equals(Optional.of(B))) {
            failures.add("the overlay IP points at " + address.holder().map(NodeId::value).orElse("nothing") + ", not ctl-b");
        }
        if (fleet.instance(instanceA).state() != InstanceState.STOPPED) {
            failures.add("ctl-a was not fenced: its instance is " + fleet.instance(instanceA).state());
        }
        if (volumeB.status().local().map(r -> r.role() != ReplicaRole.PRIMARY).orElse(true)) {
            failures.add("DRBD r0 is not primary on ctl-b");
        }
        for (String s : SERVICES) {
            if (!hostB.isActive(s)) {
                failures.add(s + " does not run on ctl-b");
            }
        }
        long tokenB = lease.current().filter(l -> l.holder().equals(B)).map(Leadership::fencingToken).orElse(-1L);
        if (tokenB < 2) {
            failures.add("ctl-b does not hold the lease with a newer fencing token");
        }
        if (controllerStatus().stream().noneMatch(ControllerStatus::responding)) {
            failures.add("slurmctld does not answer at " + OVERLAY_IP);
        }
        return failures;
    }

    private FailoverPlan plan(NodeId self, SimulatedHost host, FakeReplicatedVolume volume, String peerInstance) {
        return ControllerFailoverPlan.builder(self)
                .fence(new FleetFence(fleet, peerInstance, clock, time, Duration.ofSeconds(60)))
                .volume(volume)
                .mount(new FilesystemMount(host, "/dev/drbd0", "/var/spool/slurm-ha", "ext4", Duration.ofSeconds(30)))
                .services(new SystemdServices(host, "systemctl", Duration.ofSeconds(60)), SERVICES)
                .address(new AnnouncedAddress(address, timeline))
                .scheduler(new OverlayScheduler())
                .clock(clock).sleeper(time).maxAttempts(3).backoff(Duration.ofSeconds(1), Duration.ofSeconds(4))
                .listener(steps(self.value()))
                .build();
    }

    private ControllerFailoverDaemon daemon(NodeId self, FailoverPlan plan) {
        return ControllerFailoverDaemon.builder(plan, lease, self).clock(clock).tickEvery(TICK)
                .safetyMargin(Duration.ofSeconds(2)).retryAfter(Duration.ofSeconds(30))
                .listener(new LeadershipListener() {
                    @Override
                    public void onElected(Leadership grant) {
                        timeline.event(self + ": won the lease (fencing token " + grant.fencingToken() + "); running the resource group plan");
                    }

                    @Override
                    public void onLost(Leadership grant, String reason) {
                        timeline.event(self + ": lost the lease (" + reason + ")");
                    }
                }).build();
    }

    private PlanListener steps(String node) {
        return new PlanListener() {
            @Override
            public void onStepEvent(String plan, StepRecord r) {
                switch (r.outcome()) {
                    case ALREADY_DONE -> timeline.event(node + ": " + r.step() + ": already in place");
                    case DONE -> timeline.event(node + ": " + r.step() + ": done" + (r.attempts() > 1 ? " after " + r.attempts() + " attempts" : "")
                            + " (" + Timeline.format(r.elapsed()) + ")");
                    default -> timeline.event(node + ": " + r.step() + ": " + r.outcome() + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")"));
                }
            }

            @Override
            public void onFinished(PlanResult result) {
                timeline.event(node + ": plan " + result.status() + (result.steps(StepRecord.Outcome.DONE).isEmpty()
                        ? ": nothing had to change" : ": " + node + " is the active controller"));
            }
        };
    }

    /** What {@code scontrol ping} shows: slurmctld answers at the overlay IP when the controller it points at runs it. */
    private List<ControllerStatus> controllerStatus() {
        Optional<NodeId> at = address.holder();
        boolean answers = at.isPresent() && (at.get().equals(A) ? !aHung && hostA.isActive("slurmctld") : hostB.isActive("slurmctld"));
        return List.of(new ControllerStatus(OVERLAY_IP, ControllerRole.PRIMARY, 0, answers));
    }

    /** The scheduler as seen through the overlay IP: {@link FakeScheduler}'s nodes, this world's controller. */
    private final class OverlayScheduler implements Scheduler {
        private void sync() {
            if (controllerStatus().get(0).responding()) {
                slurm.controllerUp(0);
            } else {
                slurm.controllerDown(0);
            }
        }

        @Override
        public List<SchedulerNode> nodes() {
            sync();
            return slurm.nodes();
        }

        @Override
        public List<ControllerStatus> controllers() {
            sync();
            return controllerStatus();
        }

        @Override
        public void drain(Collection<NodeId> nodes, String reason) {
            sync();
            slurm.drain(nodes, reason);
        }

        @Override
        public void resume(Collection<NodeId> nodes) {
            sync();
            slurm.resume(nodes);
        }

        @Override
        public void markDown(Collection<NodeId> nodes, String reason) {
            sync();
            slurm.markDown(nodes, reason);
        }

        @Override
        public void takeover() {
            sync();
            slurm.takeover();
        }
    }
}
