/**
 * The scale scenario: one reconcile pass of the recovery agent over N compute nodes (real
 * {@link io.hpcha.slurm.SlurmScheduler} over a generated {@code sinfo --json}, real
 * {@link io.hpcha.aws.Ec2ComputeFleet} over the AWS SDK against a paged EC2 stand-in), beside the naive
 * agent that asks EC2 about each node, run against the same stand-in in the same JVM.
 */
package io.hpcha.bench.scale;
