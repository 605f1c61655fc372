/**
 * Benchmarks of hpc-ha, each beside the obvious baseline measured in the same run. Never published;
 * {@code scripts/bench.sh} runs them and {@code BENCHMARKS.md} holds the method and the results.
 *
 * <ul>
 *   <li>{@link io.hpcha.bench.cluster}: a generated cluster of N compute nodes, as Slurm 22.05's
 *       {@code sinfo --json} and as EC2 instances;</li>
 *   <li>{@link io.hpcha.bench.ec2}: an EC2 stand-in on WireMock serving that cluster in EC2's pages and XML;</li>
 *   <li>{@link io.hpcha.bench.scale}: one reconcile pass of the recovery agent over N nodes, beside the
 *       naive one-request-per-node agent;</li>
 *   <li>{@link io.hpcha.bench.latency}: detection latency on a real Slurm, polled and pushed;</li>
 *   <li>{@link io.hpcha.bench.jmh}: JMH micro benchmarks.</li>
 * </ul>
 */
package io.hpcha.bench;
