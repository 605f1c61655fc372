package io.hpcha;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of a node as the cluster knows it: a Slurm node name, a controller's host name, a
 * DRBD peer. Validated so that it is always safe to put in a command's argument vector and never
 * mistaken for an option ({@code -x}), a list ({@code a,b}) or a Slurm keyword expression.
 *
 * @param value 1 to 253 characters: letters, digits, {@code .}, {@code _}, {@code -}; starts with a
 *              letter or digit
 */
public record NodeId(String value) implements Comparable<NodeId> {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    public NodeId {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid node id '" + value
                    + "': expected 1-253 of [A-Za-z0-9._-] starting with a letter or digit");
        }
    }

    /** Shorthand for {@code new NodeId(value)}. */
    public static NodeId of(String value) {
        return new NodeId(value);
    }

    @Override
    public int compareTo(NodeId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
