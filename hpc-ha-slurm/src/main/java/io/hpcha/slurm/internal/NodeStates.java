package io.hpcha.slurm.internal;

import io.hpcha.NodeFlag;
import io.hpcha.NodeState;
import io.hpcha.UnexpectedOutputException;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Slurm's node state vocabulary mapped onto {@link NodeState} and {@link NodeFlag}: the base state,
 * the flags (by their JSON/scontrol names, {@code MAINTENANCE} for {@link NodeFlag#MAINT} included),
 * the one-character suffixes of the short forms ({@code idle*}, {@code idle~}), and the derived
 * {@link NodeFlag#DRAINING}/{@link NodeFlag#DRAINED}. Stateless.
 */
public final class NodeStates {
    private static final Map<String, NodeState> BASE = Map.ofEntries(
            Map.entry("IDLE", NodeState.IDLE),
            Map.entry("ALLOCATED", NodeState.ALLOCATED),
            Map.entry("ALLOC", NodeState.ALLOCATED),
            Map.entry("MIXED", NodeState.MIXED),
            Map.entry("MIX", NodeState.MIXED),
            Map.entry("DOWN", NodeState.DOWN),
            Map.entry("ERROR", NodeState.ERROR),
            Map.entry("FUTURE", NodeState.FUTURE),
            Map.entry("FUTR", NodeState.FUTURE),
            Map.entry("UNKNOWN", NodeState.UNKNOWN),
            Map.entry("UNK", NodeState.UNKNOWN));

    /** Slurm's names that differ from ours. */
    private static final Map<String, NodeFlag> ALIASES = Map.of(
            "MAINTENANCE", NodeFlag.MAINT,
            "NO_RESPOND", NodeFlag.NOT_RESPONDING,
            "RES", NodeFlag.RESERVED);

    /** Flags Slurm reports that are derived here, never taken from the backend. */
    private static final Set<NodeFlag> DERIVED = EnumSet.of(NodeFlag.DRAINING, NodeFlag.DRAINED);

    private NodeStates() {
    }

    /** A parsed state: base, known flags (derived ones added), unknown flags verbatim. */
    public record Parsed(NodeState state, Set<NodeFlag> flags, Set<String> otherFlags) {
    }

    /**
     * From a base state name and flag names, as the JSON outputs give them.
     *
     * @param context the whole output, for the exception's excerpt
     */
    public static Parsed of(String base, List<String> flagNames, String context) {
        NodeState state = baseState(base, context);
        Set<NodeFlag> flags = EnumSet.noneOf(NodeFlag.class);
        Set<String> other = new LinkedHashSet<>();
        for (String name : flagNames) {
            addFlag(name, flags, other);
        }
        return new Parsed(state, derive(state, flags), other);
    }

    /**
     * From a list whose first base-state name is the base and the rest flags, as Slurm 23.02+
     * writes {@code "state": ["IDLE", "DRAIN"]}.
     */
    public static Parsed ofList(List<String> names, String context) {
        NodeState state = null;
        Set<NodeFlag> flags = EnumSet.noneOf(NodeFlag.class);
        Set<String> other = new LinkedHashSet<>();
        for (String name : names) {
            NodeState candidate = state == null ? BASE.get(key(name)) : null;
            if (candidate != null) {
                state = candidate;
            } else {
                addFlag(name, flags, other);
            }
        }
        if (state == null) {
            throw new UnexpectedOutputException("node state without a base state: " + names, context);
        }
        return new Parsed(state, derive(state, flags), other);
    }

    /**
     * From scontrol's text ({@code IDLE+DRAIN}, {@code DOWN+NOT_RESPONDING}) or a short form with
     * suffix characters ({@code DOWN*}, {@code idle~}).
     */
    public static Parsed ofText(String text, String context) {
        String[] parts = text.trim().split("\\+");
        String first = parts[0];
        Set<String> suffixFlags = new LinkedHashSet<>();
        int end = first.length();
        while (end > 0 && suffixFlag(first.charAt(end - 1)).isPresent()) {
            suffixFlags.add(suffixFlag(first.charAt(end - 1)).get());
            end--;
        }
        List<String> flagNames = new java.util.ArrayList<>(List.of(parts).subList(1, parts.length));
        flagNames.addAll(suffixFlags);
        String base = first.substring(0, end);
        // older Slurm wrote a drained node's state as the drain state itself
        switch (key(base)) {
            case "DRAINED", "DRAIN" -> {
                base = "IDLE";
                flagNames.add("DRAIN");
            }
            case "DRAINING" -> {
                base = "ALLOCATED";
                flagNames.add("DRAIN");
            }
            default -> {
            }
        }
        return of(base, flagNames, context);
    }

    /** The suffix characters of sinfo's and older scontrol's short states. */
    static Optional<String> suffixFlag(char c) {
        return Optional.ofNullable(switch (c) {
            case '*' -> "NOT_RESPONDING";
            case '~' -> "POWERED_DOWN";
            case '#' -> "POWERING_UP";
            case '%' -> "POWERING_DOWN";
            case '!' -> "POWER_DOWN";
            case '$' -> "MAINTENANCE";
            case '@' -> "REBOOT_REQUESTED";
            case '^' -> "REBOOT_ISSUED";
            case '-' -> "PLANNED";
            default -> null;
        });
    }

    private static NodeState baseState(String base, String context) {
        NodeState state = BASE.get(key(base));
        if (state == null) {
            throw new UnexpectedOutputException("unknown Slurm node base state '" + base + "'", context);
        }
        return state;
    }

    private static void addFlag(String name, Set<NodeFlag> flags, Set<String> other) {
        String key = key(name);
        if (key.isEmpty()) {
            return;
        }
        NodeFlag flag = ALIASES.get(key);
        if (flag == null) {
            flag = NodeFlag.parse(key).orElse(null);
        }
        if (flag == null) {
            other.add(key);
        } else if (!DERIVED.contains(flag)) {
            flags.add(flag);
        }
    }

    /** Slurm's own rule: DRAIN with jobs on the node (allocated, mixed, completing) is draining. */
    private static Set<NodeFlag> derive(NodeState state, Set<NodeFlag> flags) {
        if (flags.contains(NodeFlag.DRAIN)) {
            boolean busy = state == NodeState.ALLOCATED || state == NodeState.MIXED
                    || flags.contains(NodeFlag.COMPLETING);
            flags.add(busy ? NodeFlag.DRAINING : NodeFlag.DRAINED);
        }
        return flags;
    }

    private static String key(String name) {
        return name.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }
}
