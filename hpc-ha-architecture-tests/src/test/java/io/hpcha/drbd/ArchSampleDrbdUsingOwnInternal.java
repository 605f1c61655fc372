package io.hpcha.drbd;

/** Test-only sample: a module may use its own internal package. */
public class ArchSampleDrbdUsingOwnInternal {
    public Object own() {
        return io.hpcha.drbd.internal.ArchSampleDrbdSecret.create();
    }
}
