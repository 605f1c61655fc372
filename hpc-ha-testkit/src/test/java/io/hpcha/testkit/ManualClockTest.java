package io.hpcha.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.spi.Await;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ManualClockTest {
    @Test
    void standsStillUntilAdvanced() {
        ManualClock clock = new ManualClock();
        assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START).isEqualTo(clock.instant());
        clock.advance(Duration.ofMinutes(5));
        assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START.plusSeconds(300));
        assertThat(clock.millis()).isEqualTo(clock.instant().toEpochMilli());
    }

    @Test
    void sleepingAdvancesTheClock() {
        ManualClock clock = new ManualClock(Instant.EPOCH);
        clock.sleep(Duration.ofSeconds(7));
        assertThat(clock.instant()).isEqualTo(Instant.ofEpochSecond(7));
    }

    @Test
    void neverRunsBackwards() {
        ManualClock clock = new ManualClock(Instant.EPOCH.plusSeconds(10));
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.set(Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
        clock.set(Instant.EPOCH.plusSeconds(20));
        assertThat(clock.instant()).isEqualTo(Instant.EPOCH.plusSeconds(20));
    }

    @Test
    void isUtcOnly() {
        ManualClock clock = new ManualClock();
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
        assertThatThrownBy(() -> clock.withZone(ZoneId.of("Europe/Paris")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void drivesAwaitWithoutRealWaiting() {
        ManualClock clock = new ManualClock();
        AtomicInteger polls = new AtomicInteger();
        Instant start = clock.instant();
        Await.of(clock, clock, Duration.ofMinutes(10), Duration.ofSeconds(30))
                .until("fourth poll", () -> polls.incrementAndGet() == 4);
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(90));
    }
}
