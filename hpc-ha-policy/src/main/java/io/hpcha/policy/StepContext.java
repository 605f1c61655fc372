package io.hpcha.policy;

import java.util.Objects;

/**
 * What a step's action, verification or compensation gets. Immutable.
 *
 * @param plan         the plan's name
 * @param step         the step's name
 * @param attempt      the attempt number within this run of the step, from 1
 * @param fencingToken the fencing token of the leadership the plan runs under: pass it with every write
 *                     that accepts one, so that a resource can refuse a deposed leader's late write
 */
public record StepContext(String plan, String step, int attempt, long fencingToken) {
    public StepContext {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(step, "step");
    }
}
