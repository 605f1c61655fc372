package io.hpcha.policy;

/**
 * Hears what a {@link ReconcileLoop} does, for metrics and timelines. Called on the pass's thread,
 * after the event is logged; must be quick and must not throw (a throwing listener is logged and
 * ignored). Every method does nothing by default.
 */
public interface ReconcileListener {
    /** One decision and its outcome, as soon as it is known. */
    default void onDecision(String loop, DecisionRecord record) {
    }

    /** A finished (or skipped) pass. */
    default void onPass(String loop, PassReport report) {
    }
}
