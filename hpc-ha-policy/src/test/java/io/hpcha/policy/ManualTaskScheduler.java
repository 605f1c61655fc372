package io.hpcha.policy;

import io.hpcha.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;

/** A {@link TaskScheduler} that runs due tasks only when the test advances its {@link ManualClock}. */
final class ManualTaskScheduler implements TaskScheduler {
    private final ManualClock clock;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>(
            Comparator.comparing((Entry e) -> e.due).thenComparingLong(e -> e.seq));
    private long seq;

    ManualTaskScheduler(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        Entry e = new Entry(clock.instant().plus(delay.isNegative() ? Duration.ZERO : delay), seq++, task);
        queue.add(e);
        return () -> {
            synchronized (ManualTaskScheduler.this) {
                queue.remove(e);
            }
        };
    }

    /** Moves the clock forward by {@code d}, running every task that falls due on the way, at its due time. */
    void advance(Duration d) {
        Instant target = clock.instant().plus(d);
        while (true) {
            Entry next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due.isAfter(target)) {
                    break;
                }
                queue.poll();
            }
            if (next.due.isAfter(clock.instant())) {
                clock.set(next.due);
            }
            next.task.run();
        }
        if (target.isAfter(clock.instant())) {
            clock.set(target);
        }
    }

    synchronized int pending() {
        return queue.size();
    }

    synchronized Optional<Instant> nextDue() {
        return Optional.ofNullable(queue.peek()).map(e -> e.due);
    }

    private record Entry(Instant due, long seq, Runnable task) {
    }
}
