package io.hpcha;

import java.time.Instant;
import java.util.Objects;

/**
 * A grant of a {@link Lease}.
 *
 * @param lease        the lease's name
 * @param holder       who holds it
 * @param fencingToken strictly increasing across grants to different holders; pass it with every write
 * @param expiresAt    when the grant lapses unless renewed
 */
public record Leadership(String lease, NodeId holder, long fencingToken, Instant expiresAt) {
    public Leadership {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (lease.isBlank()) {
            throw new IllegalArgumentException("lease name is blank");
        }
        if (fencingToken < 0) {
            throw new IllegalArgumentException("negative fencing token " + fencingToken);
        }
    }

    /** Whether the grant is still valid at {@code now}. */
    public boolean isValidAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
