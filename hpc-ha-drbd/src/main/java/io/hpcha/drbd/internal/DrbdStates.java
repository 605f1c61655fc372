package io.hpcha.drbd.internal;

import io.hpcha.ConnectionState;
import io.hpcha.DiskState;
import io.hpcha.ReplicaRole;
import io.hpcha.ReplicationState;
import io.hpcha.UnexpectedOutputException;
import java.util.Map;

/**
 * DRBD's state names, exactly as {@code drbd_strings.c} (LINBIT/drbd-headers) spells them, mapped to
 * the API's enums. A name not in these tables is an {@link UnexpectedOutputException}: a newer DRBD
 * state must be looked at, not guessed. Stateless.
 */
public final class DrbdStates {
    private static final Map<String, ReplicaRole> ROLES = Map.of(
            "Primary", ReplicaRole.PRIMARY, "Secondary", ReplicaRole.SECONDARY, "Unknown", ReplicaRole.UNKNOWN);

    private static final Map<String, DiskState> DISKS = Map.of(
            "Diskless", DiskState.DISKLESS, "Attaching", DiskState.ATTACHING, "Detaching", DiskState.DETACHING,
            "Failed", DiskState.FAILED, "Negotiating", DiskState.NEGOTIATING, "Inconsistent", DiskState.INCONSISTENT,
            "Outdated", DiskState.OUTDATED, "DUnknown", DiskState.UNKNOWN, "Consistent", DiskState.CONSISTENT,
            "UpToDate", DiskState.UP_TO_DATE);

    /** DRBD 9's connection states ({@code __conn_state_names}). */
    private static final Map<String, ConnectionState> CONNECTIONS = Map.of(
            "StandAlone", ConnectionState.STANDALONE, "Disconnecting", ConnectionState.DISCONNECTING,
            "Unconnected", ConnectionState.UNCONNECTED, "Timeout", ConnectionState.TIMEOUT,
            "BrokenPipe", ConnectionState.BROKEN_PIPE, "NetworkFailure", ConnectionState.NETWORK_FAILURE,
            "ProtocolError", ConnectionState.PROTOCOL_ERROR, "TearDown", ConnectionState.TEAR_DOWN,
            "Connecting", ConnectionState.CONNECTING, "Connected", ConnectionState.CONNECTED);

    /** DRBD 9's replication states ({@code __repl_state_names}). */
    private static final Map<String, ReplicationState> REPLICATIONS = Map.ofEntries(
            Map.entry("Off", ReplicationState.OFF), Map.entry("Established", ReplicationState.ESTABLISHED),
            Map.entry("StartingSyncS", ReplicationState.STARTING_SYNC_SOURCE),
            Map.entry("StartingSyncT", ReplicationState.STARTING_SYNC_TARGET),
            Map.entry("WFBitMapS", ReplicationState.WF_BITMAP_SOURCE),
            Map.entry("WFBitMapT", ReplicationState.WF_BITMAP_TARGET),
            Map.entry("WFSyncUUID", ReplicationState.WF_SYNC_UUID),
            Map.entry("SyncSource", ReplicationState.SYNC_SOURCE), Map.entry("SyncTarget", ReplicationState.SYNC_TARGET),
            Map.entry("VerifyS", ReplicationState.VERIFY_SOURCE), Map.entry("VerifyT", ReplicationState.VERIFY_TARGET),
            Map.entry("PausedSyncS", ReplicationState.PAUSED_SYNC_SOURCE),
            Map.entry("PausedSyncT", ReplicationState.PAUSED_SYNC_TARGET),
            Map.entry("Ahead", ReplicationState.AHEAD), Map.entry("Behind", ReplicationState.BEHIND));

    private DrbdStates() {
    }

    /** {@code Primary}, {@code Secondary}, {@code Unknown}. */
    public static ReplicaRole role(String name, String context) {
        return lookup(ROLES, name, "role", context);
    }

    /** {@code UpToDate}, {@code DUnknown}, … */
    public static DiskState disk(String name, String context) {
        return lookup(DISKS, name, "disk state", context);
    }

    /** DRBD 9: {@code Connected}, {@code StandAlone}, … */
    public static ConnectionState connection(String name, String context) {
        return lookup(CONNECTIONS, name, "connection state", context);
    }

    /** DRBD 9: {@code Established}, {@code SyncSource}, … */
    public static ReplicationState replication(String name, String context) {
        return lookup(REPLICATIONS, name, "replication state", context);
    }

    /**
     * DRBD 8.4's single connection state ({@code drbd_conn_s_names}), which folds replication into
     * the connection: {@code WFConnection} is connecting, {@code SyncSource} is connected and syncing.
     */
    public static Cstate84 cstate84(String name, String context) {
        return switch (name) {
            case "WFConnection", "WFReportParams" -> new Cstate84(ConnectionState.CONNECTING, ReplicationState.OFF);
            case "Connected" -> new Cstate84(ConnectionState.CONNECTED, ReplicationState.ESTABLISHED);
            default -> {
                ConnectionState c = CONNECTIONS.get(name);
                if (c != null) {
                    yield new Cstate84(c, ReplicationState.OFF);
                }
                yield new Cstate84(ConnectionState.CONNECTED, lookup(REPLICATIONS, name, "connection state", context));
            }
        };
    }

    /** A DRBD 8.4 connection state split into the DRBD 9 pair. */
    public record Cstate84(ConnectionState connection, ReplicationState replication) {
    }

    private static <T> T lookup(Map<String, T> table, String name, String what, String context) {
        T value = name == null ? null : table.get(name);
        if (value == null) {
            throw new UnexpectedOutputException("unknown DRBD " + what + " '" + name + "'", context);
        }
        return value;
    }
}
