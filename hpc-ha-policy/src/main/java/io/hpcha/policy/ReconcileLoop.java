package io.hpcha.policy;

import io.hpcha.ConfigurationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Observe, decide, act: the skeleton of every self-healing policy.
 *
 * <p>A pass {@linkplain Observer observes}, hands the snapshot and the time to a pure {@link Decider},
 * and lets each action decision through three gates before the {@link Actor} carries it out: this
 * process must hold leadership ({@link Authority}), the {@link RemediationBudget} must allow it (not in
 * protected mode, not over the cap for its kind), and dry-run must be off. Every decision is logged
 * with its reason and structured key/values ({@code loop}, {@code pass}, {@code action},
 * {@code subject}, {@code outcome}) and counted per {@link Outcome}.
 *
 * <p>Scheduling: {@link #start()} runs passes on the injected {@link TaskScheduler}, each due one
 * interval (plus or minus jitter) after the previous one started, and never two at once: the next
 * pass is scheduled only when the previous one ends. {@link #runOnce()} runs a pass on the caller's
 * thread, which is how tests and simulations drive the loop. {@link #stop(Duration)} prevents further
 * passes and waits for a running one to end.
 *
 * <p>Thread-safe. A pass never throws an exception out of the loop: observer, decider and actor
 * failures are logged, counted and reported.
 *
 * @param <S> the snapshot type
 */
public final class ReconcileLoop<S> {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);

    private final String name;
    private final Observer<S> observer;
    private final Decider<S> decider;
    private final Actor actor;
    private final Function<S, FailureCensus> census;
    private final RemediationBudget budget;
    private final Authority authority;
    private final Duration interval;
    private final double jitter;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final RandomGenerator random;
    private final boolean dryRun;
    private final ReconcileListener listener;

    /** One permit: the right to run a pass. A semaphore, not a lock, so that a pass cannot re-enter itself. */
    private final Semaphore passPermit = new Semaphore(1);
    private volatile Thread passThread;
    private final AtomicLong passes = new AtomicLong();
    private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);
    private final Object scheduleLock = new Object();
    private boolean running;
    private Cancellable next;

    private ReconcileLoop(Builder<S> b) {
        this.name = b.name;
        this.observer = b.observer;
        this.decider = b.decider;
        this.actor = b.actor;
        this.census = b.census;
        this.budget = b.budget;
        this.authority = b.authority;
        this.interval = b.interval;
        this.jitter = b.jitter;
        this.clock = b.clock;
        this.scheduler = b.scheduler;
        this.random = b.random;
        this.dryRun = b.dryRun;
        this.listener = b.listener;
        for (Outcome o : Outcome.values()) {
            counts.put(o, new LongAdder());
        }
    }

    /** A builder for a loop named {@code name} that observes with {@code observer} and decides with {@code decider}. */
    public static <S> Builder<S> builder(String name, Observer<S> observer, Decider<S> decider) {
        return new Builder<>(name, observer, decider);
    }

    /** The loop's name, as used in logs and metrics. */
    public String name() {
        return name;
    }

    /** Whether actions are only logged, never taken. */
    public boolean dryRun() {
        return dryRun;
    }

    /** How many decisions so far ended with {@code outcome}. */
    public long count(Outcome outcome) {
        return counts.get(outcome).sum();
    }

    /** How many passes started so far. */
    public long passes() {
        return passes.get();
    }

    /**
     * Starts running passes on the scheduler, the first one at once. Starting a running loop does
     * nothing.
     *
     * @throws ConfigurationException when the loop was built without a scheduler
     */
    public void start() {
        if (scheduler == null) {
            throw new ConfigurationException("reconcile loop '" + name + "' has no scheduler; set one to start it, or call runOnce()");
        }
        synchronized (scheduleLock) {
            if (running) {
                return;
            }
            running = true;
            next = scheduler.schedule(this::scheduledPass, Duration.ZERO);
        }
        LOG.atInfo().setMessage("reconcile loop started").addKeyValue("loop", name)
                .addKeyValue("interval", interval).addKeyValue("dryRun", dryRun).log();
    }

    /**
     * Stops scheduling passes and waits up to {@code timeout} for a running pass to end. Safe to call
     * from inside a pass (it then does not wait) and more than once.
     *
     * @return whether no pass is running any more
     */
    public boolean stop(Duration timeout) {
        synchronized (scheduleLock) {
            running = false;
            if (next != null) {
                next.cancel();
                next = null;
            }
        }
        if (passThread == Thread.currentThread()) {
            return false;
        }
        try {
            if (!passPermit.tryAcquire(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
                LOG.atWarn().setMessage("reconcile loop stopped while a pass is still running").addKeyValue("loop", name).log();
                return false;
            }
            passPermit.release();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        LOG.atInfo().setMessage("reconcile loop stopped").addKeyValue("loop", name).log();
        return true;
    }

    /** Whether passes are being scheduled. */
    public boolean isRunning() {
        synchronized (scheduleLock) {
            return running;
        }
    }

    private void scheduledPass() {
        Instant started = clock.instant();
        try {
            runOnce();
        } finally {
            synchronized (scheduleLock) {
                if (running) {
                    Duration wait = nextDelay().minus(Duration.between(started, clock.instant()));
                    next = scheduler.schedule(this::scheduledPass, wait.isNegative() ? Duration.ZERO : wait);
                }
            }
        }
    }

    /** The interval with fresh jitter: uniformly within interval × (1 ± jitter). */
    Duration nextDelay() {
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofNanos(Math.round(interval.toNanos() * factor));
    }

    /**
     * Runs one pass now on this thread. When another pass is running it returns at once with a
     * {@link PassReport.Status#SKIPPED} report instead of waiting: passes never overlap.
     */
    public PassReport runOnce() {
        if (!passPermit.tryAcquire()) {
            PassReport skipped = new PassReport(0, clock.instant(), Duration.ZERO, PassReport.Status.SKIPPED, List.of(), "");
            LOG.atDebug().setMessage("pass skipped: another pass is running").addKeyValue("loop", name).log();
            notifyPass(skipped);
            return skipped;
        }
        passThread = Thread.currentThread();
        try {
            return pass(passes.incrementAndGet());
        } finally {
            passThread = null;
            passPermit.release();
        }
    }

    private PassReport pass(long pass) {
        Instant start = clock.instant();
        S snapshot;
        try {
            snapshot = observer.observe();
        } catch (RuntimeException e) {
            String why = "observer failed: " + describe(e);
            LOG.atWarn().setMessage("pass {}: {}; deciding nothing").addArgument(pass).addArgument(why)
                    .addKeyValue("loop", name).addKeyValue("pass", pass).addKeyValue("status", PassReport.Status.OBSERVER_FAILED).log();
            if (budget != null) {
                budget.recordObserverFailure(why);
            }
            return finish(new PassReport(pass, start, elapsed(start), PassReport.Status.OBSERVER_FAILED, List.of(), why));
        }
        if (budget != null) {
            budget.recordObservation(census.apply(snapshot));
        }
        List<Decision> decisions;
        try {
            decisions = List.copyOf(decider.decide(snapshot, start));
        } catch (RuntimeException e) {
            String why = "decider failed: " + describe(e);
            LOG.atError().setMessage("pass {}: {}").addArgument(pass).addArgument(why).setCause(e)
                    .addKeyValue("loop", name).addKeyValue("pass", pass).addKeyValue("status", PassReport.Status.DECIDER_FAILED).log();
            return finish(new PassReport(pass, start, elapsed(start), PassReport.Status.DECIDER_FAILED, List.of(), why));
        }
        List<DecisionRecord> records = new ArrayList<>(decisions.size());
        for (Decision d : decisions) {
            DecisionRecord r = carryOut(pass, d, start);
            records.add(r);
            counts.get(r.outcome()).increment();
            log(r);
            try {
                listener.onDecision(name, r);
            } catch (RuntimeException e) {
                LOG.warn("reconcile listener failed on a decision; ignored", e);
            }
        }
        return finish(new PassReport(pass, start, elapsed(start), PassReport.Status.COMPLETED, records, ""));
    }

    private DecisionRecord carryOut(long pass, Decision d, Instant now) {
        if (!d.isAction()) {
            return new DecisionRecord(pass, d, Outcome.NO_ACTION, "", now);
        }
        if (!authority.isLeader()) {
            return new DecisionRecord(pass, d, Outcome.NOT_LEADER, "this process does not hold leadership", now);
        }
        if (budget != null) {
            RemediationBudget.Verdict v = budget.tryAcquire(d.action());
            if (v == RemediationBudget.Verdict.PROTECTED) {
                return new DecisionRecord(pass, d, Outcome.PROTECTED, budget.protectionReason().orElse("protected mode"), now);
            }
            if (v == RemediationBudget.Verdict.EXHAUSTED) {
                return new DecisionRecord(pass, d, Outcome.BUDGET_EXHAUSTED, budget.describeLimit(d.action()), now);
            }
        }
        if (dryRun) {
            return new DecisionRecord(pass, d, Outcome.DRY_RUN, "dry-run", now);
        }
        long token;
        try {
            token = authority.fencingToken();
        } catch (NotLeaderException e) {
            return new DecisionRecord(pass, d, Outcome.NOT_LEADER, e.getMessage(), now);
        }
        try {
            actor.act(d, new ActionContext(name, pass, now, token));
            return new DecisionRecord(pass, d, Outcome.ACTED, "", now);
        } catch (RuntimeException e) {
            LOG.atWarn().setMessage("action {} on {} failed").addArgument(d.action()).addArgument(d.subject()).setCause(e)
                    .addKeyValue("loop", name).addKeyValue("pass", pass).log();
            return new DecisionRecord(pass, d, Outcome.FAILED, describe(e), now);
        }
    }

    private void log(DecisionRecord r) {
        Level level = switch (r.outcome()) {
            case NO_ACTION, ACTED, DRY_RUN -> Level.INFO;
            default -> Level.WARN;
        };
        LoggingEventBuilder e = LOG.atLevel(level).setMessage(r.describe())
                .addKeyValue("loop", name)
                .addKeyValue("pass", r.pass())
                .addKeyValue("action", r.decision().action())
                .addKeyValue("subject", r.decision().subject())
                .addKeyValue("outcome", r.outcome());
        if (!r.note().isEmpty()) {
            e = e.addKeyValue("note", r.note());
        }
        e.log();
    }

    private PassReport finish(PassReport report) {
        LOG.atDebug().setMessage("pass {} {}").addArgument(report.pass()).addArgument(report.status())
                .addKeyValue("loop", name).addKeyValue("pass", report.pass())
                .addKeyValue("durationMs", report.duration().toMillis()).log();
        notifyPass(report);
        return report;
    }

    private void notifyPass(PassReport report) {
        try {
            listener.onPass(name, report);
        } catch (RuntimeException e) {
            LOG.warn("reconcile listener failed on a pass; ignored", e);
        }
    }

    private Duration elapsed(Instant start) {
        Duration d = Duration.between(start, clock.instant());
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /**
     * Builds a {@link ReconcileLoop}. Defaults: 30 s interval, 10 % jitter, system UTC clock, standalone
     * authority, no budget, no dry-run. Not thread-safe.
     *
     * @param <S> the snapshot type
     */
    public static final class Builder<S> {
        private final String name;
        private final Observer<S> observer;
        private final Decider<S> decider;
        private Actor actor;
        private Function<S, FailureCensus> census = s -> FailureCensus.EMPTY;
        private RemediationBudget budget;
        private Authority authority = Authority.standalone();
        private Duration interval = Duration.ofSeconds(30);
        private double jitter = 0.1;
        private Clock clock = Clock.systemUTC();
        private TaskScheduler scheduler;
        private RandomGenerator random = new Random();
        private boolean dryRun;
        private ReconcileListener listener = new ReconcileListener() {
        };

        private Builder(String name, Observer<S> observer, Decider<S> decider) {
            this.name = Objects.requireNonNull(name, "name");
            this.observer = Objects.requireNonNull(observer, "observer");
            this.decider = Objects.requireNonNull(decider, "decider");
            if (name.isBlank()) {
                throw new ConfigurationException("reconcile loop name is blank");
            }
        }

        /** Carries out action decisions. Required. */
        public Builder<S> actor(Actor actor) {
            this.actor = Objects.requireNonNull(actor, "actor");
            return this;
        }

        /** Counts failing subjects in a snapshot, for the budget's mass-failure rule. */
        public Builder<S> census(Function<S, FailureCensus> census) {
            this.census = Objects.requireNonNull(census, "census");
            return this;
        }

        /** Caps actions and stops them while the signals are suspect. */
        public Builder<S> budget(RemediationBudget budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /** Who may act; actions are skipped while it is not leader. */
        public Builder<S> authority(Authority authority) {
            this.authority = Objects.requireNonNull(authority, "authority");
            return this;
        }

        /** Time between the starts of two passes, before jitter. Positive. */
        public Builder<S> interval(Duration interval) {
            if (interval.isZero() || interval.isNegative()) {
                throw new ConfigurationException("reconcile interval must be positive: " + interval);
            }
            this.interval = interval;
            return this;
        }

        /** Spread of each interval, as a fraction of it in [0, 0.5]: 0.1 means ±10 %. */
        public Builder<S> jitter(double fraction) {
            if (!(fraction >= 0 && fraction <= 0.5)) {
                throw new ConfigurationException("reconcile jitter must be within [0, 0.5]: " + fraction);
            }
            this.jitter = fraction;
            return this;
        }

        public Builder<S> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Runs passes after {@link ReconcileLoop#start()}; not needed when passes are driven by {@link ReconcileLoop#runOnce()}. */
        public Builder<S> scheduler(TaskScheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** The source of jitter; inject a seeded one for repeatable runs. */
        public Builder<S> random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Decide and log, but never act. */
        public Builder<S> dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        public Builder<S> listener(ReconcileListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** @throws ConfigurationException when no actor was set */
        public ReconcileLoop<S> build() {
            if (actor == null) {
                throw new ConfigurationException("reconcile loop '" + name + "' needs an actor");
            }
            return new ReconcileLoop<>(this);
        }
    }
}
