/**
 * Detection latency on a real Slurm ({@code scripts/slurm-testbed.sh}): from a slurmd stopped to the
 * recovery agent's remediation call, for agents polling at several intervals and for an agent woken by
 * Slurm's own {@code strigger --node --down} trigger.
 */
package io.hpcha.bench.latency;
