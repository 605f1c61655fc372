package io.hpcha;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Progress of a running resync.
 *
 * @param percentDone 0 to 100
 * @param remaining   the backend's estimate of the time left, when it gives one
 */
public record SyncProgress(double percentDone, Optional<Duration> remaining) {
    public SyncProgress {
        Objects.requireNonNull(remaining, "remaining");
        if (!(percentDone >= 0 && percentDone <= 100)) {
            throw new IllegalArgumentException("percentDone out of [0,100]: " + percentDone);
        }
        remaining.ifPresent(d -> {
            if (d.isNegative()) {
                throw new IllegalArgumentException("negative remaining time: " + d);
            }
        });
    }
}
