package io.hpcha.policy;

/**
 * Carries out an action {@link Decision}. Called only for decisions that the leadership, the budget
 * and dry-run mode let through. Should be idempotent: the next pass may decide the same again if the
 * effect is not yet visible. Throwing marks the decision {@link Outcome#FAILED}; the loop goes on.
 */
@FunctionalInterface
public interface Actor {
    void act(Decision decision, ActionContext context);
}
