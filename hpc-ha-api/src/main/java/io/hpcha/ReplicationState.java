package io.hpcha;

/** Replication between the observing node and one peer, in DRBD 9's vocabulary. */
public enum ReplicationState {
    OFF, ESTABLISHED, STARTING_SYNC_SOURCE, STARTING_SYNC_TARGET, WF_BITMAP_SOURCE, WF_BITMAP_TARGET,
    WF_SYNC_UUID, SYNC_SOURCE, SYNC_TARGET, VERIFY_SOURCE, VERIFY_TARGET, PAUSED_SYNC_SOURCE,
    PAUSED_SYNC_TARGET, AHEAD, BEHIND;

    /** Whether a resync is running or paused between the two. */
    public boolean isSyncing() {
        return switch (this) {
            case STARTING_SYNC_SOURCE, STARTING_SYNC_TARGET, WF_BITMAP_SOURCE, WF_BITMAP_TARGET, WF_SYNC_UUID,
                 SYNC_SOURCE, SYNC_TARGET, PAUSED_SYNC_SOURCE, PAUSED_SYNC_TARGET -> true;
            default -> false;
        };
    }
}
