package io.hpcha.drbd.internal;

import io.hpcha.DiskState;
import java.util.Objects;

/**
 * One local volume of a DRBD resource.
 *
 * @param volume the volume number
 * @param disk   the local disk state
 * @param client whether the volume is intentionally diskless (a DRBD 9 client)
 * @param quorum whether the volume has quorum (always true where DRBD has no quorum, 8.4)
 */
public record DrbdDevice(int volume, DiskState disk, boolean client, boolean quorum) {
    public DrbdDevice {
        Objects.requireNonNull(disk, "disk");
    }
}
