package io.hpcha.drbd;

/** Which DRBD 9 command {@link DrbdVolume#status()} reads. */
public enum StatusSource {
    /**
     * {@code drbdsetup status <res> --json}, falling back to {@link #EVENTS2_NOW} for good when the
     * installed drbd-utils does not know {@code --json}.
     */
    JSON,
    /** {@code drbdsetup events2 --now <res>}, which also reports DRBD's own {@code may_promote}. */
    EVENTS2_NOW
}
