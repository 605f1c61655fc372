package io.hpcha.aws;

import io.hpcha.UnexpectedOutputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The route tables of an overlay address do not agree on who holds it: tables that point at
 * different network interfaces, a table without the route while others have it, a blackhole route
 * (its interface is gone), or a route to something that is not one of the configured nodes. Reported,
 * never guessed away: a policy decides what to do with a split brain, not this class.
 *
 * <p>{@link #targets()} tells which table points where.
 */
public class InconsistentRoutesException extends UnexpectedOutputException {
    private static final long serialVersionUID = 1L;

    private final Map<String, String> targets;

    public InconsistentRoutesException(String message, Map<String, String> targets) {
        super(message, describe(targets));
        this.targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    }

    /** Route table id → what its route points at, in words ({@code "eni-0a1… (ctl1), active"}, {@code "no route"}). */
    public Map<String, String> targets() {
        return targets;
    }

    static String describe(Map<String, String> targets) {
        return targets.entrySet().stream().map(e -> e.getKey() + " -> " + e.getValue())
                .collect(Collectors.joining("; "));
    }
}
