package io.hpcha.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one pass of a {@link ReconcileLoop} did. Immutable.
 *
 * @param pass      the pass number, from 1 (0 for a pass skipped because another was running)
 * @param startedAt when it started, on the loop's clock
 * @param duration  how long it took, on the loop's clock
 * @param status    how far it got
 * @param decisions every decision with its outcome, in the decider's order
 * @param error     the observer's or decider's failure, empty when none
 */
public record PassReport(long pass, Instant startedAt, Duration duration, Status status,
                         List<DecisionRecord> decisions, String error) {
    /** How far a pass got. */
    public enum Status {
        /** Observed, decided and acted on what was allowed. */
        COMPLETED,
        /** The observer threw: nothing was decided; the budget was told the signals are suspect. */
        OBSERVER_FAILED,
        /** The decider threw: a bug in the policy; nothing was acted on. */
        DECIDER_FAILED,
        /** Another pass was still running, so this one did not start. */
        SKIPPED
    }

    public PassReport {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(status, "status");
        decisions = List.copyOf(decisions);
        Objects.requireNonNull(error, "error");
    }

    /** The records with the given outcome. */
    public List<DecisionRecord> withOutcome(Outcome outcome) {
        return decisions.stream().filter(d -> d.outcome() == outcome).toList();
    }
}
