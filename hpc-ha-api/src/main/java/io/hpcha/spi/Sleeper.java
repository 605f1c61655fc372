package io.hpcha.spi;

import io.hpcha.BackendUnavailableException;
import java.time.Duration;

/**
 * Waits. Injected wherever code waits, beside a {@link java.time.Clock}, so that tests replace both
 * with a manual clock that advances instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {
    /** Waits for {@code duration}; an interrupt is kept and surfaces as {@link BackendUnavailableException}. */
    void sleep(Duration duration);

    /** The real thing: {@link Thread#sleep}. */
    static Sleeper system() {
        return duration -> {
            try {
                Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendUnavailableException("interrupted while waiting", e);
            }
        };
    }
}
