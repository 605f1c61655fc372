package io.hpcha;

/**
 * The link from the observing node to one replica. {@link #LOCAL} is the observing node's own
 * replica, which has no link. BeeGFS reachability maps Online to {@link #CONNECTED},
 * Probably-offline to {@link #CONNECTING} and Offline to {@link #UNCONNECTED}.
 */
public enum ConnectionState {
    LOCAL,
    STANDALONE, DISCONNECTING, UNCONNECTED, TIMEOUT, BROKEN_PIPE, NETWORK_FAILURE, PROTOCOL_ERROR,
    TEAR_DOWN, CONNECTING, CONNECTED
}
