package io.hpcha.policy;

import io.hpcha.Leadership;

/**
 * Hears a {@link LeaderElection} win and lose leadership. Called on the election's thread (the one
 * running {@link LeaderElection#tick()}); a long task such as a failover plan should be handed to
 * another thread. Must not throw. Every method does nothing by default.
 */
public interface LeadershipListener {
    /** This process became leader with {@code grant}. */
    default void onElected(Leadership grant) {
    }

    /** This process stopped being leader; {@code reason} says why. */
    default void onLost(Leadership grant, String reason) {
    }
}
