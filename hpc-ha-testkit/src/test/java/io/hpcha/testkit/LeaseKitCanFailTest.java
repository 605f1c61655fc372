package io.hpcha.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.Leadership;
import io.hpcha.Lease;
import io.hpcha.NodeId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The lease kit catches a lease without fencing and a lease that races. */
class LeaseKitCanFailTest {
    @Test
    void kitFailsALeaseWhoseTokensDoNotIncreaseAndWhoseReleaseIgnoresTheHolder() {
        KitRun run = KitRun.of(UnfencedLeaseKit.class);
        assertThat(run.failed()).containsExactlyInAnyOrder(
                "anExpiredLeaseGoesToAnotherCandidateWithAGreaterToken", "aStaleHolderCanNeitherRenewNorRelease",
                "releaseLetsAnotherCandidateAcquire");
        assertThat(run.succeeded()).contains("anotherCandidateIsRefusedWhileTheLeaseIsHeld",
                "renewByTheHolderKeepsTheLeasePastItsFirstExpiry", "racingCandidatesYieldExactlyOneHolder");
    }

    @Test
    void kitFailsALeaseThatChecksThenActsWithoutAtomicity() {
        KitRun run = KitRun.ofMethod(RacyLeaseKit.class, "racingCandidatesYieldExactlyOneHolder");
        assertThat(run.started()).isEqualTo(1);
        assertThat(run.failed()).containsExactly("racingCandidatesYieldExactlyOneHolder");
    }

    /** Token always 1; release frees the lease whoever asks. Otherwise correct and atomic. */
    static final class UnfencedLease implements Lease {
        private final ManualClock clock;
        private final Duration ttl;
        private NodeId holder;
        private Instant expiresAt = Instant.MIN;

        UnfencedLease(ManualClock clock, Duration ttl) {
            this.clock = clock;
            this.ttl = ttl;
        }

        @Override
        public synchronized Optional<Leadership> tryAcquire(NodeId candidate) {
            if (holder != null && !holder.equals(candidate) && clock.instant().isBefore(expiresAt)) {
                return Optional.empty();
            }
            holder = candidate;
            expiresAt = clock.instant().plus(ttl);
            return Optional.of(new Leadership("unfenced", candidate, 1, expiresAt));
        }

        @Override
        public synchronized boolean renew(Leadership l) {
            if (!l.holder().equals(holder) || !clock.instant().isBefore(expiresAt)) {
                return false;
            }
            expiresAt = clock.instant().plus(ttl);
            return true;
        }

        @Override
        public synchronized void release(Leadership l) {
            holder = null;
        }
    }

    /** Looks, then lets every racer look, then writes: everyone sees a free lease and everyone wins. */
    static final class RacyLease implements Lease {
        private final CyclicBarrier allLooked;
        private volatile NodeId holder;

        RacyLease(int racers) {
            this.allLooked = new CyclicBarrier(racers);
        }

        @Override
        public Optional<Leadership> tryAcquire(NodeId candidate) {
            boolean free = holder == null;
            try {
                allLooked.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("racers did not meet", e);
            }
            if (!free) {
                return Optional.empty();
            }
            holder = candidate;
            return Optional.of(new Leadership("racy", candidate, 1, Instant.MAX));
        }

        @Override
        public boolean renew(Leadership l) {
            return l.holder().equals(holder);
        }

        @Override
        public void release(Leadership l) {
            holder = null;
        }
    }

    static class UnfencedLeaseKit extends LeaseCompatibilityKit {
        @Override
        protected Lease createLease(ManualClock clock, Duration ttl) {
            return new UnfencedLease(clock, ttl);
        }
    }

    static class RacyLeaseKit extends LeaseCompatibilityKit {
        @Override
        protected Lease createLease(ManualClock clock, Duration ttl) {
            return new RacyLease(racingCandidates());
        }
    }
}
