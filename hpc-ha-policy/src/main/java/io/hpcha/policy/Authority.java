package io.hpcha.policy;

/**
 * Whether this process may write now, and the fencing token to write with. {@link LeaderElection}
 * is the real one; {@link #standalone()} is for a policy that runs in exactly one place. Callers ask
 * again before every step: leadership can end at any moment. Implementations are thread-safe.
 */
public interface Authority {
    /** Whether this process holds leadership at this instant, with its safety margin applied. */
    boolean isLeader();

    /**
     * The fencing token of the current leadership.
     *
     * @throws NotLeaderException when not leader
     */
    long fencingToken();

    /** Always leader, fencing token 0: for a policy that has no peer to compete with. */
    static Authority standalone() {
        return StandaloneAuthority.INSTANCE;
    }
}
