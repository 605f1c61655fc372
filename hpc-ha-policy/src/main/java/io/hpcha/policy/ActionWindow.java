package io.hpcha.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code max} actions in any sliding {@code window}, measured on an injected clock.
 *
 * <p>Written here rather than taken from Resilience4j's {@code RateLimiter}: its implementations
 * measure time with {@link System#nanoTime()} and accept no clock, so a test could not move a window
 * forward without sleeping, and a refill-per-period limiter allows up to twice the cap across a period
 * boundary, which a remediation cap must not. Not thread-safe; {@link RemediationBudget} guards it.
 */
final class ActionWindow {
    private final int max;
    private final Duration window;
    private final Deque<Instant> taken = new ArrayDeque<>();

    ActionWindow(int max, Duration window) {
        this.max = max;
        this.window = window;
    }

    /** Takes one permit at {@code clock}'s now if fewer than {@code max} were taken in the last window. */
    boolean tryTake(Clock clock) {
        Instant now = clock.instant();
        evict(now);
        if (taken.size() >= max) {
            return false;
        }
        taken.addLast(now);
        return true;
    }

    int remaining(Clock clock) {
        evict(clock.instant());
        return Math.max(0, max - taken.size());
    }

    int max() {
        return max;
    }

    Duration window() {
        return window;
    }

    private void evict(Instant now) {
        Instant horizon = now.minus(window);
        while (!taken.isEmpty() && !taken.peekFirst().isAfter(horizon)) {
            taken.removeFirst();
        }
    }
}
