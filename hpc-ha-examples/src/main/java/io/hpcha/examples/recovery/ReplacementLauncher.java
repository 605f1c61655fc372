package io.hpcha.examples.recovery;

import io.hpcha.NodeId;

/**
 * Launches a new instance to run a failed node, for {@link RecoveryMode#LAUNCH_REPLACEMENT}. The
 * {@link io.hpcha.ComputeFleet} SPI has no launch operation, so this is the fleet-specific part a
 * daemon supplies (the EC2 fleet launches from its launch template).
 */
@FunctionalInterface
public interface ReplacementLauncher {
    /** Launches an instance tagged as {@code node}; returns its id. */
    String launch(NodeId node);
}
