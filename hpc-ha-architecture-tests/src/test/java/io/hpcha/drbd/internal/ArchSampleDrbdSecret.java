package io.hpcha.drbd.internal;

/** Test-only stand-in for a class internal to the drbd module. */
public class ArchSampleDrbdSecret {
    public static ArchSampleDrbdSecret create() {
        return new ArchSampleDrbdSecret();
    }
}
