package io.hpcha.aws.internal;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.HaException;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.aws.InsufficientCapacityException;

/** Re-raises an hpc-ha exception with more context while keeping its kind, code and retryability. */
public final class HaExceptions {
    private HaExceptions() {
    }

    /** An exception of the same kind as {@code e} with {@code message}, caused by {@code e}. */
    public static HaException withMessage(HaException e, String message) {
        if (e instanceof InsufficientCapacityException ice) {
            return new InsufficientCapacityException(ice.code(), message, e);
        }
        if (e instanceof OperationRefusedException ore) {
            return new OperationRefusedException(ore.code(), message, ore.retryable(), e);
        }
        if (e instanceof NotFoundException) {
            return new NotFoundException(message, e);
        }
        if (e instanceof ConfigurationException) {
            return new ConfigurationException(message, e);
        }
        if (e instanceof UnexpectedOutputException uoe) {
            return new UnexpectedOutputException(message, uoe.excerpt(), e);
        }
        if (e instanceof BackendUnavailableException || e.retryable()) {
            return new BackendUnavailableException(message, e);
        }
        return new OperationRefusedException("", message, false, e);
    }
}
