package io.hpcha.policy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.internal.CircuitBreakerStateMachine;
import io.hpcha.ConfigurationException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides <em>whether</em> a policy may act: the guard against a self-healing agent that makes an
 * outage worse.
 *
 * <p>Two rules:
 * <ol>
 *   <li><b>Caps.</b> At most N actions of a kind in any sliding window (by default 3 per hour per kind;
 *       each kind can have its own cap). A flapping node cannot make the agent start, stop and start
 *       instances all day.</li>
 *   <li><b>Protected mode.</b> When the signals themselves are suspect, no action at all: when the
 *       observer fails (the EC2 API errors, slurmctld does not answer) or when more than
 *       {@link Builder#maxFailingShare a share} of the watched subjects fail at once (half the
 *       cluster dying together is far more likely a network, controller or API problem than half the
 *       nodes breaking). Protected mode is a Resilience4j {@link CircuitBreaker} held open; every new
 *       suspect observation restarts its cool-down; once the cool-down has passed, trusted
 *       observations close it again (after {@link Builder#trustedObservationsToClose N} of them). An
 *       operator can {@linkplain #reset(String) reset} it at once, or {@linkplain #hold(String) hold}
 *       it open until reset.</li>
 * </ol>
 *
 * <p>The circuit breaker runs on the injected {@link Clock}: it is built with Resilience4j's
 * clock-taking {@link CircuitBreakerStateMachine} constructor (the public {@code CircuitBreaker.of}
 * factories take none), and with automatic open-to-half-open transition off, so no Resilience4j thread
 * runs and a test moves protected mode forward by moving its clock. The caps are measured on the same
 * clock by {@link ActionWindow}. Thread-safe.
 */
public final class RemediationBudget {
    private static final Logger LOG = LoggerFactory.getLogger(RemediationBudget.class);

    /** The budget's answer to "may I act?". */
    public enum Verdict {
        /** Yes; one permit of the kind was used. */
        GRANTED,
        /** No: protected mode. */
        PROTECTED,
        /** No: the kind's cap for the current window is used up. */
        EXHAUSTED
    }

    /** Where the budget stands. Actions are allowed only in {@link #NORMAL}. */
    public enum State {
        /** Signals are trusted; caps apply. */
        NORMAL,
        /** Signals were suspect recently; no actions until the cool-down passes. */
        PROTECTED,
        /** The cool-down passed; waiting for enough trusted observations to return to normal. */
        PROBING,
        /** An operator holds the budget in protected mode until reset. */
        HELD
    }

    private final String name;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private final Duration coolDown;
    private final double maxFailingShare;
    private final int minimumSubjects;
    private final Cap defaultCap;
    private final Map<String, Cap> caps;
    private final BudgetListener listener;

    private final Map<String, ActionWindow> windows = new HashMap<>();
    private final LongAdder timesProtected = new LongAdder();
    private final Map<Verdict, LongAdder> verdicts = new EnumMap<>(Verdict.class);
    private String protectionReason;

    private RemediationBudget(Builder b) {
        this.name = b.name;
        this.clock = b.clock;
        this.coolDown = b.coolDown;
        this.maxFailingShare = b.maxFailingShare;
        this.minimumSubjects = b.minimumSubjects;
        this.defaultCap = b.defaultCap;
        this.caps = Map.copyOf(b.caps);
        this.listener = b.listener;
        // the breaker records no calls while closed (suspect signals open it explicitly); half-open, each
        // trusted observation is one successful call, and the minimum-calls setting makes it wait for all of them
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindow(b.trustedToClose, b.trustedToClose, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100)
                .waitDurationInOpenState(coolDown)
                .permittedNumberOfCallsInHalfOpenState(b.trustedToClose)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .currentTimestampFunction(Clock::millis, TimeUnit.MILLISECONDS)
                .writableStackTraceEnabled(false)
                .build();
        this.breaker = new CircuitBreakerStateMachine("remediation-" + name, config, clock);
        for (Verdict v : Verdict.values()) {
            verdicts.put(v, new LongAdder());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The budget's name, for logs and metrics. */
    public String name() {
        return name;
    }

    /**
     * Feeds one snapshot's census. More than the allowed share failing (with at least the minimum
     * number of subjects watched) is suspect and enters or prolongs protected mode; anything else is a
     * trusted observation, which ends protected mode once the cool-down has passed.
     */
    public synchronized void recordObservation(FailureCensus census) {
        Objects.requireNonNull(census, "census");
        if (census.total() >= minimumSubjects && census.share() > maxFailingShare) {
            suspect(String.format("%d of %d watched subjects failing at once (%.0f%% > %.0f%%)",
                    census.failing(), census.total(), census.share() * 100, maxFailingShare * 100));
        } else {
            trusted();
        }
    }

    /** The observer failed: enters or prolongs protected mode. */
    public synchronized void recordObserverFailure(String reason) {
        suspect(Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Asks to take one action of {@code kind}. Granting uses up one permit of the kind's cap; a refusal
     * uses none.
     */
    public synchronized Verdict tryAcquire(String kind) {
        Objects.requireNonNull(kind, "kind");
        Verdict v;
        if (state() != State.NORMAL) {
            v = Verdict.PROTECTED;
        } else if (!window(kind).tryTake(clock)) {
            v = Verdict.EXHAUSTED;
        } else {
            v = Verdict.GRANTED;
        }
        verdicts.get(v).increment();
        if (v == Verdict.GRANTED) {
            listener.onGranted(kind);
        } else {
            LOG.atWarn().setMessage("remediation denied: {} {}").addArgument(kind)
                    .addArgument(v == Verdict.PROTECTED ? "(protected mode: " + protectionReason + ")" : "(" + describeLimit(kind) + ")")
                    .addKeyValue("budget", name).addKeyValue("action", kind).addKeyValue("verdict", v).log();
            listener.onDenied(kind, v);
        }
        return v;
    }

    /** Where the budget stands now. */
    public synchronized State state() {
        return switch (breaker.getState()) {
            case CLOSED, DISABLED, METRICS_ONLY -> State.NORMAL;
            case OPEN -> State.PROTECTED;
            case HALF_OPEN -> State.PROBING;
            case FORCED_OPEN -> State.HELD;
        };
    }

    /** Whether actions are refused because the signals are suspect (or an operator said so). */
    public boolean isProtected() {
        return state() != State.NORMAL;
    }

    /** Why the budget is protected; empty in normal state. */
    public synchronized Optional<String> protectionReason() {
        return state() == State.NORMAL ? Optional.empty() : Optional.ofNullable(protectionReason);
    }

    /** Permits left for {@code kind} in the current window. */
    public synchronized int remaining(String kind) {
        return window(kind).remaining(clock);
    }

    /** The cap for {@code kind}, in words. */
    public synchronized String describeLimit(String kind) {
        ActionWindow w = window(kind);
        return "at most " + w.max() + " '" + kind + "' action(s) per " + w.window();
    }

    /** How many times the budget entered protected mode. */
    public long timesProtected() {
        return timesProtected.sum();
    }

    /** How many requests got {@code verdict}. */
    public long count(Verdict verdict) {
        return verdicts.get(verdict).sum();
    }

    /** An operator ends protected mode now; the caps are kept. */
    public synchronized void reset(String operator) {
        State before = state();
        breaker.transitionToClosedState();
        changed(before, "reset by operator " + operator);
    }

    /** An operator holds the budget in protected mode until {@link #reset}. */
    public synchronized void hold(String operator) {
        State before = state();
        protectionReason = "held by operator " + operator;
        breaker.transitionToForcedOpenState();
        changed(before, protectionReason);
    }

    private void suspect(String reason) {
        State before = state();
        if (before == State.HELD) {
            return;
        }
        // every suspect observation restarts the cool-down, counted from now on the injected clock
        breaker.transitionToOpenStateFor(coolDown);
        protectionReason = reason;
        changed(before, reason);
    }

    private void trusted() {
        State before = state();
        if (before == State.PROTECTED || before == State.PROBING) {
            // after the cool-down the breaker lets a "call" through (half-open); a trusted observation is its success
            if (breaker.tryAcquirePermission()) {
                breaker.onSuccess(0, TimeUnit.NANOSECONDS);
            }
            changed(before, "signals trusted again after a cool-down of " + coolDown);
        }
    }

    private void changed(State before, String reason) {
        State after = state();
        if (after == before) {
            return;
        }
        if (after == State.PROTECTED && before == State.NORMAL || after == State.HELD) {
            timesProtected.increment();
        }
        if (after == State.NORMAL) {
            LOG.atWarn().setMessage("leaving protected mode: {}").addArgument(reason)
                    .addKeyValue("budget", name).addKeyValue("state", after).log();
        } else {
            LOG.atWarn().setMessage("protected mode ({}): {}; no remediation until signals are trusted again")
                    .addArgument(after).addArgument(reason)
                    .addKeyValue("budget", name).addKeyValue("state", after).log();
        }
        listener.onStateChange(before, after, reason);
    }

    private ActionWindow window(String kind) {
        return windows.computeIfAbsent(kind, k -> {
            Cap cap = caps.getOrDefault(k, defaultCap);
            return new ActionWindow(cap.max(), cap.window());
        });
    }

    /** A cap: at most {@code max} actions per sliding {@code window}. */
    private record Cap(int max, Duration window) {
    }

    /**
     * Builds a {@link RemediationBudget}. Defaults: 3 actions per kind per hour, protected mode above
     * 50 % failing with at least 3 subjects watched, 5 minute cool-down, 1 trusted observation to close,
     * system UTC clock. Not thread-safe.
     */
    public static final class Builder {
        private String name = "default";
        private Clock clock = Clock.systemUTC();
        private Cap defaultCap = new Cap(3, Duration.ofHours(1));
        private final Map<String, Cap> caps = new HashMap<>();
        private double maxFailingShare = 0.5;
        private int minimumSubjects = 3;
        private Duration coolDown = Duration.ofMinutes(5);
        private int trustedToClose = 1;
        private BudgetListener listener = new BudgetListener() {
        };

        private Builder() {
        }

        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** At most {@code max} (0 or more) actions of any one kind per sliding {@code window}. */
        public Builder maxActions(int max, Duration window) {
            this.defaultCap = new Cap(checkMax(max), checkWindow(window));
            return this;
        }

        /** A cap for one kind of action, overriding {@link #maxActions}. */
        public Builder limit(String kind, int max, Duration window) {
            caps.put(Objects.requireNonNull(kind, "kind"), new Cap(checkMax(max), checkWindow(window)));
            return this;
        }

        /** Protected mode when more than this share (in [0, 1]) of watched subjects fail at once. */
        public Builder maxFailingShare(double share) {
            if (!(share >= 0 && share <= 1)) {
                throw new ConfigurationException("maxFailingShare must be within [0, 1]: " + share);
            }
            this.maxFailingShare = share;
            return this;
        }

        /**
         * The share rule applies only with at least this many subjects watched: one of two nodes failing is
         * not a mass failure.
         */
        public Builder minimumSubjects(int subjects) {
            if (subjects < 1) {
                throw new ConfigurationException("minimumSubjects must be at least 1: " + subjects);
            }
            this.minimumSubjects = subjects;
            return this;
        }

        /** How long after the last suspect observation protected mode lasts at least. Positive. */
        public Builder coolDown(Duration coolDown) {
            if (coolDown.isZero() || coolDown.isNegative()) {
                throw new ConfigurationException("coolDown must be positive: " + coolDown);
            }
            this.coolDown = coolDown;
            return this;
        }

        /** How many trusted observations after the cool-down end protected mode. At least 1. */
        public Builder trustedObservationsToClose(int n) {
            if (n < 1) {
                throw new ConfigurationException("trustedObservationsToClose must be at least 1: " + n);
            }
            this.trustedToClose = n;
            return this;
        }

        public Builder listener(BudgetListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public RemediationBudget build() {
            return new RemediationBudget(this);
        }

        private static int checkMax(int max) {
            if (max < 0) {
                throw new ConfigurationException("action cap must not be negative: " + max);
            }
            return max;
        }

        private static Duration checkWindow(Duration window) {
            if (window.isZero() || window.isNegative()) {
                throw new ConfigurationException("action window must be positive: " + window);
            }
            return window;
        }
    }
}
