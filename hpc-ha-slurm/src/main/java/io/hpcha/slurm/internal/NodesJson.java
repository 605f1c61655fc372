package io.hpcha.slurm.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hpcha.NodeId;
import io.hpcha.NodeReason;
import io.hpcha.SchedulerNode;
import io.hpcha.UnexpectedOutputException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the node list of {@code sinfo --json} (Slurm 21.08/22.05: {@code "state": "idle"} plus
 * {@code "state_flags"}, timestamps as numbers, the version under {@code meta.Slurm}) and of
 * {@code scontrol show nodes --json} (23.02+: {@code "state": ["IDLE", "DRAIN"]}; from 23.11
 * timestamps as {@code {set, infinite, number}} and the version under {@code meta.slurm}). Each
 * field is read by its shape, so one reader serves every version.
 *
 * <p>Streams the document and keeps only the fields a {@link SchedulerNode} needs, so that a
 * 10,000-node answer parses in milliseconds. Stateless and thread-safe.
 */
public final class NodesJson {
    private static final JsonFactory JSON = new JsonFactory();

    private NodesJson() {
    }

    /**
     * What the document said.
     *
     * @param nodes   the nodes, in the order given
     * @param errors  the {@code errors} entries, as text; non-empty means the answer is not to be trusted
     * @param release the Slurm release named in {@code meta}, if any
     */
    public record Result(List<SchedulerNode> nodes, List<String> errors, Optional<String> release) {
    }

    /**
     * Parses one document.
     *
     * @throws UnexpectedOutputException when it is not JSON, has no {@code nodes} array, or a node
     *                                   lacks a name or state
     */
    public static Result parse(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new UnexpectedOutputException("Slurm node JSON is not an object", json);
            }
            List<SchedulerNode> nodes = null;
            List<String> errors = List.of();
            Optional<String> release = Optional.empty();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "nodes" -> nodes = nodes(p, value, json);
                    case "errors" -> errors = errors(p, value);
                    case "meta" -> release = release(p, value);
                    default -> p.skipChildren();
                }
            }
            if (nodes == null) {
                if (!errors.isEmpty()) {
                    return new Result(List.of(), List.copyOf(errors), release);
                }
                throw new UnexpectedOutputException("Slurm node JSON has no \"nodes\" array", json);
            }
            return new Result(List.copyOf(nodes), List.copyOf(errors), release);
        } catch (IOException e) {
            throw new UnexpectedOutputException("Slurm node JSON does not parse: " + e.getMessage(), json, e);
        }
    }

    private static List<SchedulerNode> nodes(JsonParser p, JsonToken value, String json) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw new UnexpectedOutputException("\"nodes\" is not an array", json);
        }
        List<SchedulerNode> nodes = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            nodes.add(node(p, json));
        }
        return nodes;
    }

    private static SchedulerNode node(JsonParser p, String json) throws IOException {
        String name = null;
        String stateText = null;
        List<String> stateList = null;
        List<String> flags = List.of();
        String reason = null;
        String reasonBy = null;
        long reasonAt = 0;
        String address = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "name" -> name = text(p, value);
                case "state" -> {
                    if (value == JsonToken.START_ARRAY) {
                        stateList = strings(p);
                    } else {
                        stateText = text(p, value);
                    }
                }
                case "state_flags" -> flags = value == JsonToken.START_ARRAY ? strings(p) : skip(p);
                case "reason" -> reason = text(p, value);
                case "reason_set_by_user" -> reasonBy = text(p, value);
                case "reason_changed_at" -> reasonAt = timestamp(p, value);
                case "address" -> address = text(p, value);
                default -> p.skipChildren();
            }
        }
        if (name == null || (stateText == null && stateList == null)) {
            throw new UnexpectedOutputException("a node without name or state (node " + name + ")", json);
        }
        String context = "node " + name + " state " + (stateList != null ? stateList : stateText + " " + flags);
        NodeStates.Parsed state;
        String raw;
        if (stateList != null) {
            state = NodeStates.ofList(stateList, context);
            raw = String.join("+", stateList);
        } else {
            state = NodeStates.of(stateText, flags, context);
            raw = flags.isEmpty() ? stateText : stateText + "+" + String.join("+", flags);
        }
        return new SchedulerNode(nodeId(name, context), state.state(), state.flags(), state.otherFlags(),
                reason(reason, reasonBy, reasonAt), nonBlank(address), raw);
    }

    static NodeId nodeId(String name, String context) {
        try {
            return NodeId.of(name);
        } catch (IllegalArgumentException e) {
            throw new UnexpectedOutputException("Slurm node name outside the supported characters", context, e);
        }
    }

    static Optional<NodeReason> reason(String text, String by, long epochSeconds) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new NodeReason(text, nonBlank(by),
                epochSeconds > 0 ? Optional.of(Instant.ofEpochSecond(epochSeconds)) : Optional.empty()));
    }

    static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    /** A number, or Slurm's {@code {set, infinite, number}}; 0 when unset or infinite. */
    private static long timestamp(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return 0;
        }
        boolean set = true;
        boolean infinite = false;
        long number = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "set" -> set = v == JsonToken.VALUE_TRUE;
                case "infinite" -> infinite = v == JsonToken.VALUE_TRUE;
                case "number" -> number = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : 0;
                default -> p.skipChildren();
            }
        }
        return set && !infinite ? number : 0;
    }

    private static String text(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value.isScalarValue()) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    private static List<String> strings(JsonParser p) throws IOException {
        List<String> out = new ArrayList<>(4);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t.isScalarValue() && t != JsonToken.VALUE_NULL) {
                out.add(p.getText());
            } else {
                p.skipChildren();
            }
        }
        return out;
    }

    private static List<String> skip(JsonParser p) throws IOException {
        p.skipChildren();
        return List.of();
    }

    /** Each entry as text: 23.x's {@code description}, else 22.05's {@code error} and errno. */
    private static List<String> errors(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        List<String> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.START_OBJECT) {
                String description = null;
                String error = null;
                String number = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    switch (field) {
                        case "description" -> description = text(p, v);
                        case "error" -> error = text(p, v);
                        case "errno", "error_number" -> number = text(p, v);
                        default -> p.skipChildren();
                    }
                }
                String shown = description != null && !description.isBlank() ? description
                        : (error == null ? "error" : error);
                out.add(number == null ? shown : shown + " (errno " + number + ")");
            } else {
                out.add(t.isScalarValue() ? p.getText() : "error");
                p.skipChildren();
            }
        }
        return out;
    }

    /** {@code meta.Slurm.release} (22.05, 23.02) or {@code meta.slurm.release} (23.11+). */
    private static Optional<String> release(JsonParser p, JsonToken value) throws IOException {
        Optional<String> release = Optional.empty();
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return release;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if ((field.equals("Slurm") || field.equals("slurm")) && v == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String inner = p.currentName();
                    JsonToken iv = p.nextToken();
                    if (inner.equals("release")) {
                        release = nonBlank(text(p, iv));
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        return release;
    }
}
