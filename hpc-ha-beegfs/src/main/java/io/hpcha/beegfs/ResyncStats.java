package io.hpcha.beegfs;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Statistics of a buddy group's last or running resync.
 *
 * @param state      the job state
 * @param startTime  when it started, if it did
 * @param endTime    when it ended, if it did
 * @param candidates entries found to need syncing (storage: matched files and dirs; meta: discovered dirs)
 * @param synced     entries synced so far (files and dirs)
 * @param errors     entries that failed to sync
 */
public record ResyncStats(ResyncJobState state, Optional<Instant> startTime, Optional<Instant> endTime,
                          long candidates, long synced, long errors) {
    public ResyncStats {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
    }

    /** Synced entries as a percentage of the candidates (100 when there was nothing to sync), capped at 100. */
    public double percentDone() {
        if (candidates <= 0) {
            return state == ResyncJobState.RUNNING ? 0 : 100;
        }
        return Math.min(100.0, 100.0 * synced / candidates);
    }
}
