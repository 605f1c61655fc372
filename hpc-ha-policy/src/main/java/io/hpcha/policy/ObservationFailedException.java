package io.hpcha.policy;

import io.hpcha.HaException;

/**
 * An observation could not be made or cannot be trusted: a probe threw, or reported nothing but
 * {@link io.hpcha.Health#UNKNOWN}. Retryable: the next pass observes again.
 */
public class ObservationFailedException extends HaException {
    private static final long serialVersionUID = 1L;

    public ObservationFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
