/**
 * The AWS HA cluster's compute self-healing agent, as a policy: a {@link io.hpcha.policy.ReconcileLoop}
 * that reads EC2 status checks and Slurm node states, and starts a cold standby (or launches a
 * replacement) for a compute node that is impaired, stopped or DOWN.
 */
package io.hpcha.examples.recovery;
