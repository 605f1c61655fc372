package io.hpcha.drbd.internal;

import io.hpcha.ConnectionState;
import io.hpcha.ReplicationState;
import io.hpcha.SyncProgress;
import io.hpcha.UnexpectedOutputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state of every resource as told by a {@code drbdsetup events2} stream: {@code exists} and
 * {@code create} lines set an object, {@code change} lines carry only what changed and are merged,
 * {@code destroy} lines remove it. Objects that change before they were listed are created on the
 * spot (drbd-utils' tests show such orders). A {@code call helper} of {@code split-brain} or
 * {@code initial-split-brain} marks the peer as split-brained until its connection is
 * {@code Connected} again.
 *
 * <p>Values are validated when a {@linkplain #snapshot snapshot} is taken, so that an unknown value
 * surfaces as an {@link UnexpectedOutputException} naming the line it came from. Thread-safe.
 */
public final class Events2State {
    private final Map<String, Res> resources = new LinkedHashMap<>();
    /** Kept across {@link #clear()}: a restarted stream does not repeat the helper call. */
    private final Map<String, Set<String>> splitBrain = new HashMap<>();
    private boolean initialStateDone;

    /** Applies one line. */
    public synchronized void apply(Events2Record r) {
        if (r.endsInitialState()) {
            initialStateDone = true;
            return;
        }
        if (r.object().equals("-") || r.object().equals("path")) {
            return; // paths do not change what the volume looks like
        }
        String name = r.field("name").orElseThrow(() -> new UnexpectedOutputException("events2 line without name", r.line()));
        if (r.object().equals("resource")) {
            if (r.kind().equals("destroy")) {
                resources.remove(name);
            } else if (!r.kind().equals("rename")) {
                resource(name).self.merge(r, replaces(r));
            }
            return;
        }
        Res res = resource(name);
        switch (r.object()) {
            case "device" -> apply(res.devices, number(r, "volume"), r);
            case "connection" -> {
                int peer = number(r, "peer-node-id");
                if (r.kind().equals("destroy")) {
                    res.connections.remove(peer);
                    return;
                }
                Conn c = res.connections.computeIfAbsent(peer, k -> new Conn());
                c.self.merge(r, replaces(r));
                if ("Connected".equals(c.self.fields.get("connection"))) {
                    splitBrain.getOrDefault(name, new LinkedHashSet<>()).remove(peerName(c.self.fields, peer));
                }
            }
            case "peer-device" -> {
                Conn c = res.connections.computeIfAbsent(number(r, "peer-node-id"), k -> new Conn());
                apply(c.devices, number(r, "volume"), r);
            }
            case "helper" -> {
                String helper = r.field("helper").orElse("");
                if (r.kind().equals("call") && (helper.equals("split-brain") || helper.equals("initial-split-brain"))) {
                    int peer = r.field("peer-node-id").map(v -> parse(v, r)).orElse(-1);
                    splitBrain.computeIfAbsent(name, k -> new LinkedHashSet<>())
                            .add(r.field("conn-name").orElse(peerName(Map.of(), peer)));
                }
            }
            default -> throw new UnexpectedOutputException("unknown events2 object '" + r.object() + "'", r.line());
        }
    }

    /** Whether the {@code exists -} line has been seen. */
    public synchronized boolean initialStateDone() {
        return initialStateDone;
    }

    /** Forgets the state, for a stream that starts over; split brains stay until their peer connects. */
    public synchronized void clear() {
        resources.clear();
        initialStateDone = false;
    }

    /** The names of the resources known. */
    public synchronized Set<String> resourceNames() {
        return new LinkedHashSet<>(resources.keySet());
    }

    /** The peers a split-brain helper was called for and that have not been Connected since. */
    public synchronized Set<String> splitBrainPeers(String resource) {
        return Set.copyOf(splitBrain.getOrDefault(resource, Set.of()));
    }

    /** The resource as known now; empty when it was never listed or was destroyed. */
    public synchronized Optional<DrbdResource> snapshot(String resource) {
        Res res = resources.get(resource);
        if (res == null || res.self.fields.isEmpty()) {
            return Optional.empty();
        }
        Obj self = res.self;
        List<DrbdDevice> devices = new ArrayList<>();
        res.devices.forEach((volume, d) -> devices.add(new DrbdDevice(volume,
                DrbdStates.disk(d.require("disk"), d.line), d.yesNo("client", false), d.yesNo("quorum", true))));
        List<DrbdPeer> peers = new ArrayList<>();
        res.connections.forEach((nodeId, c) -> {
            List<DrbdPeerDevice> peerDevices = new ArrayList<>();
            c.devices.forEach((volume, pd) -> peerDevices.add(peerDevice(volume, pd)));
            ConnectionState connection = DrbdStates.connection(c.self.require("connection"), c.self.line);
            peers.add(new DrbdPeer(nodeId, peerName(c.self.fields, nodeId), connection,
                    DrbdStates.role(c.self.require("role"), c.self.line), peerDevices));
        });
        Optional<Boolean> mayPromote = self.fields.containsKey("may-promote")
                ? Optional.of(self.yesNo("may-promote", false)) : Optional.empty();
        return Optional.of(new DrbdResource(resource, DrbdStates.role(self.require("role"), self.line),
                !"no".equals(self.require("suspended")), mayPromote, devices, peers));
    }

    private static DrbdPeerDevice peerDevice(int volume, Obj pd) {
        ReplicationState replication = DrbdStates.replication(pd.require("replication"), pd.line);
        Optional<SyncProgress> sync = replication.isSyncing()
                ? SyncProgresses.of(pd.number("done"), pd.number("eta")) : Optional.empty();
        String oos = pd.fields.get("out-of-sync");
        return new DrbdPeerDevice(volume, replication, DrbdStates.disk(pd.require("peer-disk"), pd.line),
                pd.yesNo("peer-client", false), sync, oos == null ? 0 : Counters.unsigned(oos, pd.line));
    }

    private static String peerName(Map<String, String> fields, int nodeId) {
        String name = fields.get("conn-name");
        return name != null ? name : "peer-node-id:" + nodeId;
    }

    private static boolean replaces(Events2Record r) {
        return r.kind().equals("exists") || r.kind().equals("create");
    }

    private static void apply(TreeMap<Integer, Obj> objects, int key, Events2Record r) {
        if (r.kind().equals("destroy")) {
            objects.remove(key);
        } else {
            objects.computeIfAbsent(key, k -> new Obj()).merge(r, replaces(r));
        }
    }

    private static int number(Events2Record r, String key) {
        return parse(r.field(key).orElseThrow(() -> new UnexpectedOutputException("events2 line without " + key, r.line())), r);
    }

    private static int parse(String value, Events2Record r) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UnexpectedOutputException("not a number: '" + value + "'", r.line(), e);
        }
    }

    private Res resource(String name) {
        return resources.computeIfAbsent(name, k -> new Res());
    }

    /** One resource: its own fields, devices by volume, connections by peer node id. */
    private static final class Res {
        final Obj self = new Obj();
        final TreeMap<Integer, Obj> devices = new TreeMap<>();
        final TreeMap<Integer, Conn> connections = new TreeMap<>();
    }

    /** One connection: its own fields and its peer devices by volume. */
    private static final class Conn {
        final Obj self = new Obj();
        final TreeMap<Integer, Obj> devices = new TreeMap<>();
    }

    /** The merged fields of one object and the last line that touched it. */
    private static final class Obj {
        final Map<String, String> fields = new HashMap<>();
        String line = "";

        void merge(Events2Record r, boolean replace) {
            if (replace) {
                fields.clear();
            }
            fields.putAll(r.fields());
            line = r.line();
        }

        String require(String key) {
            String v = fields.get(key);
            if (v == null) {
                throw new UnexpectedOutputException("events2 state lacks '" + key + "'", line);
            }
            return v;
        }

        boolean yesNo(String key, boolean absent) {
            String v = fields.get(key);
            if (v == null) {
                return absent;
            }
            return switch (v) {
                case "yes" -> true;
                case "no" -> false;
                default -> throw new UnexpectedOutputException("'" + key + "' is neither yes nor no: '" + v + "'", line);
            };
        }

        OptionalDouble number(String key) {
            String v = fields.get(key);
            if (v == null || v.equals("nan") || v.equals("-nan")) {
                return OptionalDouble.empty();
            }
            try {
                return OptionalDouble.of(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                throw new UnexpectedOutputException("'" + key + "' is not a number: '" + v + "'", line, e);
            }
        }
    }
}
