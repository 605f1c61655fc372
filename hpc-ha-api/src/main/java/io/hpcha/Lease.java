package io.hpcha;

import java.util.Optional;

/**
 * A named, expiring lock that at most one node holds at a time: the leadership that decides which
 * of two controllers may act. Every grant carries a fencing token that strictly increases across
 * holders, so a resource that sees a write with an older token knows the writer lost leadership.
 *
 * <p>Contract: at no instant do two callers hold unexpired leadership; {@link #tryAcquire} succeeds
 * only when the lease is free or expired (or already held by the same candidate, which renews it);
 * {@link #renew} succeeds only for the current holder with the current token; {@link #release} by a
 * stale holder does nothing. Holders must stop acting before {@link Leadership#expiresAt()} minus
 * their clock-skew margin. Implementations are thread-safe.
 */
public interface Lease {
    /** Takes the lease for {@code candidate} if it is free or expired; empty if someone else holds it. */
    Optional<Leadership> tryAcquire(NodeId candidate);

    /** Extends the lease; false when {@code leadership} is no longer the current grant. */
    boolean renew(Leadership leadership);

    /** Gives the lease up if {@code leadership} is still the current grant; otherwise does nothing. */
    void release(Leadership leadership);
}
