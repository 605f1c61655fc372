package io.hpcha.examples.recovery;

import io.hpcha.ComputeFleet;
import io.hpcha.ConfigurationException;
import io.hpcha.Scheduler;
import io.hpcha.policy.Authority;
import io.hpcha.policy.DecisionRecord;
import io.hpcha.policy.Outcome;
import io.hpcha.policy.PassReport;
import io.hpcha.policy.ReconcileListener;
import io.hpcha.policy.ReconcileLoop;
import io.hpcha.policy.RemediationBudget;
import io.hpcha.policy.TaskScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The AWS HA cluster's compute self-healing agent, assembled from the policy building blocks: a
 * {@link ReconcileLoop} whose observer reads {@link ComputeFleet#instances()} (EC2 status checks) and
 * {@link Scheduler#nodes()} (Slurm node states), whose decider is the {@link RecoveryDecider}, whose
 * actor is the {@link RecoveryActor}, guarded by a {@link RemediationBudget}. When either read fails,
 * the pass decides nothing and the budget enters protected mode.
 *
 * <p>The agent remembers which recoveries it started, so that it can say when one is complete; that
 * memory goes into the snapshot, and the decider stays pure. Thread-safe.
 */
public final class RecoveryAgent {
    /** The loop's name in logs and metrics. */
    public static final String LOOP = "recovery-agent";

    private final ReconcileLoop<ClusterSnapshot> loop;
    private final RemediationBudget budget;
    private final Map<String, Instant> recovering = new ConcurrentHashMap<>();

    private RecoveryAgent(Builder b) {
        this.budget = b.budget;
        RecoveryDecider decider = new RecoveryDecider(b.pairs, b.mode, b.standbyReadyTimeout);
        RecoveryActor actor = new RecoveryActor(b.fleet, b.scheduler, b.takeOut, b.reason, Optional.ofNullable(b.launcher));
        List<ReconcileListener> listeners = new ArrayList<>(b.listeners);
        listeners.add(0, new Ledger());
        ReconcileLoop.Builder<ClusterSnapshot> lb = ReconcileLoop.<ClusterSnapshot>builder(LOOP,
                        () -> new ClusterSnapshot(b.fleet.instances(), b.scheduler.nodes(), Map.copyOf(recovering)),
                        decider)
                .actor(actor)
                .census(s -> {
                    var c = decider.census(s);
                    b.censusListeners.forEach(l -> l.accept(c));
                    if (!b.observationListeners.isEmpty()) {
                        var results = decider.observations(s, b.clock.instant());
                        b.observationListeners.forEach(l -> l.accept(results));
                    }
                    return c;
                })
                .budget(budget)
                .authority(b.authority)
                .interval(b.interval)
                .jitter(b.jitter)
                .clock(b.clock)
                .dryRun(b.dryRun)
                .listener(new Fanout(listeners));
        if (b.taskScheduler != null) {
            lb.scheduler(b.taskScheduler);
        }
        this.loop = lb.build();
    }

    public static Builder builder(ComputeFleet fleet, Scheduler scheduler) {
        return new Builder(fleet, scheduler);
    }

    /** The loop, to start, stop or drive pass by pass. */
    public ReconcileLoop<ClusterSnapshot> loop() {
        return loop;
    }

    public RemediationBudget budget() {
        return budget;
    }

    /** Runs one pass now. */
    public PassReport runOnce() {
        return loop.runOnce();
    }

    public void start() {
        loop.start();
    }

    public boolean stop(Duration timeout) {
        return loop.stop(timeout);
    }

    /** Keeps the memory of started recoveries. */
    private final class Ledger implements ReconcileListener {
        @Override
        public void onDecision(String name, DecisionRecord r) {
            String kind = r.decision().action();
            if (r.outcome() == Outcome.ACTED
                    && (kind.equals(RecoveryDecider.START_STANDBY) || kind.equals(RecoveryDecider.LAUNCH_REPLACEMENT))) {
                recovering.putIfAbsent(r.decision().subject(), r.at());
            } else if (RecoveryDecider.RECOVERY_COMPLETE.equals(r.decision().params().get(RecoveryDecider.EVENT))) {
                recovering.remove(r.decision().subject());
            }
        }
    }

    /** Passes events to several listeners. */
    private record Fanout(List<ReconcileListener> listeners) implements ReconcileListener {
        @Override
        public void onDecision(String name, DecisionRecord r) {
            listeners.forEach(l -> l.onDecision(name, r));
        }

        @Override
        public void onPass(String name, PassReport report) {
            listeners.forEach(l -> l.onPass(name, report));
        }
    }

    /**
     * Builds a {@link RecoveryAgent}. Defaults: 30 s interval, 10 % jitter, start the standby, mark the
     * failed node DOWN, 10 minutes for a standby to become IDLE before the wait is flagged, a default
     * {@link RemediationBudget}, standalone authority, system clock. Not thread-safe.
     */
    public static final class Builder {
        private final ComputeFleet fleet;
        private final Scheduler scheduler;
        private final List<ComputePair> pairs = new ArrayList<>();
        private RecoveryMode mode = RecoveryMode.START_STANDBY;
        private TakeOut takeOut = TakeOut.DOWN;
        private String reason = "hpc-ha recovery-agent: node failed";
        private Duration standbyReadyTimeout = Duration.ofMinutes(10);
        private Duration interval = Duration.ofSeconds(30);
        private double jitter = 0.1;
        private Clock clock = Clock.systemUTC();
        private TaskScheduler taskScheduler;
        private RemediationBudget budget;
        private Authority authority = Authority.standalone();
        private boolean dryRun;
        private ReplacementLauncher launcher;
        private final List<ReconcileListener> listeners = new ArrayList<>();
        private final List<Consumer<io.hpcha.policy.FailureCensus>> censusListeners = new ArrayList<>();
        private final List<Consumer<List<io.hpcha.ProbeResult>>> observationListeners = new ArrayList<>();

        private Builder(ComputeFleet fleet, Scheduler scheduler) {
            this.fleet = Objects.requireNonNull(fleet, "fleet");
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        }

        public Builder pair(ComputePair pair) {
            pairs.add(Objects.requireNonNull(pair, "pair"));
            return this;
        }

        public Builder mode(RecoveryMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        public Builder takeOut(TakeOut takeOut) {
            this.takeOut = Objects.requireNonNull(takeOut, "takeOut");
            return this;
        }

        /** The reason recorded in Slurm for the failed node. */
        public Builder reason(String reason) {
            this.reason = Objects.requireNonNull(reason, "reason");
            return this;
        }

        public Builder standbyReadyTimeout(Duration timeout) {
            this.standbyReadyTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder interval(Duration interval) {
            this.interval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        public Builder jitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder taskScheduler(TaskScheduler scheduler) {
            this.taskScheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        public Builder budget(RemediationBudget budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        public Builder authority(Authority authority) {
            this.authority = Objects.requireNonNull(authority, "authority");
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** Needed for {@link RecoveryMode#LAUNCH_REPLACEMENT}. */
        public Builder launcher(ReplacementLauncher launcher) {
            this.launcher = Objects.requireNonNull(launcher, "launcher");
            return this;
        }

        public Builder listener(ReconcileListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Hears each pass's census (for a gauge). */
        public Builder censusListener(Consumer<io.hpcha.policy.FailureCensus> listener) {
            censusListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Hears each pass's observations of the watched primaries, as probe results (for metrics). */
        public Builder observationListener(Consumer<List<io.hpcha.ProbeResult>> listener) {
            observationListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** @throws ConfigurationException when no pair is watched, or replacement mode has no launcher */
        public RecoveryAgent build() {
            if (pairs.isEmpty()) {
                throw new ConfigurationException("agent.pairs: expected at least one compute pair to watch");
            }
            if (mode == RecoveryMode.LAUNCH_REPLACEMENT && launcher == null) {
                throw new ConfigurationException("agent.recovery: launch-replacement needs a fleet that can launch instances");
            }
            if (budget == null) {
                budget = RemediationBudget.builder().name(LOOP).clock(clock).build();
            }
            return new RecoveryAgent(this);
        }
    }
}
