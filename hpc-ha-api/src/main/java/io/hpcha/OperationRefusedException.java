package io.hpcha;

import java.util.Objects;

/**
 * The backend answered and said no: DRBD refused a promotion, EC2 answered
 * {@code UnauthorizedOperation}, Slurm rejected an update. Carries the backend's own error code
 * (for example {@code "UnauthorizedOperation"} or {@code "-7"}) and its own text in the message.
 *
 * <p>Not retryable unless the backend's answer means "not now" (for example a DRBD device that is
 * held open); the constructor with a {@code retryable} flag is for those cases.
 */
public class OperationRefusedException extends HaException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final boolean retryable;

    public OperationRefusedException(String code, String message) {
        this(code, message, false, null);
    }

    public OperationRefusedException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.retryable = retryable;
    }

    /** The backend's own error code or state-change code; never null, may be empty when it gives none. */
    public String code() {
        return code;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }
}
