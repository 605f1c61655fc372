package io.hpcha.drbd.internal;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of {@code drbdsetup events2}: {@code <kind> <object> key:value…}.
 *
 * @param kind   {@code exists}, {@code create}, {@code change}, {@code destroy}, {@code call},
 *               {@code response} or {@code rename}
 * @param object {@code resource}, {@code device}, {@code connection}, {@code peer-device},
 *               {@code path}, {@code helper}, or {@code -} (the initial state has been listed)
 * @param fields the key/value pairs in order, keys in {@linkplain Keys canonical form}, values as
 *               printed (for {@code --diff} output, the new value)
 * @param line   the line as printed, for diagnostics
 */
public record Events2Record(String kind, String object, Map<String, String> fields, String line) {
    public Events2Record {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(object, "object");
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        Objects.requireNonNull(line, "line");
    }

    /** The value of {@code key} (either separator). */
    public Optional<String> field(String key) {
        return Optional.ofNullable(fields.get(Keys.canonical(key)));
    }

    /** Whether this is the {@code exists -} line that ends the initial state. */
    public boolean endsInitialState() {
        return kind.equals("exists") && object.equals("-");
    }
}
