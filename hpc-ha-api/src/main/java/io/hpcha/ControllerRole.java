package io.hpcha;

/** A scheduler controller's configured role. */
public enum ControllerRole {
    /** The first configured controller ({@code SlurmctldHost} #0). */
    PRIMARY,
    /** Any later one. */
    BACKUP
}
