package io.hpcha.policy;

import io.hpcha.HaException;

/**
 * A step's action returned but its verification still does not hold. Retryable: the effect may become
 * visible a moment later, and the retry checks again before acting again.
 */
public class StepNotVerifiedException extends HaException {
    private static final long serialVersionUID = 1L;

    public StepNotVerifiedException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
