package io.hpcha.policy;

import io.hpcha.HaException;

/**
 * This process does not (or no longer) hold the leadership needed to write. Not retryable: only a new
 * election changes it, and a new election brings a new fencing token.
 */
public class NotLeaderException extends HaException {
    private static final long serialVersionUID = 1L;

    public NotLeaderException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
