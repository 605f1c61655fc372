package io.hpcha.policy;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay: the one seam between policy components and threads. Production
 * code adapts a {@link ScheduledExecutorService} with {@link #of}; tests and simulations use an
 * implementation that runs due tasks when a manual clock is advanced, so no test ever sleeps.
 *
 * <p>Repetition is built on top by rescheduling after each run, which is what lets the reconcile loop
 * apply fresh jitter to every interval and guarantee that two passes never overlap.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface TaskScheduler {
    /** Runs {@code task} once, {@code delay} from now (zero or negative means as soon as possible). */
    Cancellable schedule(Runnable task, Duration delay);

    /** A scheduler backed by {@code executor}; the caller owns the executor and shuts it down. */
    static TaskScheduler of(ScheduledExecutorService executor) {
        Objects.requireNonNull(executor, "executor");
        return (task, delay) -> {
            ScheduledFuture<?> f = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
    }
}
