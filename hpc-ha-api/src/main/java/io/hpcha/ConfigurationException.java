package io.hpcha;

/**
 * hpc-ha was set up wrongly: a builder is missing a required value, a configuration key has the
 * wrong type, a provider name is unknown or ambiguous, a program is not installed. Thrown when the
 * object is built wherever that is possible. Not retryable.
 */
public class ConfigurationException extends HaException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
