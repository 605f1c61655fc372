/**
 * The Slurm backend: {@link io.hpcha.slurm.SlurmScheduler} (the {@link io.hpcha.Scheduler} over
 * {@code sinfo}/{@code scontrol}), the probes {@link io.hpcha.slurm.SlurmNodeProbe},
 * {@link io.hpcha.slurm.SlurmControllerProbe} and {@link io.hpcha.slurm.SlurmCanaryJobProbe}, and
 * {@link io.hpcha.slurm.Hostlist}, Slurm's hostlist expressions. Providers: Scheduler {@code "slurm"};
 * HealthProbe {@code "slurm-nodes"}, {@code "slurm-controllers"}, {@code "slurm-canary"}.
 */
package io.hpcha.slurm;
