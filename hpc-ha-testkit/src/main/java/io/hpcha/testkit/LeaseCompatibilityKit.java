package io.hpcha.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcha.Leadership;
import io.hpcha.Lease;
import io.hpcha.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Lease} contract as tests. Subclass it in a backend's test sources and implement the
 * factory method; every test below then runs against that backend.
 *
 * <p>Time is a {@link ManualClock} handed to the backend, so expiry is tested without waiting.
 */
public abstract class LeaseCompatibilityKit {
    /** The grant duration the kit asks for. */
    protected static final Duration TTL = Duration.ofSeconds(30);

    private static final NodeId A = NodeId.of("kit-node-a");
    private static final NodeId B = NodeId.of("kit-node-b");
    private static final NodeId C = NodeId.of("kit-node-c");

    private ManualClock clock;
    private Lease lease;

    /**
     * A fresh lease (a name no other test uses) whose grants last {@code ttl} and whose notion of
     * time is {@code clock}.
     */
    protected abstract Lease createLease(ManualClock clock, Duration ttl);

    /** How many threads race for the lease in {@link #racingCandidatesYieldExactlyOneHolder()}. */
    protected int racingCandidates() {
        return 8;
    }

    @BeforeEach
    void createLeaseUnderTest() {
        clock = new ManualClock();
        lease = createLease(clock, TTL);
    }

    @Test
    void acquireGrantsAValidLeadershipToTheCandidate() {
        Leadership a = acquire(A);
        assertEquals(A, a.holder());
        assertFalse(a.lease().isBlank(), "lease name is blank");
        assertTrue(a.isValidAt(clock.instant()), "a fresh grant is already expired: " + a);
        assertFalse(a.isValidAt(clock.instant().plus(TTL).plusSeconds(1)), "a grant outlives its ttl: " + a);
    }

    @Test
    void anotherCandidateIsRefusedWhileTheLeaseIsHeld() {
        acquire(A);
        clock.advance(TTL.dividedBy(2));
        assertEquals(Optional.empty(), lease.tryAcquire(B));
    }

    @Test
    void renewByTheHolderKeepsTheLeasePastItsFirstExpiry() {
        Leadership a = acquire(A);
        clock.advance(TTL.dividedBy(2));
        assertTrue(lease.renew(a), "the holder's renewal was refused");
        clock.advance(TTL.dividedBy(4).multipliedBy(3)); // past the first expiry, within the renewed one
        assertEquals(Optional.empty(), lease.tryAcquire(B), "a renewed lease was handed over");
    }

    @Test
    void anExpiredLeaseGoesToAnotherCandidateWithAGreaterToken() {
        Leadership a = acquire(A);
        clock.advance(TTL.plusSeconds(1));
        Leadership b = acquire(B);
        assertEquals(B, b.holder());
        assertTrue(b.fencingToken() > a.fencingToken(),
                "fencing token did not increase: " + a.fencingToken() + " then " + b.fencingToken());
    }

    @Test
    void aStaleHolderCanNeitherRenewNorRelease() {
        Leadership a = acquire(A);
        clock.advance(TTL.plusSeconds(1));
        Leadership b = acquire(B);
        assertFalse(lease.renew(a), "the stale holder renewed");
        lease.release(a);
        assertEquals(Optional.empty(), lease.tryAcquire(C), "a stale release freed the new holder's lease");
        assertTrue(lease.renew(b), "the current holder lost the lease to a stale release");
    }

    @Test
    void releaseLetsAnotherCandidateAcquire() {
        Leadership a = acquire(A);
        lease.release(a);
        Leadership b = acquire(B);
        assertTrue(b.fencingToken() > a.fencingToken(), "fencing token did not increase after a release");
        assertFalse(lease.renew(a), "a released grant was renewed");
    }

    @Test
    void racingCandidatesYieldExactlyOneHolder() throws Exception {
        int n = racingCandidates();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<Leadership>>> attempts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                NodeId candidate = NodeId.of("kit-racer-" + i);
                attempts.add(pool.submit(() -> {
                    go.await();
                    return lease.tryAcquire(candidate);
                }));
            }
            go.countDown();
            List<Leadership> winners = new ArrayList<>();
            for (Future<Optional<Leadership>> f : attempts) {
                f.get(60, TimeUnit.SECONDS).ifPresent(winners::add);
            }
            assertEquals(1, winners.size(), "holders after a race: " + winners);
        } finally {
            pool.shutdownNow();
        }
    }

    private Leadership acquire(NodeId candidate) {
        return lease.tryAcquire(candidate)
                .orElseThrow(() -> new AssertionError(candidate + " could not acquire a free lease"));
    }
}
