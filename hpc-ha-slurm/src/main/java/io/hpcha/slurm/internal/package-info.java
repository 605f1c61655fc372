/** Parsers, argument checks and command plumbing of the Slurm backend; not part of its API. */
package io.hpcha.slurm.internal;
