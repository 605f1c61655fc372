package io.hpcha.examples.failover;

/**
 * Takes the peer controller out for good before this one takes over, so that the two never write the
 * replicated volume at once (STONITH). Implementations are thread-safe; {@link #fence} is idempotent.
 */
public interface Fence {
    /**
     * No fencing at all: the plan leaves out its fence step. Unsafe outside tests (two controllers may
     * then write the replicated state at once); configured only explicitly, with {@code fence: {method: none}}.
     */
    static Fence none() {
        return NoFence.INSTANCE;
    }

    /** What is fenced and how, for logs. */
    String describe();

    /** Whether the peer is fenced now, asked of the fencing device itself. */
    boolean isFenced();

    /** Fences the peer; {@code fencingToken} is this leader's token, for devices that check it. */
    void fence(long fencingToken);
}
