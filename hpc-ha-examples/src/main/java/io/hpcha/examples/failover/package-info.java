/**
 * The on-prem HA controller's resource group as a {@link io.hpcha.policy.FailoverPlan} — fence the
 * peer, promote the replicated volume, mount it, start MariaDB, slurmdbd and slurmctld, move the
 * floating address, verify with the scheduler's ping — run by whichever controller holds the lease.
 */
package io.hpcha.examples.failover;
