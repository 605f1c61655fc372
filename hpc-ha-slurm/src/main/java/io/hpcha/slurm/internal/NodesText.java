package io.hpcha.slurm.internal;

import io.hpcha.SchedulerNode;
import io.hpcha.UnexpectedOutputException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code scontrol show node -o}: one line per node of {@code Key=Value} pairs. Values may hold
 * spaces ({@code OS=Linux 6.1 #1 SMP}); {@code Reason=} runs to the end of the line and ends with
 * {@code [user@2026-11-23T06:37:44]} in the controller's local time; {@code NextState=} is a different
 * key from {@code State=}. Stateless and thread-safe.
 */
public final class NodesText {
    private static final Pattern KEY = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)=(.*)");
    private static final Pattern REASON = Pattern.compile(
            "(.*?)\\s*\\[([^\\]@]*)@(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\]\\s*");
    private static final String REASON_KEY = " Reason=";

    private NodesText() {
    }

    /**
     * Parses the whole output.
     *
     * @param zone the time zone the controller prints reason times in
     */
    public static List<SchedulerNode> parse(String output, ZoneId zone) {
        List<SchedulerNode> nodes = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank() || line.trim().equals("No nodes in the system")) {
                continue;
            }
            if (!line.startsWith("NodeName=")) {
                throw new UnexpectedOutputException("scontrol show node line does not start with NodeName=", output);
            }
            nodes.add(node(line, zone, output));
        }
        return List.copyOf(nodes);
    }

    private static SchedulerNode node(String line, ZoneId zone, String output) {
        String reasonText = null;
        int reasonAt = line.indexOf(REASON_KEY);
        String pairs = line;
        if (reasonAt >= 0) {
            reasonText = line.substring(reasonAt + REASON_KEY.length()).trim();
            pairs = line.substring(0, reasonAt);
        }
        Map<String, String> fields = fields(pairs);
        String name = fields.get("NodeName");
        String state = fields.get("State");
        if (name == null || state == null || state.isEmpty()) {
            throw new UnexpectedOutputException("scontrol show node line without NodeName or State", line);
        }
        NodeStates.Parsed parsed = NodeStates.ofText(state, line);
        return new SchedulerNode(NodesJson.nodeId(name, line), parsed.state(), parsed.flags(), parsed.otherFlags(),
                reason(reasonText, zone, line), address(fields.get("NodeAddr")), state);
    }

    /** Splits at tokens that start a new {@code Key=}; other tokens continue the current value. */
    static Map<String, String> fields(String pairs) {
        Map<String, String> fields = new HashMap<>();
        String key = null;
        StringBuilder value = new StringBuilder();
        for (String token : pairs.trim().split("\\s+")) {
            Matcher m = KEY.matcher(token);
            if (m.matches()) {
                if (key != null) {
                    fields.putIfAbsent(key, value.toString());
                }
                key = m.group(1);
                value.setLength(0);
                value.append(m.group(2));
            } else if (key != null) {
                value.append(' ').append(token);
            }
        }
        if (key != null) {
            fields.putIfAbsent(key, value.toString());
        }
        return fields;
    }

    private static Optional<io.hpcha.NodeReason> reason(String text, ZoneId zone, String line) {
        if (text == null || text.isEmpty() || text.equals("(null)")) {
            return Optional.empty();
        }
        Matcher m = REASON.matcher(text);
        if (!m.matches()) {
            return Optional.of(io.hpcha.NodeReason.of(text));
        }
        try {
            long epoch = LocalDateTime.parse(m.group(3)).atZone(zone).toEpochSecond();
            String body = m.group(1).isEmpty() ? text : m.group(1);
            return NodesJson.reason(body, m.group(2), epoch);
        } catch (DateTimeParseException e) {
            throw new UnexpectedOutputException("unreadable reason time '" + m.group(3) + "'", line, e);
        }
    }

    private static Optional<String> address(String nodeAddr) {
        if (nodeAddr == null || nodeAddr.isEmpty() || nodeAddr.equals("(null)")) {
            return Optional.empty();
        }
        return Optional.of(nodeAddr);
    }
}
