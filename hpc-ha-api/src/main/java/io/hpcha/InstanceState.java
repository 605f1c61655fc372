package io.hpcha;

/** An instance's lifecycle state (EC2's names). */
public enum InstanceState {
    PENDING, RUNNING, SHUTTING_DOWN, TERMINATED, STOPPING, STOPPED;

    /** Whether the instance is on its way to or in service. */
    public boolean isUp() {
        return this == PENDING || this == RUNNING;
    }
}
