package io.hpcha.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.spi.CommandResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Controller failover end to end, on real processes and a real network path: two controllers, each
 * running slurmctld (when active) and the {@code controller-failover} daemon from {@code hpc-ha.jar},
 * share a DynamoDB lease (DynamoDB Local) and a Slurm StateSaveLocation; the daemon moves the floating
 * address with the {@code linux-ip} backend ({@code ip addr} and gratuitous ARP in network namespaces).
 * A client and a slurmd reach Slurm only through the floating address.
 *
 * <p>Each round kills the active controller (its daemon and slurmctld, with SIGKILL: a crash, so the
 * lease is not released and must expire), waits for the standby to take the lease, start slurmctld
 * and move the address, then checks the client's {@code scontrol ping} and a job through the address,
 * that exactly one namespace holds the address and that exactly one slurmctld serves; then restarts
 * the killed side as the new standby. The failover time (kill until {@code scontrol ping} through the
 * address answers) of every round is printed with its distribution; it is measured, not asserted.
 *
 * <h2>Timing budget (target: 10 s median)</h2>
 * <ul>
 *   <li>Lease: 4 s, renewed every second ({@code election.tickEvery: 1s}), so a killed holder's grant
 *       has 3-4 s left; the standby asks every second, so it holds the lease 3-5 s after the kill.
 *       Shorter leases cut this, but a holder stalled longer than the lease (GC, a loaded host) then
 *       loses it to a needless failover; the clock-skew margin is 0.5 s because both daemons read one
 *       host's clock.</li>
 *   <li>Plan: fence check ~30 ms (the peer is already down), start slurmctld as primary from the shared
 *       state ~0.2 s, move the address (read both nodes, delete, add) ~0.1 s. Gratuitous ARP then runs
 *       for 1 s, but the client follows at its first announcement.</li>
 *   <li>Slurm: each controller's slurm.conf names itself first, because a slurmctld started as the
 *       configured backup stays in standby for about 6 s after {@code scontrol takeover} (Slurm 22.05).</li>
 * </ul>
 * Measured on a loaded 2-core host (four runs of six): 4.1-6.1 s, medians 4.5-5.1 s, of which the
 * lease wait is 3.3-5.1 s (median about 4 s); the test prints this split for every round.
 *
 * <p>A second test hangs the active daemon (SIGSTOP) while its slurmctld keeps serving: the standby must
 * fence it (the testbed's fence agent kills its processes, and refuses fencing tokens older than the
 * newest it obeyed) before it starts slurmctld and moves the address.
 */
class ControllerFailoverIT {
    private static final int FAILOVERS = 6;
    private static final Duration FAILOVER_DEADLINE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(50);

    private static FailoverTestbed testbed;

    @BeforeAll
    static void up() {
        testbed = FailoverTestbed.require();
        try {
            testbed.start();
        } catch (RuntimeException | Error e) {
            testbed.close();
            throw e;
        }
    }

    @AfterAll
    static void down() {
        if (testbed != null) {
            testbed.close();
        }
    }

    @Test
    @Timeout(value = 7, unit = java.util.concurrent.TimeUnit.MINUTES)
    void theStandbyTakesOverEveryTimeTheActiveControllerDies() {
        List<String> holders = testbed.addressHolders(); // ctl1 after start; the other test may have moved it
        assertThat(holders).as("at the start: the address").hasSize(1);
        assertOnlyActive(holders.get(0), "at the start");
        runJobThroughTheAddress("at the start");
        awaitStandby(holders.get(0).equals("ctl1") ? "ctl2" : "ctl1");

        Distribution failovers = new Distribution();
        Distribution leaseTaken = new Distribution();
        Distribution addressAdded = new Distribution();
        for (int round = 1; round <= FAILOVERS; round++) {
            String label = "failover " + round;
            Instant killedWall = Instant.now();
            long killedAt = System.nanoTime(); // taken before the kill: the time measured is never too short
            String killed = testbed.killActive();
            String survivor = killed.equals("ctl1") ? "ctl2" : "ctl1";

            Duration took = awaitSlurmThroughTheAddress(killedAt, label);
            failovers.add(took);
            // where the time went, from the survivor's log (its clock is this host's)
            Optional<Duration> lease = testbed.logged(survivor, "acquired by " + survivor, killedWall)
                    .map(t -> Duration.between(killedWall, t));
            Optional<Duration> added = testbed.logged(survivor, "ran ip addr add " + FailoverTestbed.ADDRESS, killedWall)
                    .map(t -> Duration.between(killedWall, t));
            lease.ifPresent(leaseTaken::add);
            added.ifPresent(addressAdded::add);
            System.out.printf("%s: %s -> %s in %s (lease taken after %s, address added after %s)%n", label, killed, survivor,
                    Distribution.seconds(took), lease.map(Distribution::seconds).orElse("?"),
                    added.map(Distribution::seconds).orElse("?"));

            assertOnlyActive(survivor, label);
            runJobThroughTheAddress(label);
            testbed.startDaemon(killed);
            awaitStandby(killed);
            assertOnlyActive(survivor, label + ", " + killed + " back as standby");
        }

        System.out.println("controller failover time (kill -> scontrol ping through " + FailoverTestbed.ADDRESS
                + " answers): " + failovers);
        System.out.println("  of which kill -> lease taken by the standby: " + leaseTaken);
        System.out.println("  of which kill -> address added on the standby: " + addressAdded);
        assertThat(failovers.size()).isEqualTo(FAILOVERS);
    }

    /**
     * A hung active controller (its daemon stopped, its slurmctld still serving) loses the lease, and
     * the standby fences it before it starts slurmctld and takes the address: afterwards the hung
     * side's processes are gone and Slurm answers through the address from the survivor only.
     */
    @Test
    @Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
    void aHungActiveControllerIsFencedBeforeTheStandbyTakesOver() {
        List<String> holders = testbed.addressHolders();
        assertThat(holders).as("before: the address").hasSize(1);
        String hung = holders.get(0);
        String survivor = hung.equals("ctl1") ? "ctl2" : "ctl1";
        awaitStandby(survivor);

        Instant frozenAt = Instant.now();
        assertThat(testbed.freezeActive()).isEqualTo(hung);
        await(survivor + " active", Duration.ofSeconds(60),
                () -> testbed.logged(survivor, "This controller is active", frozenAt).isPresent());

        Instant fenced = testbed.logged(survivor, "Fencing peer", frozenAt).orElseThrow(() ->
                new AssertionError("no fencing in " + survivor + "'s log\n" + testbed.diagnostics()));
        Instant started = testbed.logged(survivor, "step start-slurmctld: DONE", frozenAt).orElseThrow();
        Instant moved = testbed.logged(survivor, "now on " + survivor, frozenAt).orElseThrow();
        assertThat(fenced).as("fenced before slurmctld started and the address moved").isBefore(started).isBefore(moved);
        assertThat(testbed.newestFencingToken()).as("the fencing token the fence agent obeyed")
                .isEqualTo(testbed.grantedToken(survivor, frozenAt));
        assertOnlyActive(survivor, "after fencing " + hung);
        runJobThroughTheAddress("after fencing " + hung);

        testbed.startDaemon(hung);
        awaitStandby(hung);
        assertOnlyActive(survivor, hung + " back as standby");
    }

    /** Polls the client's {@code scontrol ping} through the address until it answers; the time since the kill. */
    private static Duration awaitSlurmThroughTheAddress(long killedAt, String label) {
        long deadline = killedAt + FAILOVER_DEADLINE.toNanos();
        CommandResult last = null;
        while (System.nanoTime() < deadline) {
            last = testbed.clientPing();
            if (last.succeeded() && last.stdout().contains("is UP")) {
                return Duration.ofNanos(System.nanoTime() - killedAt);
            }
            pause();
        }
        throw new AssertionError(label + ": Slurm did not answer through " + FailoverTestbed.ADDRESS + " within "
                + FAILOVER_DEADLINE + "; last scontrol ping: " + (last == null ? "none" : last.combinedOutput())
                + "\n" + testbed.diagnostics());
    }

    /** Exactly one namespace holds the address, exactly one slurmctld runs, and both are {@code active}'s. */
    private static void assertOnlyActive(String active, String label) {
        assertThat(testbed.addressHolders()).as("%s: namespaces holding %s", label, FailoverTestbed.ADDRESS)
                .containsExactly(active);
        assertThat(testbed.runningSlurmctlds()).as("%s: slurmctld processes", label).containsExactly(active);
        CommandResult ping = testbed.exec(active, Duration.ofSeconds(20), "scontrol", "ping");
        assertThat(ping.stdout().lines().filter(l -> l.endsWith("is UP")).toList())
                .as("%s: controllers answering (scontrol ping on %s: %s)", label, active, ping.combinedOutput())
                .singleElement().asString().contains("at " + active + " ");
    }

    /** A job submitted on the client through the address runs on n1; then waits until Slurm has saved it. */
    private static void runJobThroughTheAddress(String label) {
        Instant submitted = Instant.now();
        CommandResult job = testbed.exec("client", Duration.ofSeconds(90), "srun", "-N1", "-t", "1", "hostname");
        assertThat(job.succeeded()).as("%s: srun through the address: %s", label, job.combinedOutput()).isTrue();
        assertThat(job.stdout().strip()).as("%s: where the job ran", label).isEqualTo("n1");
        // The next round kills slurmctld hard: let it write the finished job to the shared state first,
        // or the successor recovers the job as still running (Slurm saves state at most every 5 s).
        // A save after srun returned certainly has the job's end; one during the job may have it too,
        // when no later save comes.
        Instant finished = Instant.now();
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (!testbed.jobStateSavedAt().isAfter(finished) && System.nanoTime() < deadline) {
            pause();
        }
        assertThat(testbed.jobStateSavedAt()).as("%s: job state saved since the job was submitted", label).isAfter(submitted);
    }

    private static void awaitStandby(String controller) {
        await(controller + " standing by", Duration.ofSeconds(60), () -> testbed.isStandby(controller));
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout + "\n" + testbed.diagnostics());
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
