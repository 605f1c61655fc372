package io.hpcha.examples.failover;

import io.hpcha.Leadership;
import io.hpcha.Lease;
import io.hpcha.NodeId;
import io.hpcha.policy.Cancellable;
import io.hpcha.policy.FailoverPlan;
import io.hpcha.policy.LeaderElection;
import io.hpcha.policy.LeadershipListener;
import io.hpcha.policy.PlanResult;
import io.hpcha.policy.TaskScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on both controllers. Each {@link #tick()} renews or competes for the lease; the controller that
 * holds it runs the {@link ControllerFailoverPlan} until it completes once for this leadership. On the
 * active controller that run finds everything in place and writes nothing; on the standby it is the
 * failover, after the active controller's lease ran out. A plan that fails (its completed steps
 * compensated) is tried again after {@link Builder#retryAfter}. When leadership is lost a running plan
 * stops before its next step.
 *
 * <p>The plan runs on the injected {@link Executor}, so that lease renewal goes on while it runs; tests
 * and the demo pass a direct executor. Thread-safe.
 */
public final class ControllerFailoverDaemon {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerFailoverDaemon.class);

    private final LeaderElection election;
    private final FailoverPlan plan;
    private final Executor executor;
    private final Clock clock;
    private final Duration retryAfter;
    private final Duration tickEvery;
    private final TaskScheduler scheduler;
    private final Runnable handOver;
    private final Duration planWaitOnStop;

    private boolean completed;
    private boolean running;
    private Instant retryAt = Instant.MIN;
    private PlanResult last;
    private Cancellable next;
    private boolean started;

    private ControllerFailoverDaemon(Builder b) {
        this.election = LeaderElection.builder(b.lease, b.self).clock(b.clock).renewEvery(b.tickEvery)
                .safetyMargin(b.safetyMargin).listener(leadershipListener(b.listener)).build();
        this.plan = b.plan;
        this.executor = b.executor;
        this.clock = b.clock;
        this.retryAfter = b.retryAfter;
        this.tickEvery = b.tickEvery;
        this.scheduler = b.scheduler;
        this.handOver = b.handOver;
        this.planWaitOnStop = b.planWaitOnStop;
    }

    /** A daemon for controller {@code self}, competing for {@code lease} and running {@code plan} when it leads. */
    public static Builder builder(FailoverPlan plan, Lease lease, NodeId self) {
        return new Builder(plan, lease, self);
    }

    /** One round: renew or compete for the lease, then start the plan if this node leads and has not yet completed it. */
    public void tick() {
        election.tick();
        boolean run;
        synchronized (this) {
            run = election.isLeader() && !completed && !running && !clock.instant().isBefore(retryAt);
            if (run) {
                running = true;
            }
        }
        if (run) {
            executor.execute(this::runPlan);
        }
    }

    private void runPlan() {
        PlanResult result;
        try {
            result = plan.execute(election);
        } catch (RuntimeException e) {
            LOG.error("controller failover plan crashed", e);
            synchronized (this) {
                running = false;
                notifyAll();
                retryAt = clock.instant().plus(retryAfter);
            }
            return;
        }
        synchronized (this) {
            running = false;
            notifyAll();
            last = result;
            if (result.completed()) {
                completed = true;
            } else {
                retryAt = clock.instant().plus(retryAfter);
            }
        }
        if (result.completed()) {
            LOG.atInfo().setMessage("This controller is active: {}").addArgument(result.steps(io.hpcha.policy.StepRecord.Outcome.DONE).isEmpty()
                    ? "everything was already in place" : "took over " + result.steps(io.hpcha.policy.StepRecord.Outcome.DONE))
                    .addKeyValue("plan", result.plan()).log();
        } else if (result.status() == PlanResult.Status.FAILED) {
            LOG.atError().setMessage("Controller failover failed and was rolled back: {}; retrying in {}").addArgument(result.error())
                    .addArgument(retryAfter).addKeyValue("plan", result.plan()).log();
        }
    }

    /** The listener to give the election: resets the plan's state when leadership changes hands. */
    private LeadershipListener leadershipListener(LeadershipListener next) {
        return new LeadershipListener() {
            @Override
            public void onElected(Leadership grant) {
                synchronized (ControllerFailoverDaemon.this) {
                    completed = false; // a new leadership checks the whole group again; a pending retry wait still holds
                }
                next.onElected(grant);
            }

            @Override
            public void onLost(Leadership grant, String reason) {
                synchronized (ControllerFailoverDaemon.this) {
                    completed = false;
                }
                LOG.atError().setMessage("Lost leadership ({}): this controller must not serve; fence or stop it if the peer takes over")
                        .addArgument(reason).log();
                next.onLost(grant, reason);
            }
        };
    }

    public LeaderElection election() {
        return election;
    }

    /** The last plan result, if a plan ran. */
    public synchronized Optional<PlanResult> lastResult() {
        return Optional.ofNullable(last);
    }

    /** Whether the plan completed under the current leadership. */
    public synchronized boolean active() {
        return completed && election.isLeader();
    }

    /** Ticks on the scheduler every tick interval until {@link #stop()}. */
    public void start() {
        Objects.requireNonNull(scheduler, "a scheduler is needed to start the daemon");
        synchronized (this) {
            if (started) {
                return;
            }
            started = true;
            next = scheduler.schedule(this::scheduledTick, Duration.ZERO);
        }
    }

    private void scheduledTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("controller failover tick failed", e);
        } finally {
            synchronized (this) {
                if (started) {
                    next = scheduler.schedule(this::scheduledTick, tickEvery);
                }
            }
        }
    }

    /**
     * Stops cleanly: no more ticks; a running plan gets up to {@link Builder#planWaitOnStop} to end; then,
     * on the leader, the {@linkplain Builder#handOver hand-over} runs (stopping the resource group so the
     * peer can take over at once); last the lease is released. Safe to call more than once.
     */
    public void stop() {
        synchronized (this) {
            started = false;
            if (next != null) {
                next.cancel();
                next = null;
            }
            long deadline = System.nanoTime() + planWaitOnStop.toNanos();
            while (running) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("stopping while the failover plan still runs; it stops before its next step once the lease is released");
                    break;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (handOver != null && election.isLeader()) {
            LOG.atWarn().setMessage("Stopping: handing over, stopping this controller's resource group before releasing the lease").log();
            try {
                handOver.run();
            } catch (RuntimeException e) {
                LOG.error("hand-over failed; releasing the lease anyway, the peer fences this controller before taking over", e);
            }
        }
        election.stop();
        LOG.atInfo().setMessage("Lease released; controller failover daemon stopped").log();
    }

    /** Builds a {@link ControllerFailoverDaemon}. Not thread-safe. */
    public static final class Builder {
        private final FailoverPlan plan;
        private final Lease lease;
        private final NodeId self;
        private Duration safetyMargin = Duration.ofSeconds(2);
        private Executor executor = Runnable::run;
        private Clock clock = Clock.systemUTC();
        private Duration retryAfter = Duration.ofMinutes(1);
        private Duration tickEvery = Duration.ofSeconds(5);
        private TaskScheduler scheduler;
        private Runnable handOver;
        private Duration planWaitOnStop = Duration.ofSeconds(30);
        private LeadershipListener listener = new LeadershipListener() {
        };

        private Builder(FailoverPlan plan, Lease lease, NodeId self) {
            this.plan = Objects.requireNonNull(plan, "plan");
            this.lease = Objects.requireNonNull(lease, "lease");
            this.self = Objects.requireNonNull(self, "self");
        }

        /** How long before the lease's expiry this controller stops acting. */
        public Builder safetyMargin(Duration margin) {
            this.safetyMargin = Objects.requireNonNull(margin, "margin");
            return this;
        }

        /** Where the plan runs; a direct executor runs it inside {@link #tick()}. */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder retryAfter(Duration retryAfter) {
            this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
            return this;
        }

        /** Time between ticks: lease renewals and plan (re)starts. */
        public Builder tickEvery(Duration tickEvery) {
            this.tickEvery = Objects.requireNonNull(tickEvery, "tickEvery");
            return this;
        }

        public Builder scheduler(TaskScheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** What a clean {@link #stop()} does on the leader before releasing the lease; none by default. */
        public Builder handOver(Runnable handOver) {
            this.handOver = Objects.requireNonNull(handOver, "handOver");
            return this;
        }

        /** How long {@link #stop()} waits for a running plan to end (real time). */
        public Builder planWaitOnStop(Duration wait) {
            this.planWaitOnStop = Objects.requireNonNull(wait, "wait");
            return this;
        }

        /** Also hears leadership changes (metrics, a timeline). */
        public Builder listener(LeadershipListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public ControllerFailoverDaemon build() {
            return new ControllerFailoverDaemon(this);
        }
    }
}
