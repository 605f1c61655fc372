/**
 * Parsers, the state model and command plumbing of the DRBD backend; not part of its API. Every
 * parser here works on the real text of DRBD's tools ({@code drbdsetup status --json},
 * {@code drbdsetup events2}, {@code /proc/drbd}, {@code drbdadm role|cstate|dstate}) and throws
 * {@link io.hpcha.UnexpectedOutputException} for anything it does not recognise.
 */
package io.hpcha.drbd.internal;
