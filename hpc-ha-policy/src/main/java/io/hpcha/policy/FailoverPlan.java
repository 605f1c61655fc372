package io.hpcha.policy;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import io.hpcha.ConfigurationException;
import io.hpcha.HaException;
import io.hpcha.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ordered failover, in the spirit of a Pacemaker resource group: fence the peer, promote the
 * volume, mount it, start the services, move the address, verify. Decides <em>how</em> each action
 * executes, with Failsafe.
 *
 * <p>For each {@link PlanStep}, in order:
 * <ol>
 *   <li>if the {@link Authority} no longer holds leadership, the plan stops before the step and writes
 *       nothing more ({@link PlanResult.Status#STOPPED_NOT_LEADER});</li>
 *   <li>the step's verification is asked first: when the effect is already in place the step is
 *       {@linkplain StepRecord.Outcome#ALREADY_DONE skipped}, which is what lets a plan rerun after a
 *       crash at any point finish without repeating the actions that already took effect;</li>
 *   <li>otherwise its action runs, with the current fencing token, and the verification must then hold;</li>
 *   <li>an attempt that throws a retryable {@link HaException}, times out or is not verified is retried
 *       (each retry verifies again before acting again), up to the attempt limit, waiting between attempts
 *       with exponential backoff;</li>
 *   <li>when a step finally fails, the steps completed so far are compensated in reverse order, and the
 *       plan reports {@link PlanResult.Status#FAILED}.</li>
 * </ol>
 *
 * <p>Failsafe composes the retry policy (outer) with a per-attempt {@link Timeout} that interrupts the
 * attempt. The wait between attempts is not Failsafe's own delay (which sleeps on the real clock) but the
 * injected {@link Sleeper}, so that a test with a manual clock never sleeps. A plan is immutable and
 * thread-safe; one {@link #execute} call runs on the caller's thread.
 */
public final class FailoverPlan {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverPlan.class);

    private final String name;
    private final List<PlanStep> steps;
    private final int maxAttempts;
    private final Duration attemptTimeout;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Clock clock;
    private final Sleeper sleeper;
    private final PlanListener listener;

    private FailoverPlan(Builder b) {
        this.name = b.name;
        this.steps = List.copyOf(b.steps);
        this.maxAttempts = b.maxAttempts;
        this.attemptTimeout = b.attemptTimeout;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.listener = b.listener;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** The steps' names, in order. */
    public List<String> stepNames() {
        return steps.stream().map(PlanStep::name).toList();
    }

    /**
     * Runs the plan under {@code authority} and reports what happened. Never throws for a step's
     * failure (that is in the result); an {@link Error} from a step propagates untouched, as a crash would.
     */
    public PlanResult execute(Authority authority) {
        Objects.requireNonNull(authority, "authority");
        List<StepRecord> events = new ArrayList<>();
        Deque<PlanStep> completed = new ArrayDeque<>();
        LOG.atInfo().setMessage("plan {} starting: {}").addArgument(name).addArgument(stepNames())
                .addKeyValue("plan", name).log();
        for (int i = 0; i < steps.size(); i++) {
            PlanStep step = steps.get(i);
            if (!authority.isLeader()) {
                return stopped(events, steps.subList(i, steps.size()), "leadership lost before step '" + step.name() + "'");
            }
            listener.onStepStarting(name, step.name());
            Instant started = clock.instant();
            Attempts attempts = new Attempts();
            try {
                execute(step, authority, attempts, ctx -> {
                    if (step.verify().holds(ctx)) {
                        return;
                    }
                    attempts.acted = true;
                    step.action().run(ctx);
                    if (!step.verify().holds(ctx)) {
                        throw new StepNotVerifiedException("step '" + step.name() + "' ran but its verification does not hold");
                    }
                });
            } catch (NotLeaderException e) {
                return stopped(events, steps.subList(i, steps.size()), "leadership lost during step '" + step.name() + "': " + e.getMessage());
            } catch (RuntimeException e) {
                String why = describe(e);
                record(events, new StepRecord(step.name(), StepRecord.Outcome.FAILED, attempts.count, since(started), why));
                compensate(completed, authority, events);
                return finish(new PlanResult(name, PlanResult.Status.FAILED, events, "step '" + step.name() + "' failed: " + why));
            }
            StepRecord.Outcome outcome = attempts.acted ? StepRecord.Outcome.DONE : StepRecord.Outcome.ALREADY_DONE;
            record(events, new StepRecord(step.name(), outcome, attempts.count, since(started), ""));
            completed.push(step);
        }
        return finish(new PlanResult(name, PlanResult.Status.COMPLETED, events, ""));
    }

    /**
     * A dry run: asks every step's verification, in order, and acts on none. Each record is
     * {@link StepRecord.Outcome#ALREADY_DONE} or {@link StepRecord.Outcome#WOULD_ACT}; a verification that
     * throws is reported as WOULD_ACT with the error as detail. Later steps are verified as the system is
     * now, not as it would be after the earlier ones ran.
     */
    public List<StepRecord> preview() {
        List<StepRecord> out = new ArrayList<>();
        for (PlanStep step : steps) {
            Instant started = clock.instant();
            StepContext ctx = new StepContext(name, step.name(), 1, 0);
            StepRecord r;
            try {
                r = new StepRecord(step.name(), step.verify().holds(ctx) ? StepRecord.Outcome.ALREADY_DONE : StepRecord.Outcome.WOULD_ACT,
                        1, since(started), "");
            } catch (RuntimeException e) {
                r = new StepRecord(step.name(), StepRecord.Outcome.WOULD_ACT, 1, since(started), "verification failed: " + describe(e));
            }
            out.add(r);
            LOG.atInfo().setMessage("plan {} preview: {} {}{}").addArgument(name).addArgument(r.step()).addArgument(r.outcome())
                    .addArgument(r.detail().isEmpty() ? "" : " (" + r.detail() + ")")
                    .addKeyValue("plan", name).addKeyValue("step", r.step()).addKeyValue("outcome", r.outcome()).log();
        }
        return out;
    }

    private void compensate(Deque<PlanStep> completed, Authority authority, List<StepRecord> events) {
        while (!completed.isEmpty()) {
            PlanStep step = completed.pop();
            if (step.compensation().isEmpty()) {
                continue;
            }
            if (!authority.isLeader()) {
                record(events, new StepRecord(step.name(), StepRecord.Outcome.SKIPPED_NOT_LEADER, 0, Duration.ZERO,
                        "compensation not run: leadership lost"));
                continue;
            }
            Instant started = clock.instant();
            Attempts attempts = new Attempts();
            try {
                execute(step, authority, attempts, ctx -> step.compensation().orElseThrow().run(ctx));
                record(events, new StepRecord(step.name(), StepRecord.Outcome.COMPENSATED, attempts.count, since(started), ""));
            } catch (RuntimeException e) {
                record(events, new StepRecord(step.name(), StepRecord.Outcome.COMPENSATION_FAILED, attempts.count,
                        since(started), describe(e)));
            }
        }
    }

    /** Runs {@code body} under retry and a per-attempt timeout, with a fresh fencing token per attempt. */
    private void execute(PlanStep step, Authority authority, Attempts attempts, StepAction body) {
        int limit = step.maxAttempts().orElse(maxAttempts);
        RetryPolicy<Object> retry = RetryPolicy.builder()
                .handleIf(FailoverPlan::retryable)
                .withMaxAttempts(limit)
                .onRetry(e -> LOG.atWarn().setMessage("plan {} step {}: attempt {} failed, retrying: {}")
                        .addArgument(name).addArgument(step.name()).addArgument(e.getAttemptCount())
                        .addArgument(describe(e.getLastException()))
                        .addKeyValue("plan", name).addKeyValue("step", step.name()).log())
                .build();
        Timeout<Object> timeout = Timeout.builder(step.attemptTimeout().orElse(attemptTimeout)).withInterrupt().build();
        Failsafe.with(retry, timeout).run(ctx -> {
            if (ctx.getAttemptCount() > 0) {
                sleeper.sleep(backoff(ctx.getAttemptCount()));
            }
            attempts.count = ctx.getAttemptCount() + 1;
            body.run(new StepContext(name, step.name(), attempts.count, authority.fencingToken()));
        });
    }

    private Duration backoff(int retry) {
        Duration d = initialBackoff;
        for (int i = 1; i < retry && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    private static boolean retryable(Throwable e) {
        return e instanceof TimeoutExceededException || e instanceof HaException h && h.retryable();
    }

    private PlanResult stopped(List<StepRecord> events, List<PlanStep> remaining, String why) {
        for (PlanStep s : remaining) {
            record(events, new StepRecord(s.name(), StepRecord.Outcome.SKIPPED_NOT_LEADER, 0, Duration.ZERO, why));
        }
        return finish(new PlanResult(name, PlanResult.Status.STOPPED_NOT_LEADER, events, why));
    }

    private void record(List<StepRecord> events, StepRecord r) {
        events.add(r);
        boolean bad = r.outcome() == StepRecord.Outcome.FAILED || r.outcome() == StepRecord.Outcome.COMPENSATION_FAILED
                || r.outcome() == StepRecord.Outcome.SKIPPED_NOT_LEADER;
        (bad ? LOG.atWarn() : LOG.atInfo())
                .setMessage("plan {} step {}: {}{}").addArgument(name).addArgument(r.step()).addArgument(r.outcome())
                .addArgument(r.detail().isEmpty() ? "" : " (" + r.detail() + ")")
                .addKeyValue("plan", name).addKeyValue("step", r.step()).addKeyValue("outcome", r.outcome())
                .addKeyValue("attempts", r.attempts()).addKeyValue("elapsedMs", r.elapsed().toMillis()).log();
        listener.onStepEvent(name, r);
    }

    private PlanResult finish(PlanResult result) {
        (result.completed() ? LOG.atInfo() : LOG.atWarn())
                .setMessage("plan {} {}{}").addArgument(name).addArgument(result.status())
                .addArgument(result.error().isEmpty() ? "" : ": " + result.error())
                .addKeyValue("plan", name).addKeyValue("status", result.status()).log();
        listener.onFinished(result);
        return result;
    }

    private Duration since(Instant start) {
        Duration d = Duration.between(start, clock.instant());
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "";
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /** Per-step counters written by the attempt lambda (one thread at a time). */
    private static final class Attempts {
        volatile int count;
        volatile boolean acted;
    }

    /**
     * Builds a {@link FailoverPlan}. Defaults: 3 attempts per step, 2 minutes per attempt, backoff
     * from 1 s doubling up to 30 s, system UTC clock, real sleeping. Not thread-safe.
     */
    public static final class Builder {
        private final String name;
        private final List<PlanStep> steps = new ArrayList<>();
        private int maxAttempts = 3;
        private Duration attemptTimeout = Duration.ofMinutes(2);
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private PlanListener listener = new PlanListener() {
        };

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new ConfigurationException("plan name is blank");
            }
        }

        /** Appends a step. */
        public Builder step(PlanStep step) {
            steps.add(Objects.requireNonNull(step, "step"));
            return this;
        }

        /** Attempts per step, unless the step says otherwise. At least 1. */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new ConfigurationException("plan '" + name + "': maxAttempts must be at least 1: " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** How long one attempt of a step may run before it is interrupted, unless the step says otherwise. */
        public Builder attemptTimeout(Duration timeout) {
            if (timeout.isZero() || timeout.isNegative()) {
                throw new ConfigurationException("plan '" + name + "': attempt timeout must be positive: " + timeout);
            }
            this.attemptTimeout = timeout;
            return this;
        }

        /** The wait before the first retry, doubling for each later one up to {@code max}. */
        public Builder backoff(Duration initial, Duration max) {
            if (initial.isNegative() || max.compareTo(initial) < 0) {
                throw new ConfigurationException("plan '" + name + "': need 0 <= initial backoff <= max backoff");
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public Builder listener(PlanListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** @throws ConfigurationException when the plan has no steps or two steps share a name */
        public FailoverPlan build() {
            if (steps.isEmpty()) {
                throw new ConfigurationException("plan '" + name + "' has no steps");
            }
            Set<String> seen = new HashSet<>();
            for (PlanStep s : steps) {
                if (!seen.add(s.name())) {
                    throw new ConfigurationException("plan '" + name + "' has two steps named '" + s.name() + "'");
                }
            }
            return new FailoverPlan(this);
        }
    }
}
