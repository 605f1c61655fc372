package io.hpcha.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.Leadership;
import io.hpcha.NodeId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FakeLeaseTest {
    private static final NodeId A = NodeId.of("head-1");
    private static final NodeId B = NodeId.of("head-2");
    private final ManualClock clock = new ManualClock();
    private final FakeLease lease = new FakeLease("controller", clock, Duration.ofSeconds(10));

    @Test
    void reacquiringWhileHoldingRenewsWithTheSameToken() {
        Leadership first = lease.tryAcquire(A).orElseThrow();
        clock.advance(Duration.ofSeconds(5));
        Leadership again = lease.tryAcquire(A).orElseThrow();
        assertThat(again.fencingToken()).isEqualTo(first.fencingToken());
        assertThat(again.expiresAt()).isAfter(first.expiresAt());
    }

    @Test
    void theSameHolderAfterExpiryGetsANewToken() {
        Leadership first = lease.tryAcquire(A).orElseThrow();
        clock.advance(Duration.ofSeconds(10));
        assertThat(lease.renew(first)).isFalse(); // expired is not current
        assertThat(lease.tryAcquire(A).orElseThrow().fencingToken()).isGreaterThan(first.fencingToken());
    }

    @Test
    void expiresExactlyAtTheTtl() {
        lease.tryAcquire(A);
        clock.advance(Duration.ofSeconds(9));
        assertThat(lease.current()).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(lease.current()).isEmpty();
        assertThat(lease.tryAcquire(B)).isPresent();
    }

    @Test
    void aGrantOfAnotherLeaseIsNeverCurrent() {
        Leadership mine = lease.tryAcquire(A).orElseThrow();
        Leadership forged = new Leadership("other-lease", A, mine.fencingToken(), mine.expiresAt());
        assertThat(lease.renew(forged)).isFalse();
        lease.release(forged);
        assertThat(lease.current()).contains(mine);
    }

    @Test
    void faultsMakeTheLeaseUnavailable() {
        lease.faults().unreachable(true);
        assertThatThrownBy(() -> lease.tryAcquire(A)).isInstanceOf(BackendUnavailableException.class);
        assertThat(lease.current()).isEmpty();
    }
}
