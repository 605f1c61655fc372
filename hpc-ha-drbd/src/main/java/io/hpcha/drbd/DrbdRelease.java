package io.hpcha.drbd;

/**
 * Which DRBD the local kernel runs, which decides how a resource is read: DRBD 9 through
 * {@code drbdsetup status --json} (or {@code events2 --now}), the in-kernel DRBD 8.4 through
 * {@code /proc/drbd} and {@code drbdadm role|cstate|dstate}.
 */
public enum DrbdRelease {
    /** Read the first line of {@code /proc/drbd} on first use and decide. */
    AUTO,
    /** DRBD 9.x (kernel module version 9 or later). */
    DRBD_9,
    /** DRBD 8.4 (the module in mainline Linux). */
    DRBD_8_4
}
