package io.hpcha.drbd;

import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A stateful stand-in for one node's DRBD 9 that answers {@code cat /proc/drbd},
 * {@code drbdsetup status <res> --json} (in drbdsetup's own JSON layout) and
 * {@code drbdadm primary|secondary|disconnect|connect} the way the real tools do: the same refusal
 * rules for the common cases, the same texts ({@code drbd_set_st_err_str}) and exit codes (11, 17,
 * 10). Plug it into a {@link io.hpcha.testkit.ScriptedCommandRunner} with {@code respond(fake)}.
 * Thread-safe.
 */
final class FakeDrbd implements Function<Command, CommandResult> {
    private final String resource;
    private String role = "Secondary";
    private String disk = "UpToDate";
    private boolean quorum = true;
    private boolean heldOpen;
    private boolean peerNotOutdated;
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    private final List<List<String>> stateChanges = new ArrayList<>();

    FakeDrbd(String resource) {
        this.resource = resource;
    }

    /** A peer, Connected, Secondary, UpToDate, Established. */
    synchronized FakeDrbd peer(String name) {
        peers.put(name, new Peer("Connected", "Secondary", "UpToDate", "Established"));
        return this;
    }

    synchronized FakeDrbd peer(String name, String connection, String peerRole, String peerDisk, String replication) {
        peers.put(name, new Peer(connection, peerRole, peerDisk, replication));
        return this;
    }

    synchronized FakeDrbd role(String role) {
        this.role = role;
        return this;
    }

    synchronized FakeDrbd disk(String disk) {
        this.disk = disk;
        return this;
    }

    synchronized FakeDrbd quorum(boolean quorum) {
        this.quorum = quorum;
        return this;
    }

    /** Something keeps the device open: demotion fails with -12 until cleared. */
    synchronized FakeDrbd heldOpen(boolean heldOpen) {
        this.heldOpen = heldOpen;
        return this;
    }

    /** Fencing could not outdate a lost peer: promotion fails with -7. */
    synchronized FakeDrbd peerNotOutdated(boolean value) {
        this.peerNotOutdated = value;
        return this;
    }

    synchronized String role() {
        return role;
    }

    /** The state-changing commands run so far. */
    synchronized List<List<String>> stateChanges() {
        return List.copyOf(stateChanges);
    }

    @Override
    public synchronized CommandResult apply(Command c) {
        List<String> a = c.argv();
        if (a.equals(List.of("cat", "/proc/drbd"))) {
            return ok(c, Fixture.load("drbd9-proc/proc-drbd-9.2.8.txt"));
        }
        if (a.size() == 4 && a.get(0).equals("drbdsetup") && a.get(1).equals("status") && a.get(3).equals("--json")) {
            if (!a.get(2).equals(resource)) {
                return CommandResult.of(c, 10, "", a.get(2) + ": No such resource\n");
            }
            return ok(c, json());
        }
        if (a.get(0).equals("drbdadm")) {
            String res = a.get(a.size() - 1);
            if (!res.equals(resource)) {
                return CommandResult.of(c, 10, "", "'" + res + "' not defined in your config (for this host).\n");
            }
            stateChanges.add(a);
            return switch (a.get(1)) {
                case "primary" -> primary(c, a.contains("--force"));
                case "secondary" -> secondary(c);
                case "disconnect" -> {
                    peers.replaceAll((n, p) -> new Peer("StandAlone", "Unknown", "DUnknown", "Off"));
                    yield ok(c, "");
                }
                case "connect" -> {
                    peers.replaceAll((n, p) -> new Peer("Connected", "Primary", "UpToDate", "SyncTarget"));
                    disk = "Inconsistent";
                    yield ok(c, "");
                }
                default -> null;
            };
        }
        return null;
    }

    private CommandResult primary(Command c, boolean force) {
        if (role.equals("Primary")) {
            return ok(c, "");
        }
        if (peers.values().stream().anyMatch(p -> p.connection.equals("Connected") && p.role.equals("Primary"))) {
            return refused(c, "primary", -1, "Multiple primaries not allowed by config", 11);
        }
        if (!quorum) {
            return refused(c, "primary", -25, "No quorum", 11);
        }
        boolean upToDate = disk.equals("UpToDate") || peers.values().stream()
                .anyMatch(p -> p.connection.equals("Connected") && p.disk.equals("UpToDate"));
        if (!upToDate && !force) {
            return refused(c, "primary", -2, "Need access to UpToDate data", 17);
        }
        if (peerNotOutdated && !force) {
            return refused(c, "primary", -7, "Refusing to be Primary while peer is not outdated", 11);
        }
        role = "Primary";
        if (force) {
            disk = "UpToDate";
        }
        return ok(c, "");
    }

    private CommandResult secondary(Command c) {
        if (heldOpen && role.equals("Primary")) {
            return refused(c, "secondary", -12, "Device is held open by someone", 11);
        }
        role = "Secondary";
        return ok(c, "");
    }

    /** drbdsetup's print_config_error line, then drbdadm's own. */
    private CommandResult refused(Command c, String verb, int code, String text, int exit) {
        return CommandResult.of(c, exit, "", resource + ": State change failed: (" + code + ") " + text + "\n"
                + "Command 'drbdsetup " + verb + " " + resource + "' terminated with exit code " + exit + "\n");
    }

    private static CommandResult ok(Command c, String out) {
        return CommandResult.of(c, 0, out, "");
    }

    private String json() {
        StringBuilder b = new StringBuilder("[\n{\n");
        b.append("  \"name\": \"").append(resource).append("\",\n  \"node-id\": 0,\n");
        b.append("  \"role\": \"").append(role).append("\",\n  \"suspended\": false,\n  \"write-ordering\": \"flush\",\n");
        b.append("  \"devices\": [\n    {\n      \"volume\": 0,\n      \"minor\": 1000,\n");
        b.append("      \"disk-state\": \"").append(disk).append("\",\n      \"client\": false,\n");
        b.append("      \"quorum\": ").append(quorum).append("\n    } ],\n  \"connections\": [\n");
        int id = 1;
        List<String> conns = new ArrayList<>();
        for (Map.Entry<String, Peer> e : peers.entrySet()) {
            Peer p = e.getValue();
            conns.add(String.format(Locale.ROOT, "    {\n      \"peer-node-id\": %d,\n      \"name\": \"%s\",\n"
                    + "      \"connection-state\": \"%s\", \n      \"congested\": false,\n      \"peer-role\": \"%s\",\n"
                    + "      \"peer_devices\": [\n        {\n          \"volume\": 0,\n          \"replication-state\": \"%s\",\n"
                    + "          \"peer-disk-state\": \"%s\",\n          \"peer-client\": false,\n"
                    + "          \"resync-suspended\": \"no\",\n          \"received\": 0,\n          \"sent\": 0,\n"
                    + "          \"out-of-sync\": 0,\n          \"pending\": 0,\n          \"unacked\": 0,\n"
                    + "          \"has-sync-details\": false,\n          \"has-online-verify-details\": false,\n"
                    + "          \"percent-in-sync\": 100.00\n        } ]\n    }",
                    id++, e.getKey(), p.connection, p.role, p.replication, p.disk));
        }
        b.append(String.join(",\n", conns)).append(" ]\n}\n]\n");
        return b.toString();
    }

    private record Peer(String connection, String role, String disk, String replication) {
    }
}
