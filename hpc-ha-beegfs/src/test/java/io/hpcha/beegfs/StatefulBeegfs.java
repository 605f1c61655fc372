package io.hpcha.beegfs;

import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import io.hpcha.testkit.ManualClock;
import io.hpcha.testkit.ScriptedCommandRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stateful stand-in for one storage buddy group behind beegfs-ctl 7.x or the 8.x beegfs tool,
 * answering through a {@link ScriptedCommandRunner} in the tools' own output formats (the same
 * formats as the fixtures). It behaves like BeeGFS's management service: when the primary's host
 * is stopped ({@code ssh <host> systemctl stop beegfs-storage}), the target goes Probably-offline,
 * then after {@link #OFFLINE_TIMEOUT} Offline, and management makes the secondary primary; the
 * stopped service is brought back by its supervisor at that moment and, having missed no writes,
 * comes back Online and Good as the new secondary.
 */
final class StatefulBeegfs {
    /** Stands for sysTargetOfflineTimeoutSecs. */
    static final Duration OFFLINE_TIMEOUT = Duration.ofSeconds(180);

    private final ManualClock clock;
    private final CliGeneration generation;
    private final Map<Integer, String[]> targets = new LinkedHashMap<>(); // id -> {host, reach, consistency}
    private int primary;
    private int secondary;
    private Instant stoppedAt;
    private int stopped;

    StatefulBeegfs(ManualClock clock, CliGeneration generation, int primary, String primaryHost, int secondary, String secondaryHost) {
        this.clock = clock;
        this.generation = generation;
        this.primary = primary;
        this.secondary = secondary;
        targets.put(primary, new String[] {primaryHost, "Online", "Good"});
        targets.put(secondary, new String[] {secondaryHost, "Online", "Good"});
    }

    synchronized void setConsistency(int target, String consistency) {
        targets.get(target)[2] = consistency;
    }

    ScriptedCommandRunner runner() {
        ScriptedCommandRunner runner = new ScriptedCommandRunner(clock);
        runner.respond(this::answer);
        return runner;
    }

    private synchronized CommandResult answer(Command c) {
        advance();
        List<String> a = c.argv();
        String all = String.join(" ", a);
        if (a.get(0).equals("ssh") && all.endsWith("systemctl stop beegfs-storage")) {
            for (Map.Entry<Integer, String[]> e : targets.entrySet()) {
                if (e.getValue()[0].equals(a.get(1)) && stoppedAt == null) {
                    stoppedAt = clock.instant();
                    stopped = e.getKey();
                    e.getValue()[1] = "Probably-offline";
                }
            }
            return CommandResult.of(c, 0, "", "");
        }
        if (generation == CliGeneration.V7 && a.get(0).equals("beegfs-ctl")) {
            if (all.equals("beegfs-ctl --listtargets --nodetype=storage --state --longnodes")) {
                return CommandResult.of(c, 0, listTargets(), "");
            }
            if (all.equals("beegfs-ctl --resyncstats --nodetype=storage --mirrorgroupid=1")) {
                return CommandResult.of(c, 0, "Job state: Not started\n# of discovered dirs: 0\n# of discovered files: 0\n"
                        + "# of dir sync candidates: 0\n# of file sync candidates: 0\n# of synced dirs: 0\n# of synced files: 0\n"
                        + "# of dir sync errors: 0\n# of file sync errors: 0\n", "");
            }
            if (all.equals("beegfs-ctl --listmirrorgroups --nodetype=storage")) {
                return CommandResult.of(c, 0, String.format(Locale.ROOT, "%17s %17s %17s\n%17s %17s %17s\n%17d %17d %17d\n",
                        "BuddyGroupID", "PrimaryTargetID", "SecondaryTargetID", "============", "===============",
                        "=================", 1, primary, secondary), "");
            }
        }
        if (generation == CliGeneration.V8 && a.get(0).equals("beegfs")) {
            if (all.equals("beegfs target list --node-type=storage --state --capacity --raw --output=ndjson")) {
                StringBuilder b = new StringBuilder();
                targets.forEach((id, t) -> b.append(String.format(Locale.ROOT,
                        "{\"id\":{\"num_id\":%d,\"node_type\":3},\"alias\":\"target_storage_%d\",\"on_node\":\"%s\",\"pool\":\"storage_pool_default\","
                                + "\"reachability\":\"%s\",\"last_contact\":\"0s ago\",\"consistency\":\"%s\",\"space\":\"1000\",\"sused\":\"100 (10.00%%)\","
                                + "\"sfree\":\"900\",\"inodes\":\"10\",\"iused\":\"1 (10.00%%)\",\"ifree\":\"9\"}\n", id, id, t[0], t[1], t[2])));
                return CommandResult.of(c, 0, b.toString(), "");
            }
            if (all.equals("beegfs mirror resync stats storage:1")) {
                return CommandResult.of(c, 0, "Status\n------\nJob State: not_started\nStart Time: 1970-01-01T00:00:00Z\n"
                        + "End Time: 1970-01-01T00:00:00Z\n\nDiscovery Results\n-----------------\nFiles Discovered: 0\n"
                        + "Directories Discovered: 0\n\nMatching Results\n----------------\nFiles Matched: 0\nDirectories Matched: 0\n\n"
                        + "Sync Results\n------------\nFiles Synced: 0\nDirectories Synced: 0\n\nError Summary\n-------------\n"
                        + "File Errors: 0\nDirectory Errors: 0\n", "");
            }
            if (all.equals("beegfs mirror list --node-type=storage --output=ndjson")) {
                return CommandResult.of(c, 0, String.format(Locale.ROOT,
                        "{\"alias\":\"group_storage_1\",\"id\":{\"num_id\":1,\"node_type\":3},\"type\":3,\"primary_target\":\"s:%d\","
                                + "\"primary_consistency\":\"%s\",\"secondary_target\":\"s:%d\",\"secondary_consistency\":\"%s\",\"quota_accounting\":\"primary\"}\n",
                        primary, targets.get(primary)[2], secondary, targets.get(secondary)[2]), "");
            }
        }
        return null;
    }

    /** Management's view catching up with the clock. */
    private void advance() {
        if (stoppedAt == null || clock.instant().isBefore(stoppedAt.plus(OFFLINE_TIMEOUT))) {
            return;
        }
        if (stopped == primary) {
            primary = secondary;
            secondary = stopped;
        }
        targets.get(stopped)[1] = "Online";
        stoppedAt = null;
    }

    private String listTargets() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%8s %16s %12s %8s\n", "TargetID", "Reachability", "Consistency", "NodeID"));
        b.append(String.format(Locale.ROOT, "%8s %16s %12s %8s\n", "========", "============", "===========", "======"));
        List<Integer> ids = new ArrayList<>(targets.keySet());
        for (int id : ids) {
            String[] t = targets.get(id);
            b.append(String.format(Locale.ROOT, "%8d %16s %12s   beegfs-storage %s [ID: %d]\n", id, t[1], t[2], t[0], id < 200 ? 1 : 2));
        }
        return b.toString();
    }
}
