package io.hpcha;

/**
 * Root of every exception hpc-ha throws. All are unchecked, in the style of Failsafe and the AWS SDK.
 *
 * <p>{@link #retryable()} tells a caller whether the same call may succeed if simply repeated later
 * (a timeout, a throttled API) or whether repeating it is pointless until something changes (the
 * backend said no, the thing does not exist, the configuration is wrong).
 */
public abstract class HaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected HaException(String message) {
        super(message);
    }

    protected HaException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether repeating the same call unchanged may succeed. */
    public abstract boolean retryable();
}
