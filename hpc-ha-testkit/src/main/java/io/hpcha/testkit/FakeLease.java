package io.hpcha.testkit;

import io.hpcha.Leadership;
import io.hpcha.Lease;
import io.hpcha.NodeId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-memory {@link Lease} that expires on its clock.
 *
 * <p>At most one unexpired holder at a time; each new grant carries a fencing token greater than every
 * earlier one; acquiring again while holding renews (same token, later expiry); {@link #renew} works only
 * for the current, unexpired grant; {@link #release} of a stale grant does nothing. Every SPI method
 * first passes through {@link #faults()}. Thread-safe: every decision is made under one lock, so
 * concurrent candidates cannot both win.
 */
public final class FakeLease implements Lease, FaultInjectable {
    private final String name;
    private final Clock clock;
    private final Duration ttl;
    private final FaultInjector faults;
    private Leadership current;  // guarded by this; null when free
    private long lastToken;      // guarded by this

    /** A free lease called {@code name} whose grants last {@code ttl} on {@code clock}. */
    public FakeLease(String name, Clock clock, Duration ttl) {
        this.name = Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("blank lease name");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        this.faults = FaultInjector.forClock(clock);
    }

    @Override
    public FaultInjector faults() {
        return faults;
    }

    @Override
    public Optional<Leadership> tryAcquire(NodeId candidate) {
        faults.beforeCall("tryAcquire");
        Objects.requireNonNull(candidate, "candidate");
        synchronized (this) {
            Instant now = clock.instant();
            if (current != null && current.isValidAt(now)) {
                if (!current.holder().equals(candidate)) {
                    return Optional.empty();
                }
                current = new Leadership(name, candidate, current.fencingToken(), now.plus(ttl));
                return Optional.of(current);
            }
            current = new Leadership(name, candidate, ++lastToken, now.plus(ttl));
            return Optional.of(current);
        }
    }

    @Override
    public boolean renew(Leadership leadership) {
        faults.beforeCall("renew");
        Objects.requireNonNull(leadership, "leadership");
        synchronized (this) {
            Instant now = clock.instant();
            if (!isCurrent(leadership) || !current.isValidAt(now)) {
                return false;
            }
            current = new Leadership(name, current.holder(), current.fencingToken(), now.plus(ttl));
            return true;
        }
    }

    @Override
    public void release(Leadership leadership) {
        faults.beforeCall("release");
        Objects.requireNonNull(leadership, "leadership");
        synchronized (this) {
            if (isCurrent(leadership)) {
                current = null;
            }
        }
    }

    /** The current unexpired grant, if any; does not pass through the fault injector. */
    public synchronized Optional<Leadership> current() {
        return current != null && current.isValidAt(clock.instant()) ? Optional.of(current) : Optional.empty();
    }

    /** The lease's name. */
    public String name() {
        return name;
    }

    private boolean isCurrent(Leadership l) {
        return current != null && l.lease().equals(name) && l.holder().equals(current.holder())
                && l.fencingToken() == current.fencingToken();
    }
}
