/**
 * The hpc-ha contract: service-provider interfaces for the moving parts of an HA HPC control plane
 * ({@link io.hpcha.FloatingAddress}, {@link io.hpcha.ReplicatedVolume}, {@link io.hpcha.Scheduler},
 * {@link io.hpcha.ComputeFleet}, {@link io.hpcha.HealthProbe}, {@link io.hpcha.Lease}), their immutable
 * value types, and the unchecked exception hierarchy rooted at {@link io.hpcha.HaException}.
 *
 * <p>Value records validate their components in their constructors and copy collections, so an
 * instance is always valid and safe to share between threads.
 */
package io.hpcha;
