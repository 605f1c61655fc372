package io.hpcha.drbd.internal;

import java.util.Objects;

/**
 * One read of a resource: what was parsed and the text it was parsed from.
 *
 * @param resource the parsed state
 * @param raw      the tools' output, for diagnostics
 * @param source   which source answered ({@code "drbdsetup status --json"}, {@code "/proc/drbd"}, …)
 */
public record Observation(DrbdResource resource, String raw, String source) {
    public Observation {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(source, "source");
    }
}
