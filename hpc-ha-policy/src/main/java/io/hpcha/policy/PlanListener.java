package io.hpcha.policy;

/**
 * Hears a {@link FailoverPlan}'s events as they happen, for metrics and timelines. Called on the plan's
 * thread; must be quick and must not throw. Every method does nothing by default.
 */
public interface PlanListener {
    /** A step is about to be checked and, if needed, acted on. */
    default void onStepStarting(String plan, String step) {
    }

    /** A step or compensation event. */
    default void onStepEvent(String plan, StepRecord record) {
    }

    /** The run ended. */
    default void onFinished(PlanResult result) {
    }
}
