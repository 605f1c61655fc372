package io.hpcha.policy;

import java.util.List;
import java.util.Objects;

/**
 * What a run of a {@link FailoverPlan} did. Immutable.
 *
 * @param plan   the plan's name
 * @param status how it ended
 * @param events every step event in order: steps run or skipped, then compensations in reverse order
 * @param error  why it failed or stopped; empty when completed
 */
public record PlanResult(String plan, Status status, List<StepRecord> events, String error) {
    /** How a plan run ended. */
    public enum Status {
        /** Every step's effect is in place. */
        COMPLETED,
        /** A step failed; completed steps were compensated in reverse order (see the events for any that failed). */
        FAILED,
        /** Leadership was lost: the plan stopped before its next step and wrote nothing more, compensations included. */
        STOPPED_NOT_LEADER
    }

    public PlanResult {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(status, "status");
        events = List.copyOf(events);
        Objects.requireNonNull(error, "error");
    }

    /** The names of the steps that ended with {@code outcome}, in event order. */
    public List<String> steps(StepRecord.Outcome outcome) {
        return events.stream().filter(e -> e.outcome() == outcome).map(StepRecord::step).toList();
    }

    public boolean completed() {
        return status == Status.COMPLETED;
    }
}
