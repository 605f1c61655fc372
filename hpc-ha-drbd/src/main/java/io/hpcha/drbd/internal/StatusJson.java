package io.hpcha.drbd.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcha.ConnectionState;
import io.hpcha.DiskState;
import io.hpcha.ReplicaRole;
import io.hpcha.ReplicationState;
import io.hpcha.SyncProgress;
import io.hpcha.UnexpectedOutputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Parses {@code drbdsetup status <res> --json} (drbd-utils 9.x): an array of resources, each with
 * {@code devices} and {@code connections}, each connection with {@code peer_devices}. Keys are
 * matched in {@linkplain Keys canonical form}, counters as unsigned 64-bit values. The JSON has no
 * {@code may_promote}; it is left empty for the caller to derive. Stateless.
 */
public final class StatusJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatusJson() {
    }

    /** The named resource, or empty when the output lists other resources only (or none). */
    public static Optional<DrbdResource> parse(String json, String resource) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UnexpectedOutputException("drbdsetup status --json printed no valid JSON", json, e);
        }
        if (root == null || !root.isArray()) {
            throw new UnexpectedOutputException("drbdsetup status --json did not print an array", json);
        }
        for (JsonNode r : root) {
            if (resource.equals(text(r, "name", json))) {
                return Optional.of(resource(r, json));
            }
        }
        return Optional.empty();
    }

    private static DrbdResource resource(JsonNode r, String json) {
        String name = text(r, "name", json);
        ReplicaRole role = DrbdStates.role(text(r, "role", json), json);
        boolean suspended = bool(r, "suspended", json);
        List<DrbdDevice> devices = new ArrayList<>();
        for (JsonNode d : array(r, "devices", json)) {
            devices.add(new DrbdDevice(integer(d, "volume", json), DrbdStates.disk(text(d, "disk-state", json), json),
                    optionalBool(d, "client", json).orElse(false), optionalBool(d, "quorum", json).orElse(true)));
        }
        List<DrbdPeer> peers = new ArrayList<>();
        for (JsonNode c : array(r, "connections", json)) {
            List<DrbdPeerDevice> peerDevices = new ArrayList<>();
            for (JsonNode pd : array(c, "peer-devices", json)) {
                peerDevices.add(peerDevice(pd, json));
            }
            ConnectionState connection = DrbdStates.connection(text(c, "connection-state", json), json);
            peers.add(new DrbdPeer(integer(c, "peer-node-id", json), text(c, "name", json), connection,
                    DrbdStates.role(text(c, "peer-role", json), json), peerDevices));
        }
        return new DrbdResource(name, role, suspended, Optional.empty(), devices, peers);
    }

    private static DrbdPeerDevice peerDevice(JsonNode pd, String json) {
        ReplicationState replication = DrbdStates.replication(text(pd, "replication-state", json), json);
        DiskState disk = DrbdStates.disk(text(pd, "peer-disk-state", json), json);
        Optional<SyncProgress> sync = Optional.empty();
        if (replication.isSyncing()) {
            OptionalDouble done = optionalNumber(pd, "percent-resync-done", json);
            sync = SyncProgresses.of(done.isPresent() ? done : optionalNumber(pd, "percent-in-sync", json),
                    optionalNumber(pd, "estimated-seconds-to-finish", json));
        }
        JsonNode oos = field(pd, "out-of-sync");
        long outOfSync = oos == null ? 0 : unsigned(oos, "out-of-sync", json);
        return new DrbdPeerDevice(integer(pd, "volume", json), replication, disk,
                optionalBool(pd, "peer-client", json).orElse(false), sync, outOfSync);
    }

    /** The field whose canonical key is {@code key}, or null. */
    private static JsonNode field(JsonNode node, String key) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (Keys.canonical(e.getKey()).equals(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static JsonNode required(JsonNode node, String key, String json) {
        JsonNode v = node.isObject() ? field(node, key) : null;
        if (v == null || v.isNull()) {
            throw new UnexpectedOutputException("drbdsetup status --json lacks '" + key + "'", json);
        }
        return v;
    }

    private static String text(JsonNode node, String key, String json) {
        JsonNode v = required(node, key, json);
        if (!v.isTextual()) {
            throw new UnexpectedOutputException("'" + key + "' is not text in drbdsetup status --json", json);
        }
        return v.asText();
    }

    private static int integer(JsonNode node, String key, String json) {
        JsonNode v = required(node, key, json);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new UnexpectedOutputException("'" + key + "' is not a small integer in drbdsetup status --json", json);
        }
        return v.asInt();
    }

    private static long unsigned(JsonNode v, String key, String json) {
        if (!v.isIntegralNumber()) {
            throw new UnexpectedOutputException("'" + key + "' is not an integer in drbdsetup status --json", json);
        }
        return Counters.unsigned(v.bigIntegerValue(), json);
    }

    private static boolean bool(JsonNode node, String key, String json) {
        return optionalBool(node, key, json)
                .orElseThrow(() -> new UnexpectedOutputException("drbdsetup status --json lacks '" + key + "'", json));
    }

    private static Optional<Boolean> optionalBool(JsonNode node, String key, String json) {
        JsonNode v = field(node, key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw new UnexpectedOutputException("'" + key + "' is not true or false in drbdsetup status --json", json);
        }
        return Optional.of(v.booleanValue());
    }

    private static OptionalDouble optionalNumber(JsonNode node, String key, String json) {
        JsonNode v = field(node, key);
        if (v == null) {
            return OptionalDouble.empty();
        }
        if (!v.isNumber()) {
            throw new UnexpectedOutputException("'" + key + "' is not a number in drbdsetup status --json", json);
        }
        return OptionalDouble.of(v.doubleValue());
    }

    private static Iterable<JsonNode> array(JsonNode node, String key, String json) {
        JsonNode v = required(node, key, json);
        if (!v.isArray()) {
            throw new UnexpectedOutputException("'" + key + "' is not an array in drbdsetup status --json", json);
        }
        return v;
    }
}
