package io.hpcha.drbd;

/**
 * Receives what a {@link DrbdEvents} follower reads. Called on the follower's own thread, one call
 * at a time and in stream order, so an implementation must return quickly (hand work to an
 * executor) and need not be thread-safe against itself.
 */
public interface DrbdEventListener {
    /** One parsed line; the follower's state already includes it. */
    void onEvent(DrbdEvent event);

    /** The stream printed {@code exists -}: the initial state is complete (again, after a restart). */
    default void onInitialState() {
    }

    /**
     * The stream broke: the process exited or printed a line that could not be read (an
     * {@link io.hpcha.UnexpectedOutputException}). The follower restarts it after its delay.
     */
    default void onStreamFailure(RuntimeException cause) {
    }
}
