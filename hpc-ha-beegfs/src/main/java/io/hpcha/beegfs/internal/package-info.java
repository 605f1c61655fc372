/** Parsers, argument checks, error mapping and command plumbing of the BeeGFS backend; not part of its API. */
package io.hpcha.beegfs.internal;
