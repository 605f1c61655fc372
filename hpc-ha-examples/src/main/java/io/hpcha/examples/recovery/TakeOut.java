package io.hpcha.examples.recovery;

/** How the recovery agent takes a failed node out of the scheduler. */
public enum TakeOut {
    /** Mark it DOWN at once (its jobs fail and are requeued). */
    DOWN,
    /** Drain it (running jobs may finish, if the node still runs them). */
    DRAIN
}
