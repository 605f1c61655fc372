package io.hpcha.drbd.internal;

import io.hpcha.SyncProgress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/** Builds {@link SyncProgress} from DRBD's numbers. Stateless. */
final class SyncProgresses {
    /** drbdsetup prints this many seconds when it cannot estimate ({@code db <= 0}). */
    static final long UNKNOWN_ETA_SECONDS = 987654321L;

    private SyncProgresses() {
    }

    /**
     * A progress of {@code percent}, rounded into [0, 100] (drbdsetup computes it from two counters
     * read at slightly different times), with {@code etaSeconds} when it is a real estimate.
     */
    static Optional<SyncProgress> of(OptionalDouble percent, OptionalDouble etaSeconds) {
        if (percent.isEmpty() || Double.isNaN(percent.getAsDouble())) {
            return Optional.empty();
        }
        double p = Math.max(0, Math.min(100, percent.getAsDouble()));
        Optional<Duration> eta = Optional.empty();
        if (etaSeconds.isPresent()) {
            double s = etaSeconds.getAsDouble();
            if (!Double.isNaN(s) && !Double.isInfinite(s) && s >= 0 && s < UNKNOWN_ETA_SECONDS) {
                eta = Optional.of(Duration.ofMillis(Math.round(s * 1000)));
            }
        }
        return Optional.of(new SyncProgress(p, eta));
    }
}
