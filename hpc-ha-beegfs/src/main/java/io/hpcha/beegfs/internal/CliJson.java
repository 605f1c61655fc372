package io.hpcha.beegfs.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.beegfs.BeegfsNodeType;
import io.hpcha.beegfs.BuddyGroup;
import io.hpcha.beegfs.Consistency;
import io.hpcha.beegfs.NodeStatus;
import io.hpcha.beegfs.Reachability;
import io.hpcha.beegfs.ResyncJobState;
import io.hpcha.beegfs.ResyncStats;
import io.hpcha.beegfs.TargetState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the BeeGFS 8.x {@code beegfs} tool. Lists are read from {@code --output ndjson}, whose
 * keys are the tool's column names with spaces turned into underscores ({@code on_node},
 * {@code primary_target}); ids are serialized as {@code {"num_id":101,"node_type":3}} objects
 * (node type 2 = meta, 3 = storage, 4 = management) or printed as {@code "s:101"}. Every line must be
 * a JSON object (or an array of them, as older 8.x releases print one page per line) carrying the
 * keys used here; anything else is an {@link UnexpectedOutputException}. Stateless.
 */
public final class CliJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LEGACY_ID = Pattern.compile("(s|m|mg|storage|meta|management):(\\d+)");
    private static final Pattern STAT_LINE = Pattern.compile("([^:]+): (.*)");

    private CliJson() {
    }

    /** {@code beegfs target list --node-type=<type> --state --capacity --raw --output ndjson}. */
    public static List<TargetState> targets(String text, BeegfsNodeType type) {
        return rows(text, "beegfs target list", row -> {
            int id = id(row, "id", type, text);
            Optional<Long> total = bytes(row, "space", text);
            Optional<Long> free = bytes(row, "sfree", text);
            return new TargetState(type, id, textOf(row, "on_node", ""), reachability(string(row, "reachability", text), text),
                    consistency(string(row, "consistency", text), text), false, total, free);
        });
    }

    /** {@code beegfs mirror list --node-type=<type> --output ndjson}. */
    public static List<BuddyGroup> buddyGroups(String text, BeegfsNodeType type) {
        return rows(text, "beegfs mirror list", row -> new BuddyGroup(type, id(row, "id", type, text),
                id(row, "primary_target", type, text), id(row, "secondary_target", type, text)));
    }

    /** {@code beegfs node list --node-type=<type> --reachability-check --output ndjson}. */
    public static List<NodeStatus> nodes(String text, BeegfsNodeType type) {
        return rows(text, "beegfs node list", row -> {
            String reachable = string(row, "reachable", text);
            boolean any = false;
            for (String nic : reachable.split("\n")) {
                String v = nic.trim();
                if (!v.equals("yes") && !v.equals("no") && !v.equals("?")) {
                    throw new UnexpectedOutputException("unknown reachability '" + v + "' in beegfs node list", text);
                }
                any |= v.equals("yes");
            }
            return new NodeStatus(type, id(row, "id", type, text), textOf(row, "alias", ""), any);
        });
    }

    /** {@code beegfs mirror resync stats <type>:<group>} (plain text: the tool prints no JSON for it). */
    public static ResyncStats resyncStats(String text, BeegfsNodeType type) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            String t = line.trim();
            if (t.isEmpty() || t.chars().allMatch(c -> c == '-')) {
                continue;
            }
            Matcher m = STAT_LINE.matcher(t);
            if (m.matches()) {
                values.put(m.group(1).trim(), m.group(2).trim());
            } else if (!t.matches("[A-Za-z ]+")) { // section titles such as "Sync Results"
                throw new UnexpectedOutputException("unrecognized beegfs mirror resync stats line '" + line + "'", text);
            }
        }
        String state = values.get("Job State");
        if (state == null) {
            throw new UnexpectedOutputException("beegfs mirror resync stats printed no job state", text);
        }
        long candidates;
        long synced;
        long errors = count(values, "File Errors", text) + count(values, "Directory Errors", text);
        if (type == BeegfsNodeType.STORAGE) {
            candidates = count(values, "Files Matched", text) + count(values, "Directories Matched", text);
            synced = count(values, "Files Synced", text) + count(values, "Directories Synced", text);
        } else {
            candidates = count(values, "Directories Discovered", text);
            synced = count(values, "Directories Synced", text);
        }
        return new ResyncStats(jobState(state, text), time(values.get("Start Time"), text), time(values.get("End Time"), text),
                candidates, synced, errors);
    }

    /** Job state names, accepting the 7.x spellings and the 8.x ones in any case and with any separators. */
    static ResyncJobState jobState(String s, String text) {
        String k = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return switch (k) {
            case "notstarted" -> ResyncJobState.NOT_STARTED;
            case "running" -> ResyncJobState.RUNNING;
            case "success", "completedsuccessfully" -> ResyncJobState.SUCCESS;
            case "interrupted" -> ResyncJobState.INTERRUPTED;
            case "failure", "failed" -> ResyncJobState.FAILURE;
            case "errors", "completedwitherrors" -> ResyncJobState.COMPLETED_WITH_ERRORS;
            default -> throw new UnexpectedOutputException("unknown resync job state '" + s + "'", text);
        };
    }

    static Reachability reachability(String s, String text) {
        return switch (s.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "")) {
            case "online" -> Reachability.ONLINE;
            case "probablyoffline", "poffline" -> Reachability.PROBABLY_OFFLINE;
            case "offline" -> Reachability.OFFLINE;
            default -> throw new UnexpectedOutputException("unknown reachability state '" + s + "'", text);
        };
    }

    static Consistency consistency(String s, String text) {
        return switch (s.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "")) {
            case "good" -> Consistency.GOOD;
            case "needsresync" -> Consistency.NEEDS_RESYNC;
            case "bad" -> Consistency.BAD;
            default -> throw new UnexpectedOutputException("unknown consistency state '" + s + "'", text);
        };
    }

    private static <T> List<T> rows(String text, String what, Function<JsonNode, T> parse) {
        List<T> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new UnexpectedOutputException(what + " printed a line that is not JSON", text, e);
            }
            if (node != null && node.isArray()) {
                for (JsonNode element : node) {
                    out.add(parse.apply(object(element, what, text)));
                }
            } else {
                out.add(parse.apply(object(node, what, text)));
            }
        }
        return List.copyOf(out);
    }

    private static JsonNode object(JsonNode node, String what, String text) {
        if (node == null || !node.isObject()) {
            throw new UnexpectedOutputException(what + " printed a JSON value that is not an object", text);
        }
        return node;
    }

    /** An id given as {@code {"num_id":N,"node_type":T}}, as {@code "s:N"} / {@code "storage:N"}, or as a number. */
    private static int id(JsonNode row, String key, BeegfsNodeType expected, String text) {
        JsonNode v = row.get(key);
        if (v == null) {
            throw new UnexpectedOutputException("no '" + key + "' in " + row, text);
        }
        if (v.isObject() && v.has("num_id")) {
            JsonNode nodeType = v.get("node_type");
            if (nodeType != null && !matches(nodeType, expected)) {
                throw new UnexpectedOutputException("'" + key + "' is of node type " + nodeType + ", expected " + expected.cliName(), text);
            }
            return checked(v.get("num_id").asText(), key, text);
        }
        if (v.isIntegralNumber()) {
            return checked(v.asText(), key, text);
        }
        if (v.isTextual()) {
            Matcher m = LEGACY_ID.matcher(v.asText().trim());
            if (m.matches()) {
                if (!m.group(1).equals(expected.cliName()) && !m.group(1).equals(shortName(expected))) {
                    throw new UnexpectedOutputException("'" + key + "' is " + v.asText() + ", expected a " + expected.cliName() + " id", text);
                }
                return checked(m.group(2), key, text);
            }
        }
        throw new UnexpectedOutputException("unreadable '" + key + "': " + v, text);
    }

    private static boolean matches(JsonNode nodeType, BeegfsNodeType expected) {
        if (nodeType.isIntegralNumber()) {
            int code = switch (expected) {
                case META -> 2;
                case STORAGE -> 3;
                case MANAGEMENT -> 4;
            };
            return nodeType.asInt() == code;
        }
        return nodeType.asText().equalsIgnoreCase(expected.cliName());
    }

    private static String shortName(BeegfsNodeType t) {
        return switch (t) {
            case META -> "m";
            case STORAGE -> "s";
            case MANAGEMENT -> "mg";
        };
    }

    private static int checked(String digits, String key, String text) {
        try {
            return BeegfsIds.parse(key, digits);
        } catch (IllegalArgumentException e) {
            throw new UnexpectedOutputException("'" + key + "' out of range: " + digits, text, e);
        }
    }

    private static String string(JsonNode row, String key, String text) {
        JsonNode v = row.get(key);
        if (v == null || v.isNull() || v.isContainerNode()) {
            throw new UnexpectedOutputException("no text '" + key + "' in " + row, text);
        }
        return v.asText();
    }

    private static String textOf(JsonNode row, String key, String fallback) {
        JsonNode v = row.get(key);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    /** A byte count printed by {@code --raw} (digits, as a string or a number), or {@code "-"} when unknown. */
    private static Optional<Long> bytes(JsonNode row, String key, String text) {
        JsonNode v = row.get(key);
        if (v == null || v.isNull() || v.asText().equals("-")) {
            return Optional.empty();
        }
        String s = v.asText().trim();
        if (!s.matches("\\d{1,19}")) {
            throw new UnexpectedOutputException("'" + key + "' is not a byte count (was --raw given?): " + v, text);
        }
        return Optional.of(Long.parseLong(s));
    }

    private static long count(Map<String, String> values, String key, String text) {
        String v = values.get(key);
        if (v == null || !v.matches("\\d{1,18}")) {
            throw new UnexpectedOutputException("beegfs mirror resync stats: missing or bad '" + key + "'", text);
        }
        return Long.parseLong(v);
    }

    /** RFC 3339; the Unix epoch stands for "not set" (the tool formats a zero timestamp). */
    private static Optional<Instant> time(String s, String text) {
        if (s == null) {
            return Optional.empty();
        }
        try {
            Instant t = OffsetDateTime.parse(s).toInstant();
            return t.getEpochSecond() == 0 ? Optional.empty() : Optional.of(t);
        } catch (DateTimeParseException e) {
            throw new UnexpectedOutputException("unreadable resync time '" + s + "'", text, e);
        }
    }
}
