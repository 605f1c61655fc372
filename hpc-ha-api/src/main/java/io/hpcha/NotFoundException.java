package io.hpcha;

/**
 * The named node, instance, route table, resource or target does not exist in the backend.
 * Not retryable: the name has to change first.
 */
public class NotFoundException extends HaException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
