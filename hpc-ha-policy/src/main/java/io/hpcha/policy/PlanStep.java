package io.hpcha.policy;

import io.hpcha.ConfigurationException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One step of a {@link FailoverPlan}, in the spirit of one resource of a Pacemaker group: an action,
 * a verification of its effect, and optionally a compensation that undoes it when a later step fails.
 * The verification is required: it is what makes a plan safe to rerun after a crash. Immutable.
 *
 * <pre>{@code
 * PlanStep.builder("promote-drbd")
 *     .verify(ctx -> volume.status().local().map(r -> r.role() == ReplicaRole.PRIMARY).orElse(false))
 *     .action(ctx -> volume.promote(PromoteOptions.defaults()))
 *     .compensation(ctx -> volume.demote())
 *     .build();
 * }</pre>
 */
public final class PlanStep {
    private final String name;
    private final StepCheck verify;
    private final StepAction action;
    private final StepAction compensation;
    private final Duration attemptTimeout;
    private final Integer maxAttempts;

    private PlanStep(Builder b) {
        this.name = b.name;
        this.verify = b.verify;
        this.action = b.action;
        this.compensation = b.compensation;
        this.attemptTimeout = b.attemptTimeout;
        this.maxAttempts = b.maxAttempts;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A step that only checks (a final "does the scheduler answer?"): no action, no compensation. */
    public static PlanStep check(String name, StepCheck check) {
        return builder(name).verify(check).action(ctx -> { }).build();
    }

    public String name() {
        return name;
    }

    StepCheck verify() {
        return verify;
    }

    StepAction action() {
        return action;
    }

    /** The compensation, when the step has one. */
    Optional<StepAction> compensation() {
        return Optional.ofNullable(compensation);
    }

    /** This step's own per-attempt timeout, overriding the plan's. */
    Optional<Duration> attemptTimeout() {
        return Optional.ofNullable(attemptTimeout);
    }

    /** This step's own attempt count, overriding the plan's. */
    OptionalInt maxAttempts() {
        return maxAttempts == null ? OptionalInt.empty() : OptionalInt.of(maxAttempts);
    }

    @Override
    public String toString() {
        return "PlanStep[" + name + "]";
    }

    /** Builds a {@link PlanStep}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private StepCheck verify;
        private StepAction action;
        private StepAction compensation;
        private Duration attemptTimeout;
        private Integer maxAttempts;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new ConfigurationException("plan step name is blank");
            }
        }

        /** Whether the step's effect is in place. Required. */
        public Builder verify(StepCheck verify) {
            this.verify = Objects.requireNonNull(verify, "verify");
            return this;
        }

        /** What the step does. Required. */
        public Builder action(StepAction action) {
            this.action = Objects.requireNonNull(action, "action");
            return this;
        }

        /** What undoes the step when a later one fails. Optional. */
        public Builder compensation(StepAction compensation) {
            this.compensation = Objects.requireNonNull(compensation, "compensation");
            return this;
        }

        /** How long one attempt may take, overriding the plan's default. */
        public Builder attemptTimeout(Duration timeout) {
            if (timeout.isZero() || timeout.isNegative()) {
                throw new ConfigurationException("step '" + name + "': attempt timeout must be positive: " + timeout);
            }
            this.attemptTimeout = timeout;
            return this;
        }

        /** How many attempts the step gets, overriding the plan's default. At least 1. */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new ConfigurationException("step '" + name + "': maxAttempts must be at least 1: " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** @throws ConfigurationException when the verification or the action is missing */
        public PlanStep build() {
            if (verify == null) {
                throw new ConfigurationException("step '" + name + "' needs a verification: it is what makes a rerun safe");
            }
            if (action == null) {
                throw new ConfigurationException("step '" + name + "' needs an action (use PlanStep.check for a check-only step)");
            }
            return new PlanStep(this);
        }
    }
}
