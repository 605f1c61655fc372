package io.hpcha.examples.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.NodeId;
import io.hpcha.Scheduler;
import io.hpcha.examples.demo.SimulatedHost;
import io.hpcha.policy.Authority;
import io.hpcha.policy.FailoverPlan;
import io.hpcha.policy.PlanResult;
import io.hpcha.policy.StepRecord;
import io.hpcha.testkit.ManualClock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControllerFailoverPlanTest {
    private static final NodeId A = NodeId.of("ctl-a");
    private static final NodeId B = NodeId.of("ctl-b");
    private final ManualClock clock = new ManualClock();
    private final Controllers world = new Controllers(clock, A);
    private final SimulatedHost hostB = new SimulatedHost("ctl-b").onWrite(w -> world.writes.add("ctl-b: " + w));

    private Scheduler scheduler() {
        return new Scheduler() {
            @Override
            public List<io.hpcha.SchedulerNode> nodes() {
                return List.of();
            }

            @Override
            public List<io.hpcha.ControllerStatus> controllers() {
                // slurmctld answers once it runs on the node that holds the address
                world.slurmctldAnswers = hostB.isActive("slurmctld") && B.equals(world.addressHolder);
                return world.controllers();
            }

            @Override
            public void drain(Collection<NodeId> nodes, String reason) {
            }

            @Override
            public void resume(Collection<NodeId> nodes) {
            }

            @Override
            public void markDown(Collection<NodeId> nodes, String reason) {
            }

            @Override
            public void takeover() {
            }
        };
    }

    private FailoverPlan planOnB() {
        return ControllerFailoverPlan.builder(B)
                .fence(world.fence(A)).volume(world.volume(B)).address(world.address()).scheduler(scheduler())
                .mount(new FilesystemMount(hostB, "/dev/drbd0", "/var/spool/slurm-ha", "ext4", Duration.ofSeconds(30)))
                .services(new SystemdServices(hostB, "systemctl", Duration.ofSeconds(30)), List.of("mariadb", "slurmdbd", "slurmctld"))
                .clock(clock).sleeper(clock).backoff(Duration.ofSeconds(1), Duration.ofSeconds(4))
                .build();
    }

    @Test
    void theStandbyBringsUpTheWholeResourceGroupInOrder() {
        PlanResult result = planOnB().execute(Authority.standalone());

        assertThat(result.status()).isEqualTo(PlanResult.Status.COMPLETED);
        assertThat(world.writes).containsExactly("fence ctl-a", "promote ctl-b",
                "ctl-b: mount -t ext4 /dev/drbd0 /var/spool/slurm-ha",
                "ctl-b: systemctl start mariadb", "ctl-b: systemctl start slurmdbd", "ctl-b: systemctl start slurmctld",
                "address -> ctl-b");
        assertThat(result.steps(StepRecord.Outcome.ALREADY_DONE)).as("the scheduler answered at once").containsExactly("verify-scheduler");
    }

    @Test
    void onTheControllerThatAlreadyServesThePlanWritesNothing() {
        planOnB().execute(Authority.standalone());
        world.writes.clear();

        PlanResult again = planOnB().execute(Authority.standalone());

        assertThat(again.completed()).isTrue();
        assertThat(world.writes).isEmpty();
        assertThat(again.steps(StepRecord.Outcome.DONE)).isEmpty();
    }

    @Test
    void whenSlurmctldWillNotStartTheGroupIsRolledBackInReverse() {
        hostB.failStarts("slurmctld", 3);

        PlanResult result = planOnB().execute(Authority.standalone());

        assertThat(result.status()).isEqualTo(PlanResult.Status.FAILED);
        assertThat(result.error()).contains("start-slurmctld").contains("Job for slurmctld.service failed");
        assertThat(result.steps(StepRecord.Outcome.COMPENSATED))
                .containsExactly("start-slurmdbd", "start-mariadb", "mount-filesystem", "promote-volume");
        assertThat(world.writes.subList(5, world.writes.size())).containsExactly("ctl-b: systemctl stop slurmdbd",
                "ctl-b: systemctl stop mariadb", "ctl-b: umount /var/spool/slurm-ha", "demote ctl-b");
        assertThat(world.peerFenced).as("fencing is never undone").isTrue();
        assertThat(world.addressHolder).isEqualTo(A);
    }

    @Test
    void aFlakyServiceStartIsRetriedAndTheGroupStillComesUp() {
        hostB.failStarts("slurmdbd", 2);

        PlanResult result = planOnB().execute(Authority.standalone());

        assertThat(result.completed()).isTrue();
        assertThat(result.events()).filteredOn(e -> e.step().equals("start-slurmdbd")).singleElement()
                .satisfies(e -> assertThat(e.attempts()).isEqualTo(3));
    }

    @Test
    void aRerunAfterACrashRepeatsNothingThatTookEffect() {
        FailoverPlan crashing = ControllerFailoverPlan.builder(B)
                .fence(world.fence(A)).volume(world.volume(B)).address(world.address()).scheduler(scheduler())
                .mount(new FilesystemMount(hostB, "/dev/drbd0", "/var/spool/slurm-ha", "ext4", Duration.ofSeconds(30)))
                .services((new ServiceManager() {
                    @Override
                    public void start(String service) {
                        throw new Crash();
                    }

                    @Override
                    public void stop(String service) {
                    }

                    @Override
                    public boolean isActive(String service) {
                        return false;
                    }
                }), List.of("mariadb"))
                .clock(clock).sleeper(clock).build();
        assertThatThrownBy(() -> crashing.execute(Authority.standalone())).isInstanceOf(Crash.class);
        world.writes.clear();

        PlanResult rerun = planOnB().execute(Authority.standalone());

        assertThat(rerun.steps(StepRecord.Outcome.ALREADY_DONE)).startsWith("fence-peer", "promote-volume", "mount-filesystem");
        assertThat(world.writes).noneMatch(w -> w.startsWith("fence") || w.startsWith("promote") || w.contains("mount -t"));
    }

    @Test
    void theDaemonOnTheStandbyTakesOverWhenTheActiveControllersLeaseRunsOut() {
        Controllers.SharedLease lease = new Controllers.SharedLease(clock, Duration.ofSeconds(15));
        // ctl-a's daemon holds the lease, then dies: it stops renewing
        assertThat(lease.tryAcquire(A)).isPresent();
        ControllerFailoverDaemon b = ControllerFailoverDaemon.builder(planOnB(), lease, B).clock(clock)
                .tickEvery(Duration.ofSeconds(5)).safetyMargin(Duration.ofSeconds(2)).build();

        b.tick();
        assertThat(b.election().isLeader()).isFalse();
        assertThat(world.writes).isEmpty();

        clock.advance(Duration.ofSeconds(16));
        b.tick();

        assertThat(b.active()).isTrue();
        assertThat(world.fencedWithToken).as("writes carry the new leader's token").isEqualTo(2);
        assertThat(world.addressHolder).isEqualTo(B);
        assertThat(b.lastResult()).hasValueSatisfying(r -> assertThat(r.completed()).isTrue());

        world.writes.clear();
        clock.advance(Duration.ofSeconds(5));
        b.tick();
        assertThat(world.writes).as("the completed plan is not run again while leading").isEmpty();
    }

    @Test
    void aFailedFailoverIsRetriedAfterTheConfiguredWait() {
        Controllers.SharedLease lease = new Controllers.SharedLease(clock, Duration.ofSeconds(15));
        hostB.failStarts("slurmctld", 3);
        ControllerFailoverDaemon b = ControllerFailoverDaemon.builder(planOnB(), lease, B).clock(clock)
                .retryAfter(Duration.ofSeconds(30)).build();

        b.tick();
        assertThat(b.lastResult()).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(PlanResult.Status.FAILED));
        var failedAt = clock.instant();
        while (clock.instant().plusSeconds(5).isBefore(failedAt.plusSeconds(30))) { // ticks inside the 30 s wait
            clock.advance(Duration.ofSeconds(5));
            b.tick();
            assertThat(b.active()).isFalse();
        }

        clock.advance(Duration.ofSeconds(5));
        b.tick();
        assertThat(b.active()).isTrue();
    }

    /** The process dying mid-plan. */
    private static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }
}
