package io.hpcha.beegfs;

/** Test-only sample: beegfs using drbd's internal package; the internal rule must flag it. */
public class ArchSampleBeegfsPeekingIntoDrbd {
    public Object peek() {
        return io.hpcha.drbd.internal.ArchSampleDrbdSecret.create();
    }
}
