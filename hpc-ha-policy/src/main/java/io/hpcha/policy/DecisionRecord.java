package io.hpcha.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * One decision of one pass, with what became of it. Immutable.
 *
 * @param pass     the pass number, from 1
 * @param decision the decision
 * @param outcome  what became of it
 * @param note     why it was not taken, or the actor's error; empty otherwise
 * @param at       when the pass decided
 */
public record DecisionRecord(long pass, Decision decision, Outcome outcome, String note, Instant at) {
    public DecisionRecord {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(at, "at");
    }

    /** The decision's reason, followed by why it was not carried out when it was not. */
    public String describe() {
        return switch (outcome) {
            case NO_ACTION, ACTED -> decision.reason();
            case DRY_RUN -> decision.reason() + " [dry-run: would " + decision.action() + " " + decision.subject() + "]";
            case FAILED -> decision.reason() + " [" + decision.action() + " failed: " + note + "]";
            default -> decision.reason() + " [not acting: " + outcome + (note.isEmpty() ? "" : ": " + note) + "]";
        };
    }
}
