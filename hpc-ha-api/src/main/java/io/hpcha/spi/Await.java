package io.hpcha.spi;

import io.hpcha.BackendUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a deadline passes, on an injected clock and sleeper. Used by
 * backends that must verify a change the source of truth shows only eventually (EC2's eventual
 * consistency, a Slurm node coming back).
 *
 * <p>Immutable and thread-safe.
 */
public final class Await {
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration timeout;
    private final Duration interval;

    private Await(Clock clock, Sleeper sleeper, Duration timeout, Duration interval) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (timeout.isNegative() || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("timeout must be >= 0 and interval > 0");
        }
    }

    /** Polls every {@code interval} for at most {@code timeout}. */
    public static Await of(Clock clock, Sleeper sleeper, Duration timeout, Duration interval) {
        return new Await(clock, sleeper, timeout, interval);
    }

    /**
     * Returns the first value {@code probe} presents; the probe is asked at least once, even with a
     * zero timeout.
     *
     * @throws BackendUnavailableException naming {@code what} when the deadline passes first
     */
    public <T> T until(String what, Supplier<Optional<T>> probe) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                throw new BackendUnavailableException("gave up after " + timeout + " waiting for " + what);
            }
            Duration left = Duration.between(now, deadline);
            sleeper.sleep(left.compareTo(interval) < 0 ? left : interval);
        }
    }

    /** Waits until {@code condition} is true. */
    public void until(String what, java.util.function.BooleanSupplier condition) {
        until(what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }
}
