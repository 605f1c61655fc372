package io.hpcha;

/**
 * The backend could not be reached or did not answer in time: a command timed out, slurmctld is
 * unreachable, the EC2 API throttled or returned a 5xx. Always {@linkplain #retryable() retryable}.
 *
 * <p>Policies must treat this as "unknown", never as "down": a backend that cannot be asked says
 * nothing about the health of what it manages.
 */
public class BackendUnavailableException extends HaException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
