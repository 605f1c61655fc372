package io.hpcha.drbd.internal;

import io.hpcha.ConnectionState;
import io.hpcha.ReplicaRole;
import java.util.List;
import java.util.Objects;

/**
 * One connection of a DRBD resource: the peer node and its volumes.
 *
 * @param nodeId     the peer's node id ({@code -1} where DRBD does not report one, 8.4)
 * @param name       the connection name, normally the peer's host name
 * @param connection the connection state
 * @param role       the peer's role
 * @param devices    the peer's volumes, by volume number
 */
public record DrbdPeer(int nodeId, String name, ConnectionState connection, ReplicaRole role, List<DrbdPeerDevice> devices) {
    public DrbdPeer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(role, "role");
        devices = List.copyOf(devices);
    }

    /** Whether every volume of the peer is intentionally diskless. */
    public boolean isClient() {
        return !devices.isEmpty() && devices.stream().allMatch(DrbdPeerDevice::client);
    }
}
