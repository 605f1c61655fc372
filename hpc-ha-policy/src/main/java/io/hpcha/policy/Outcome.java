package io.hpcha.policy;

/** What became of one {@link Decision} in a pass. Used as a log field and a metric tag. */
public enum Outcome {
    /** The decision was to do nothing. */
    NO_ACTION,
    /** The actor carried the action out. */
    ACTED,
    /** The actor tried and threw. */
    FAILED,
    /** Dry-run mode: the action was allowed but deliberately not taken. */
    DRY_RUN,
    /** Not taken: the {@link RemediationBudget} is in protected mode because the signals are suspect. */
    PROTECTED,
    /** Not taken: this kind of action used up its budget for the current window. */
    BUDGET_EXHAUSTED,
    /** Not taken: this process does not hold leadership. */
    NOT_LEADER
}
