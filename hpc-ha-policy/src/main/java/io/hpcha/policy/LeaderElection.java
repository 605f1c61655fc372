package io.hpcha.policy;

import io.hpcha.ConfigurationException;
import io.hpcha.HaException;
import io.hpcha.Leadership;
import io.hpcha.Lease;
import io.hpcha.NodeId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership over a {@link Lease}: acquires it, renews it in the background, and answers "may I write
 * now, and with which fencing token?" as an {@link Authority}.
 *
 * <p>(Named for what it does rather than {@code Leadership}, which is the name of the grant record in
 * the contract, {@link io.hpcha.Leadership}.)
 *
 * <p>Every {@link #tick()} tries to acquire the lease when this process does not hold it and renews it
 * when it does. {@link #start()} ticks on the injected {@link TaskScheduler} every
 * {@link Builder#renewEvery renew interval}; tests call {@link #tick()} themselves. Leadership is judged
 * against the injected {@link Clock} on every call: {@link #isLeader()} turns false once the grant's
 * expiry minus the {@link Builder#safetyMargin safety margin} has passed, even if no tick ran, so a
 * stalled process stops writing on time. A renewal the lease refuses ends leadership at once; a renewal
 * that fails with an error keeps the current grant until it runs out.
 *
 * <p>{@link Lease#renew} answers only yes or no, so after a successful renewal the grant's new expiry is
 * estimated as the time the renewal was sent plus the lease's term as first granted: never later than
 * the real expiry.
 *
 * <p>Thread-safe.
 */
public final class LeaderElection implements Authority {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    private final Lease lease;
    private final NodeId candidate;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final Duration renewEvery;
    private final Duration safetyMargin;
    private final LeadershipListener listener;

    private Leadership grant;
    private Duration term;
    private boolean running;
    private Cancellable next;

    private LeaderElection(Builder b) {
        this.lease = b.lease;
        this.candidate = b.candidate;
        this.clock = b.clock;
        this.scheduler = b.scheduler;
        this.renewEvery = b.renewEvery;
        this.safetyMargin = b.safetyMargin;
        this.listener = b.listener;
    }

    /** A builder for {@code candidate} competing for {@code lease}. */
    public static Builder builder(Lease lease, NodeId candidate) {
        return new Builder(lease, candidate);
    }

    /** Who this process competes as. */
    public NodeId candidate() {
        return candidate;
    }

    @Override
    public synchronized boolean isLeader() {
        return valid(clock.instant());
    }

    @Override
    public synchronized long fencingToken() {
        if (!valid(clock.instant())) {
            throw new NotLeaderException(candidate + " does not hold leadership" + (grant == null ? "" : " (grant expired)"));
        }
        return grant.fencingToken();
    }

    /** The current grant, when it is still valid (expiry minus safety margin not reached). */
    public synchronized Optional<Leadership> current() {
        return valid(clock.instant()) ? Optional.of(grant) : Optional.empty();
    }

    /** One round: acquire when not leader, renew when leader. Never throws for a backend failure. */
    public void tick() {
        Leadership held;
        Instant now = clock.instant();
        synchronized (this) {
            if (grant != null && !valid(now)) {
                lose("grant expired before it could be renewed");
            }
            held = grant;
        }
        if (held == null) {
            acquire(now);
        } else {
            renew(held, now);
        }
    }

    private void acquire(Instant sent) {
        Optional<Leadership> got;
        try {
            got = lease.tryAcquire(candidate);
        } catch (HaException e) {
            LOG.atWarn().setMessage("could not ask lease for leadership: {}").addArgument(e.getMessage())
                    .addKeyValue("candidate", candidate).log();
            return;
        }
        if (got.isEmpty()) {
            LOG.atDebug().setMessage("lease held by another node").addKeyValue("candidate", candidate).log();
            return;
        }
        Leadership g = got.get();
        synchronized (this) {
            term = Duration.between(sent, g.expiresAt());
            grant = g;
            if (!valid(clock.instant())) {
                LOG.atWarn().setMessage("lease granted with a term shorter than the safety margin {}; not acting on it")
                        .addArgument(safetyMargin).addKeyValue("candidate", candidate).log();
                grant = null;
                return;
            }
        }
        LOG.atInfo().setMessage("{} elected leader of {}").addArgument(candidate).addArgument(g.lease())
                .addKeyValue("candidate", candidate).addKeyValue("lease", g.lease())
                .addKeyValue("fencingToken", g.fencingToken()).addKeyValue("expiresAt", g.expiresAt()).log();
        listener.onElected(g);
    }

    private void renew(Leadership held, Instant sent) {
        boolean renewed;
        try {
            renewed = lease.renew(held);
        } catch (HaException e) {
            LOG.atWarn().setMessage("lease renewal failed, keeping the grant until it expires: {}").addArgument(e.getMessage())
                    .addKeyValue("candidate", candidate).addKeyValue("expiresAt", held.expiresAt()).log();
            return;
        }
        synchronized (this) {
            if (grant != held) {
                return; // lost meanwhile
            }
            if (!renewed) {
                lose("the lease refused renewal: another node holds it");
                return;
            }
            Instant estimate = sent.plus(term);
            if (estimate.isAfter(held.expiresAt())) {
                grant = new Leadership(held.lease(), held.holder(), held.fencingToken(), estimate);
            }
        }
    }

    /** Called with the monitor held. */
    private void lose(String reason) {
        Leadership lost = grant;
        grant = null;
        LOG.atWarn().setMessage("{} lost leadership of {}: {}").addArgument(candidate).addArgument(lost.lease()).addArgument(reason)
                .addKeyValue("candidate", candidate).addKeyValue("lease", lost.lease())
                .addKeyValue("fencingToken", lost.fencingToken()).log();
        listener.onLost(lost, reason);
    }

    private boolean valid(Instant now) {
        return grant != null && now.isBefore(grant.expiresAt().minus(safetyMargin));
    }

    /**
     * Starts ticking on the scheduler, the first tick at once.
     *
     * @throws ConfigurationException when built without a scheduler
     */
    public void start() {
        if (scheduler == null) {
            throw new ConfigurationException("leader election for " + candidate + " has no scheduler; set one or call tick()");
        }
        synchronized (this) {
            if (running) {
                return;
            }
            running = true;
            next = scheduler.schedule(this::scheduledTick, Duration.ZERO);
        }
    }

    private void scheduledTick() {
        try {
            tick();
        } finally {
            synchronized (this) {
                if (running) {
                    next = scheduler.schedule(this::scheduledTick, renewEvery);
                }
            }
        }
    }

    /** Stops ticking and gives the lease up if held, so the peer need not wait for it to expire. */
    public void stop() {
        Leadership held;
        synchronized (this) {
            running = false;
            if (next != null) {
                next.cancel();
                next = null;
            }
            held = grant;
            if (held != null) {
                lose("stopped");
            }
        }
        if (held != null) {
            try {
                lease.release(held);
            } catch (HaException e) {
                LOG.atWarn().setMessage("could not release lease; it will expire: {}").addArgument(e.getMessage())
                        .addKeyValue("candidate", candidate).log();
            }
        }
    }

    /**
     * Builds a {@link LeaderElection}. Defaults: renew every 5 s, 2 s safety margin, system UTC clock.
     * Not thread-safe.
     */
    public static final class Builder {
        private final Lease lease;
        private final NodeId candidate;
        private Clock clock = Clock.systemUTC();
        private TaskScheduler scheduler;
        private Duration renewEvery = Duration.ofSeconds(5);
        private Duration safetyMargin = Duration.ofSeconds(2);
        private LeadershipListener listener = new LeadershipListener() {
        };

        private Builder(Lease lease, NodeId candidate) {
            this.lease = Objects.requireNonNull(lease, "lease");
            this.candidate = Objects.requireNonNull(candidate, "candidate");
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Runs ticks after {@link LeaderElection#start()}. */
        public Builder scheduler(TaskScheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** Time between ticks; well below the lease's term (a third of it is usual). */
        public Builder renewEvery(Duration interval) {
            if (interval.isZero() || interval.isNegative()) {
                throw new ConfigurationException("renew interval must be positive: " + interval);
            }
            this.renewEvery = interval;
            return this;
        }

        /** How long before the grant's expiry this process stops acting: covers clock skew and slow writes. */
        public Builder safetyMargin(Duration margin) {
            if (margin.isNegative()) {
                throw new ConfigurationException("safety margin must not be negative: " + margin);
            }
            this.safetyMargin = margin;
            return this;
        }

        public Builder listener(LeadershipListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public LeaderElection build() {
            return new LeaderElection(this);
        }
    }
}
