package io.hpcha.policy;

/**
 * A step's verification: whether the step's effect is in place, read from the source of truth. A
 * read, never a write; asked before the action (so a rerun skips what already took effect) and after
 * it. Throwing a retryable {@link io.hpcha.HaException} counts as "could not tell" and is retried.
 */
@FunctionalInterface
public interface StepCheck {
    boolean holds(StepContext context);
}
