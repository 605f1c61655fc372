package io.hpcha.examples.demo;

import io.hpcha.spi.Sleeper;
import io.hpcha.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Discrete simulated time for the demo: a {@link ManualClock} plus periodic tasks (the daemons' ticks)
 * that run when the clock reaches them. Whoever sleeps on it (the driver, a plan waiting for a fenced
 * instance to stop, a simulated {@code systemctl start}) moves the clock forward task by task, so a
 * daemon's lease keeps being renewed while its own plan "waits". A task may come due while an earlier
 * task sleeps; it then runs nested, as the daemon's renewal thread would run beside its plan thread.
 * Single-threaded.
 */
final class SimulatedTime implements Sleeper {
    private final ManualClock clock;
    private final List<Task> tasks = new ArrayList<>();

    SimulatedTime(ManualClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    ManualClock clock() {
        return clock;
    }

    /** Runs {@code task} every {@code period}, the first time {@code delay} from now. */
    void every(Duration period, Duration delay, Runnable task) {
        tasks.add(new Task(task, period, clock.instant().plus(delay)));
    }

    /** Runs {@code task} once, {@code delay} from now. */
    void at(Duration delay, Runnable task) {
        tasks.add(new Task(task, null, clock.instant().plus(delay)));
    }

    /** Stops running {@code task}. */
    void cancel(Runnable task) {
        tasks.removeIf(t -> t.action == task);
    }

    @Override
    public void sleep(Duration d) {
        Instant until = clock.instant().plus(d);
        while (true) {
            Task next = tasks.stream().filter(t -> !t.due.isAfter(until)).min(Comparator.comparing(t -> t.due)).orElse(null);
            if (next == null) {
                break;
            }
            if (next.due.isAfter(clock.instant())) {
                clock.set(next.due);
            }
            if (next.period == null) {
                tasks.remove(next);
            } else {
                next.due = next.due.plus(next.period);
            }
            next.action.run();
        }
        if (until.isAfter(clock.instant())) {
            clock.set(until);
        }
    }

    private static final class Task {
        final Runnable action;
        final Duration period;
        Instant due;

        Task(Runnable action, Duration period, Instant due) {
            this.action = action;
            this.period = period;
            this.due = due;
        }
    }
}
