package io.hpcha.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * One event of a plan run. Immutable.
 *
 * @param step     the step's name
 * @param outcome  what happened
 * @param attempts how many attempts it took (0 for steps not run)
 * @param elapsed  how long it took on the plan's clock
 * @param detail   the failure, or empty
 */
public record StepRecord(String step, Outcome outcome, int attempts, Duration elapsed, String detail) {
    /** What happened to a step. */
    public enum Outcome {
        /** Its verification already held: nothing was done (a rerun after a crash, or nothing to do). */
        ALREADY_DONE,
        /** Its action ran and its verification then held. */
        DONE,
        /** It failed after all attempts. */
        FAILED,
        /** Preview only: its verification does not hold, so a run would act. */
        WOULD_ACT,
        /** It was not started because leadership was lost. */
        SKIPPED_NOT_LEADER,
        /** Its compensation ran after a later step failed. */
        COMPENSATED,
        /** Its compensation failed; the system needs an operator. */
        COMPENSATION_FAILED
    }

    public StepRecord {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(detail, "detail");
    }
}
