package io.hpcha.drbd;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of {@code drbdsetup events2}, as {@link DrbdEvents} received it.
 *
 * @param kind     {@code exists}, {@code create}, {@code change}, {@code destroy}, {@code call},
 *                 {@code response} or {@code rename}
 * @param object   {@code resource}, {@code device}, {@code connection}, {@code peer-device},
 *                 {@code path}, {@code helper}, or {@code -} for the line that ends the initial state
 * @param resource the resource it is about; empty for {@code exists -}
 * @param fields   its key/value pairs, keys with {@code -} separators ({@code may-promote})
 * @param line     the line as printed
 */
public record DrbdEvent(String kind, String object, Optional<String> resource, Map<String, String> fields, String line) {
    public DrbdEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(resource, "resource");
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        Objects.requireNonNull(line, "line");
    }

    /** Whether this is DRBD calling its {@code split-brain} or {@code initial-split-brain} handler. */
    public boolean isSplitBrain() {
        String helper = fields.getOrDefault("helper", "");
        return kind.equals("call") && object.equals("helper")
                && (helper.equals("split-brain") || helper.equals("initial-split-brain"));
    }
}
