package io.hpcha.testkit;

import io.hpcha.BackendUnavailableException;
import io.hpcha.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Makes a fake misbehave on demand: fail the next calls, answer slowly, or be unreachable
 * altogether. Every fake of this testkit owns one (see {@link FaultInjectable#faults()}) and calls
 * {@link #beforeCall(String)} at the start of each of its SPI methods, so one piece of code gives all
 * fakes the same failure modes.
 *
 * <p>Latency goes through an injected {@link Sleeper}: with a {@link ManualClock} a slow call just
 * moves the clock forward, so a test of "the API took 20 s" takes no time. Thread-safe.
 */
public final class FaultInjector {
    private final Sleeper sleeper;
    private final List<PlannedFailure> planned = new ArrayList<>(); // guarded by this
    private final Map<String, Integer> calls = new HashMap<>();    // guarded by this
    private Duration latency = Duration.ZERO;                       // guarded by this
    private boolean unreachable;                                    // guarded by this

    /** An injector whose latency is spent in {@code sleeper}. */
    public FaultInjector(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * An injector for a fake running on {@code clock}: a {@link ManualClock} (or any clock that is also
     * a {@link Sleeper}) is advanced, any other clock means real sleeping.
     */
    public static FaultInjector forClock(Clock clock) {
        return new FaultInjector(clock instanceof Sleeper s ? s : Sleeper.system());
    }

    /** The next {@code n} calls, whatever their operation, throw what {@code failure} supplies. */
    public FaultInjector failNext(int n, Supplier<? extends RuntimeException> failure) {
        return plan(null, n, failure);
    }

    /** The next {@code n} calls throw a {@link BackendUnavailableException}. */
    public FaultInjector failNext(int n) {
        return failNext(n, () -> new BackendUnavailableException("injected failure"));
    }

    /** The next {@code n} calls of {@code operation} (for example {@code "start"}) throw what {@code failure} supplies. */
    public FaultInjector failNext(String operation, int n, Supplier<? extends RuntimeException> failure) {
        return plan(Objects.requireNonNull(operation, "operation"), n, failure);
    }

    /** Every later call first waits {@code latency} on the sleeper. */
    public synchronized FaultInjector latency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("negative latency " + latency);
        }
        this.latency = latency;
        return this;
    }

    /** While true, every call throws {@link BackendUnavailableException}, as if the backend were gone. */
    public synchronized FaultInjector unreachable(boolean unreachable) {
        this.unreachable = unreachable;
        return this;
    }

    /** Forgets planned failures, latency and unreachability; call counts are kept. */
    public synchronized FaultInjector reset() {
        planned.clear();
        latency = Duration.ZERO;
        unreachable = false;
        return this;
    }

    /** How many times {@code operation} was called so far, failed calls included. */
    public synchronized int calls(String operation) {
        return calls.getOrDefault(operation, 0);
    }

    /**
     * Called by a fake at the start of {@code operation}: counts the call, waits the latency, then
     * throws when the backend is unreachable or a planned failure is due.
     */
    public void beforeCall(String operation) {
        Objects.requireNonNull(operation, "operation");
        Duration wait;
        synchronized (this) {
            calls.merge(operation, 1, Integer::sum);
            wait = latency;
        }
        if (!wait.isZero()) {
            sleeper.sleep(wait); // outside the lock: a slow call must not stall the others
        }
        RuntimeException failure = nextFailure(operation);
        if (failure != null) {
            throw failure;
        }
    }

    private synchronized RuntimeException nextFailure(String operation) {
        if (unreachable) {
            return new BackendUnavailableException("backend unreachable (injected) during " + operation);
        }
        for (Iterator<PlannedFailure> it = planned.iterator(); it.hasNext(); ) {
            PlannedFailure p = it.next();
            if (p.operation == null || p.operation.equals(operation)) {
                if (--p.remaining == 0) {
                    it.remove();
                }
                return Objects.requireNonNull(p.failure.get(), "failure supplier returned null");
            }
        }
        return null;
    }

    private synchronized FaultInjector plan(String operation, int n, Supplier<? extends RuntimeException> failure) {
        Objects.requireNonNull(failure, "failure");
        if (n < 0) {
            throw new IllegalArgumentException("negative count " + n);
        }
        if (n > 0) {
            planned.add(new PlannedFailure(operation, n, failure));
        }
        return this;
    }

    private static final class PlannedFailure {
        final String operation;
        final Supplier<? extends RuntimeException> failure;
        int remaining;

        PlannedFailure(String operation, int remaining, Supplier<? extends RuntimeException> failure) {
            this.operation = operation;
            this.remaining = remaining;
            this.failure = failure;
        }
    }
}
