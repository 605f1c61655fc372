package io.hpcha.policy;

/** A step's action or compensation: a write. Throwing an {@link io.hpcha.HaException} that is retryable asks for a retry. */
@FunctionalInterface
public interface StepAction {
    void run(StepContext context);
}
