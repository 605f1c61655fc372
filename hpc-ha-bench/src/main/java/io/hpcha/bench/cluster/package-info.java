/** A generated cluster of compute pairs, the same world for Slurm and for EC2. */
package io.hpcha.bench.cluster;
