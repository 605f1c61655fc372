package io.hpcha.policy;

import java.time.Instant;
import java.util.List;

/**
 * The heart of a policy: a pure function from a snapshot and the time to decisions. It reads no
 * clock, calls no backend and keeps no state, so that tests check it with plain values.
 *
 * @param <S> the snapshot type
 */
@FunctionalInterface
public interface Decider<S> {
    /** The decisions for this snapshot at {@code now}, one or more per watched subject. */
    List<Decision> decide(S observation, Instant now);
}
