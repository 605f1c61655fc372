package io.hpcha.policy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.Leadership;
import io.hpcha.Lease;
import io.hpcha.NodeId;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** A lease on a clock, with a switch to make it unreachable: the smallest thing that honours the Lease contract. */
final class TestLease implements Lease {
    private final Clock clock;
    private final Duration term;
    private Leadership current;
    private long token;
    boolean unreachable;
    int renewals;

    TestLease(Clock clock, Duration term) {
        this.clock = clock;
        this.term = term;
    }

    @Override
    public synchronized Optional<Leadership> tryAcquire(NodeId candidate) {
        check();
        var now = clock.instant();
        if (current != null && current.isValidAt(now) && !current.holder().equals(candidate)) {
            return Optional.empty();
        }
        if (current == null || !current.holder().equals(candidate) || !current.isValidAt(now)) {
            token++;
        }
        current = new Leadership("controller", candidate, token, now.plus(term));
        return Optional.of(current);
    }

    @Override
    public synchronized boolean renew(Leadership leadership) {
        check();
        var now = clock.instant();
        if (current == null || !current.isValidAt(now) || current.fencingToken() != leadership.fencingToken()
                || !current.holder().equals(leadership.holder())) {
            return false;
        }
        renewals++;
        current = new Leadership(current.lease(), current.holder(), current.fencingToken(), now.plus(term));
        return true;
    }

    @Override
    public synchronized void release(Leadership leadership) {
        check();
        if (current != null && current.fencingToken() == leadership.fencingToken()) {
            current = null;
        }
    }

    synchronized Optional<Leadership> current() {
        return Optional.ofNullable(current);
    }

    private void check() {
        if (unreachable) {
            throw new BackendUnavailableException("lease table unreachable");
        }
    }
}
