package io.hpcha.beegfs.internal;

import io.hpcha.UnexpectedOutputException;
import io.hpcha.beegfs.BeegfsNodeType;
import io.hpcha.beegfs.BuddyGroup;
import io.hpcha.beegfs.Consistency;
import io.hpcha.beegfs.NodeStatus;
import io.hpcha.beegfs.Reachability;
import io.hpcha.beegfs.ResyncJobState;
import io.hpcha.beegfs.ResyncStats;
import io.hpcha.beegfs.TargetSpace;
import io.hpcha.beegfs.TargetState;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for beegfs-ctl 7.x's text output, written after the printf formats in beegfs-ctl's
 * sources (ModeListTargets, ModeListMirrorBuddyGroups, ModeResyncStats, ModeGetNodes) and the
 * beegfs-df wrapper script. Every line must be understood: a line that is not is an
 * {@link UnexpectedOutputException}, never skipped. Stateless.
 */
public final class CtlText {
    /** {@code %8hu %16s %12s} then, with --longnodes, {@code "  beegfs-storage node01 [ID: 1]"}. */
    private static final Pattern TARGET_ROW = Pattern.compile(
            "\\s*(\\d+)\\s+(Online|Probably-offline|Offline)\\s+(Good|Needs-resync|Bad|resyncing)(?:\\s+(.*\\S))?\\s*");
    private static final Pattern GROUP_ROW = Pattern.compile("\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*");
    private static final Pattern NODE_LINE = Pattern.compile("(\\S.*) \\[ID: (\\d+)]\\s*");
    private static final Pattern REACHABLE_LINE = Pattern.compile("\\s+Reachable: <(yes|no)>\\s*");
    /** {@code %8hu %11s %9.1fGiB %9.1fGiB %3.0f%% %10.1fM %10.1fM %3.0f%%}. */
    private static final Pattern DF_ROW = Pattern.compile(
            "\\s*(\\d+)\\s+(\\S+)\\s+([0-9.]+)GiB\\s+([0-9.]+)GiB\\s+\\d+%\\s+[0-9.]+M\\s+[0-9.]+M\\s+\\d+%\\s*");
    private static final Pattern STAT_LINE = Pattern.compile("([^:]+): (.*)");
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);
    private static final double GIB = 1024.0 * 1024 * 1024;

    private CtlText() {
    }

    /** {@code beegfs-ctl --listtargets --nodetype=<type> --state --longnodes}. */
    public static List<TargetState> targets(String text, BeegfsNodeType type) {
        List<TargetState> out = new ArrayList<>();
        List<String> rows = tableRows(text, "TargetID", "listtargets");
        for (String line : rows) {
            Matcher m = TARGET_ROW.matcher(line);
            if (!m.matches()) {
                throw new UnexpectedOutputException("unrecognized beegfs-ctl --listtargets line '" + line + "'", text);
            }
            String consistency = m.group(3);
            out.add(new TargetState(type, id(m.group(1), text), m.group(4) == null ? "" : m.group(4),
                    reachability(m.group(2)), consistency.equals("resyncing") ? Consistency.NEEDS_RESYNC : consistency(consistency, text),
                    consistency.equals("resyncing"), Optional.empty(), Optional.empty()));
        }
        return List.copyOf(out);
    }

    /** {@code beegfs-ctl --listmirrorgroups --nodetype=<type>}; empty output means no groups. */
    public static List<BuddyGroup> buddyGroups(String text, BeegfsNodeType type) {
        List<BuddyGroup> out = new ArrayList<>();
        for (String line : tableRows(text, "BuddyGroupID", "listmirrorgroups")) {
            Matcher m = GROUP_ROW.matcher(line);
            if (!m.matches()) {
                throw new UnexpectedOutputException("unrecognized beegfs-ctl --listmirrorgroups line '" + line + "'", text);
            }
            out.add(new BuddyGroup(type, id(m.group(1), text), id(m.group(2), text), id(m.group(3), text)));
        }
        return List.copyOf(out);
    }

    /** {@code beegfs-ctl --listnodes --nodetype=<type> --reachable}. */
    public static List<NodeStatus> nodes(String text, BeegfsNodeType type) {
        List<NodeStatus> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Matcher node = NODE_LINE.matcher(lines[i]);
            Matcher reach = i + 1 < lines.length ? REACHABLE_LINE.matcher(lines[i + 1]) : null;
            if (!node.matches() || reach == null || !reach.matches()) {
                throw new UnexpectedOutputException("unrecognized beegfs-ctl --listnodes output at '" + lines[i] + "'", text);
            }
            out.add(new NodeStatus(type, id(node.group(2), text), node.group(1).trim(), reach.group(1).equals("yes")));
            i++;
        }
        return List.copyOf(out);
    }

    /** {@code beegfs-df}: both sections, metadata then storage. */
    public static List<TargetSpace> df(String text) {
        List<TargetSpace> out = new ArrayList<>();
        BeegfsNodeType section = null;
        for (String line : text.split("\n")) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("TargetID") || t.startsWith("=")) {
                continue;
            }
            if (t.equals("METADATA SERVERS:")) {
                section = BeegfsNodeType.META;
                continue;
            }
            if (t.equals("STORAGE TARGETS:")) {
                section = BeegfsNodeType.STORAGE;
                continue;
            }
            Matcher m = DF_ROW.matcher(line);
            if (section == null || !m.matches()) {
                throw new UnexpectedOutputException("unrecognized beegfs-df line '" + line + "'", text);
            }
            out.add(new TargetSpace(section, id(m.group(1), text), bytes(m.group(3)), bytes(m.group(4))));
        }
        if (section == null) {
            throw new UnexpectedOutputException("beegfs-df printed neither METADATA SERVERS nor STORAGE TARGETS", text);
        }
        return List.copyOf(out);
    }

    /** {@code beegfs-ctl --resyncstats --nodetype=<type> --mirrorgroupid=<id>}; times in {@code zone}. */
    public static ResyncStats resyncStats(String text, BeegfsNodeType type, ZoneId zone) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = STAT_LINE.matcher(line.trim());
            if (!m.matches()) {
                throw new UnexpectedOutputException("unrecognized beegfs-ctl --resyncstats line '" + line + "'", text);
            }
            values.put(m.group(1).trim(), m.group(2).trim());
        }
        String state = values.get("Job state");
        if (state == null) {
            throw new UnexpectedOutputException("beegfs-ctl --resyncstats printed no job state", text);
        }
        long candidates;
        long synced;
        long errors;
        if (type == BeegfsNodeType.STORAGE) {
            candidates = count(values, "# of dir sync candidates", text) + count(values, "# of file sync candidates", text);
            synced = count(values, "# of synced dirs", text) + count(values, "# of synced files", text);
            errors = count(values, "# of dir sync errors", text) + count(values, "# of file sync errors", text);
        } else {
            candidates = count(values, "# of discovered dirs", text);
            synced = count(values, "# of synced dirs", text);
            errors = count(values, "# of dir sync errors", text) + count(values, "# of file sync errors", text);
        }
        return new ResyncStats(jobState(state, text), time(values.get("Job start time"), zone, text),
                time(values.get("Job end time"), zone, text), candidates, synced, errors);
    }

    /** The 7.x job state names of ModeResyncStats::jobStatusToStr. */
    static ResyncJobState jobState(String s, String text) {
        return switch (s) {
            case "Not started" -> ResyncJobState.NOT_STARTED;
            case "Running" -> ResyncJobState.RUNNING;
            case "Completed successfully" -> ResyncJobState.SUCCESS;
            case "Interrupted" -> ResyncJobState.INTERRUPTED;
            case "Failed" -> ResyncJobState.FAILURE;
            case "Completed with errors" -> ResyncJobState.COMPLETED_WITH_ERRORS;
            default -> throw new UnexpectedOutputException("unknown resync job state '" + s + "'", text);
        };
    }

    static Reachability reachability(String s) {
        return switch (s) {
            case "Online" -> Reachability.ONLINE;
            case "Probably-offline" -> Reachability.PROBABLY_OFFLINE;
            default -> Reachability.OFFLINE;
        };
    }

    static Consistency consistency(String s, String text) {
        return switch (s) {
            case "Good" -> Consistency.GOOD;
            case "Needs-resync" -> Consistency.NEEDS_RESYNC;
            case "Bad" -> Consistency.BAD;
            default -> throw new UnexpectedOutputException("unknown consistency state '" + s + "'", text);
        };
    }

    /** The lines below a table's header and its {@code ====} underline; none when the output is empty. */
    private static List<String> tableRows(String text, String firstColumn, String mode) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        if (lines.isEmpty()) {
            return List.of();
        }
        if (lines.size() < 2 || !lines.get(0).trim().startsWith(firstColumn) || !lines.get(1).trim().startsWith("=")) {
            throw new UnexpectedOutputException("beegfs-ctl --" + mode + " printed no '" + firstColumn + "' table header", text);
        }
        return lines.subList(2, lines.size());
    }

    private static int id(String digits, String text) {
        try {
            return BeegfsIds.parse("id", digits);
        } catch (IllegalArgumentException e) {
            throw new UnexpectedOutputException("id out of range: " + digits, text, e);
        }
    }

    private static long bytes(String gib) {
        return Math.round(Double.parseDouble(gib) * GIB);
    }

    private static long count(Map<String, String> values, String key, String text) {
        String v = values.get(key);
        if (v == null || !v.matches("\\d{1,18}")) {
            throw new UnexpectedOutputException("beegfs-ctl --resyncstats: missing or bad '" + key + "'", text);
        }
        return Long.parseLong(v);
    }

    private static Optional<Instant> time(String ctime, ZoneId zone, String text) {
        if (ctime == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(ctime.replaceAll("\\s+", " "), CTIME).atZone(zone).toInstant());
        } catch (DateTimeParseException e) {
            throw new UnexpectedOutputException("unreadable resync time '" + ctime + "'", text, e);
        }
    }
}
