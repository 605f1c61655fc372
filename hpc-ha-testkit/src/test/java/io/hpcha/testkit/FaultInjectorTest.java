package io.hpcha.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.NotFoundException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {
    private final ManualClock clock = new ManualClock();
    private final FaultInjector faults = FaultInjector.forClock(clock);

    @Test
    void failsExactlyTheNextNCallsThenRecovers() {
        faults.failNext(2, () -> new NotFoundException("gone"));
        assertThatThrownBy(() -> faults.beforeCall("a")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> faults.beforeCall("b")).isInstanceOf(NotFoundException.class);
        assertThatCode(() -> faults.beforeCall("c")).doesNotThrowAnyException();
    }

    @Test
    void defaultFailureIsRetryableUnavailability() {
        faults.failNext(1);
        assertThatThrownBy(() -> faults.beforeCall("a")).isInstanceOf(BackendUnavailableException.class);
    }

    @Test
    void operationScopedFailuresHitOnlyThatOperation() {
        faults.failNext("start", 1, () -> new BackendUnavailableException("throttled"));
        assertThatCode(() -> faults.beforeCall("instances")).doesNotThrowAnyException();
        assertThatThrownBy(() -> faults.beforeCall("start")).hasMessage("throttled");
        assertThatCode(() -> faults.beforeCall("start")).doesNotThrowAnyException();
    }

    @Test
    void latencyAdvancesTheManualClockInsteadOfSleeping() {
        faults.latency(Duration.ofSeconds(20));
        var before = clock.instant();
        faults.beforeCall("a");
        assertThat(Duration.between(before, clock.instant())).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void unreachableFailsEveryCallUntilReset() {
        faults.unreachable(true);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> faults.beforeCall("nodes"))
                    .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("nodes");
        }
        faults.reset();
        assertThatCode(() -> faults.beforeCall("nodes")).doesNotThrowAnyException();
    }

    @Test
    void resetForgetsPlannedFailuresAndLatencyButKeepsCounts() {
        faults.failNext(5).latency(Duration.ofSeconds(1));
        assertThatThrownBy(() -> faults.beforeCall("x")).isInstanceOf(BackendUnavailableException.class);
        faults.reset();
        var before = clock.instant();
        assertThatCode(() -> faults.beforeCall("x")).doesNotThrowAnyException();
        assertThat(clock.instant()).isEqualTo(before);
        assertThat(faults.calls("x")).isEqualTo(2);
    }

    @Test
    void countsCallsPerOperationIncludingFailedOnes() {
        faults.failNext(1);
        assertThatThrownBy(() -> faults.beforeCall("drain")).isInstanceOf(BackendUnavailableException.class);
        faults.beforeCall("drain");
        faults.beforeCall("nodes");
        assertThat(faults.calls("drain")).isEqualTo(2);
        assertThat(faults.calls("nodes")).isEqualTo(1);
        assertThat(faults.calls("resume")).isZero();
    }

    @Test
    void concurrentCallersConsumeEachPlannedFailureOnce() throws Exception {
        faults.failNext(100);
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 400; i++) {
            pool.execute(() -> {
                try {
                    faults.beforeCall("x");
                } catch (BackendUnavailableException e) {
                    failed.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(failed.get()).isEqualTo(100);
        assertThat(faults.calls("x")).isEqualTo(400);
    }

    @Test
    void rejectsNegativeCountsAndLatency() {
        assertThatThrownBy(() -> faults.failNext(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.latency(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
