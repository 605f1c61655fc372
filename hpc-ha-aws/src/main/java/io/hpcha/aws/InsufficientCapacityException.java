package io.hpcha.aws;

import io.hpcha.OperationRefusedException;

/**
 * EC2 answered that it has no capacity for the instance type in that Availability Zone right now
 * ({@code InsufficientInstanceCapacity} and its relatives). EC2 said no, but only for now: the same
 * request may succeed later, or at once with another type or zone. Always
 * {@linkplain #retryable() retryable}.
 */
public class InsufficientCapacityException extends OperationRefusedException {
    private static final long serialVersionUID = 1L;

    public InsufficientCapacityException(String code, String message, Throwable cause) {
        super(code, message, true, cause);
    }
}
