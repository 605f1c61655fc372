package io.hpcha.examples.recovery;

/** What the recovery agent does for a failed compute node. */
public enum RecoveryMode {
    /** Start the node's cold standby instance (the AWS HA cluster's playbook). */
    START_STANDBY,
    /** Launch a new instance for the failed node from the fleet's launch template. */
    LAUNCH_REPLACEMENT
}
