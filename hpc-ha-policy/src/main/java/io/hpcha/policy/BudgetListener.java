package io.hpcha.policy;

/**
 * Hears what a {@link RemediationBudget} does, for metrics. Called while the budget's lock is held:
 * must be quick, must not call back into the budget, must not throw. Every method does nothing by default.
 */
public interface BudgetListener {
    /** The budget moved from {@code from} to {@code to}; {@code reason} says why. */
    default void onStateChange(RemediationBudget.State from, RemediationBudget.State to, String reason) {
    }

    /** An action of {@code kind} was refused. */
    default void onDenied(String kind, RemediationBudget.Verdict verdict) {
    }

    /** An action of {@code kind} was permitted. */
    default void onGranted(String kind) {
    }
}
