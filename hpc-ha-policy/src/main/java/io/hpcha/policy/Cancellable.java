package io.hpcha.policy;

/** A scheduled task that can be called off. Cancelling twice, or after the task ran, does nothing. */
@FunctionalInterface
public interface Cancellable {
    /** Prevents the task from starting if it has not started yet; a running task is not interrupted. */
    void cancel();
}
