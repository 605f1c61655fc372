package io.hpcha.beegfs;

/**
 * The state of a target's data, as BeeGFS prints it: {@code Good}, {@code Needs-resync},
 * {@code Bad}. beegfs-ctl 7.x prints {@code resyncing} for a Needs-resync target whose resync is
 * running; that is {@link #NEEDS_RESYNC} with {@link TargetState#resyncing()} set.
 */
public enum Consistency {
    GOOD, NEEDS_RESYNC, BAD
}
