package io.hpcha.policy;

/** {@link Authority#standalone()}. */
enum StandaloneAuthority implements Authority {
    INSTANCE;

    @Override
    public boolean isLeader() {
        return true;
    }

    @Override
    public long fencingToken() {
        return 0;
    }
}
