package io.hpcha.beegfs;

/** The state of a buddy resync job, as both CLI generations report it. */
public enum ResyncJobState {
    NOT_STARTED, RUNNING, SUCCESS, INTERRUPTED, FAILURE, COMPLETED_WITH_ERRORS;

    /** Whether the job is running now. */
    public boolean isRunning() {
        return this == RUNNING;
    }
}
