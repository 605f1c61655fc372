package io.hpcha.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {
    /** A minimal manual clock: the testkit's depends on this module, so it cannot be used here. */
    private static final class SteppingClock extends Clock implements Sleeper {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override public Instant instant() { return now; }
        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public void sleep(Duration d) { now = now.plus(d); }
    }

    @Test
    void returnsTheFirstPresentValue() {
        SteppingClock clock = new SteppingClock();
        AtomicInteger calls = new AtomicInteger();
        String v = Await.of(clock, clock, Duration.ofSeconds(10), Duration.ofSeconds(1))
                .until("third call", () -> calls.incrementAndGet() == 3 ? Optional.of("done") : Optional.empty());
        assertThat(v).isEqualTo("done");
        assertThat(clock.now).isEqualTo(Instant.parse("2026-01-01T00:00:02Z"));
    }

    @Test
    void givesUpAtTheDeadlineWithoutOvershooting() {
        SteppingClock clock = new SteppingClock();
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> Await.of(clock, clock, Duration.ofMillis(2500), Duration.ofSeconds(1))
                .until("never", () -> calls.incrementAndGet() < 0))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("waiting for never");
        assertThat(clock.now).isEqualTo(Instant.parse("2026-01-01T00:00:02.500Z"));
        assertThat(calls).hasValue(4);
    }

    @Test
    void asksAtLeastOnceWithAZeroTimeout() {
        SteppingClock clock = new SteppingClock();
        assertThat(Await.of(clock, clock, Duration.ZERO, Duration.ofSeconds(1)).until("now", () -> Optional.of(1))).isEqualTo(1);
    }
}
