package io.hpcha.drbd.internal;

import io.hpcha.ReplicaRole;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one read of DRBD says about one resource on the local node, in the API's vocabulary. Built
 * by the parsers; mapped to a {@link io.hpcha.VolumeStatus} by {@link VolumeStatusMapper}.
 *
 * @param name       the resource name
 * @param role       the local role
 * @param suspended  whether I/O is suspended (by the user, for lack of data, fencing or quorum)
 * @param mayPromote DRBD 9's own {@code may_promote}, when the source reports it
 * @param devices    the local volumes, by volume number
 * @param peers      the connections, by peer node id
 */
public record DrbdResource(String name, ReplicaRole role, boolean suspended, Optional<Boolean> mayPromote,
                           List<DrbdDevice> devices, List<DrbdPeer> peers) {
    public DrbdResource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(mayPromote, "mayPromote");
        devices = List.copyOf(devices);
        peers = List.copyOf(peers);
    }
}
