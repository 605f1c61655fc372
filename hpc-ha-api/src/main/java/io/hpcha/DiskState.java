package io.hpcha;

/**
 * The state of one replica's data, in DRBD's vocabulary, which also covers BeeGFS's consistency
 * states (Good = {@link #UP_TO_DATE}, Needs-resync = {@link #OUTDATED}, Bad = {@link #FAILED}).
 */
public enum DiskState {
    DISKLESS, ATTACHING, DETACHING, FAILED, NEGOTIATING, INCONSISTENT, OUTDATED,
    /** The state of the peer's disk is not known (DRBD's {@code DUnknown}). */
    UNKNOWN,
    CONSISTENT,
    UP_TO_DATE;

    /** Whether this replica's data is current and may become primary without losing writes. */
    public boolean isUpToDate() {
        return this == UP_TO_DATE;
    }
}
