package io.hpcha.examples.failover;

/** The explicit absence of fencing; see {@link Fence#none()}. Stateless. */
enum NoFence implements Fence {
    INSTANCE;

    @Override
    public String describe() {
        return "none (unsafe: the peer is never fenced)";
    }

    @Override
    public boolean isFenced() {
        return false;
    }

    @Override
    public void fence(long fencingToken) {
        throw new UnsupportedOperationException("fencing is configured off");
    }
}
