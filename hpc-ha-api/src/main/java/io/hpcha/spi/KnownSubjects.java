package io.hpcha.spi;

import io.hpcha.BackendUnavailableException;
import io.hpcha.Health;
import io.hpcha.ProbeResult;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The memory a probe with one result per subject needs for the moment its backend cannot be asked: it
 * reports every subject it last saw as {@link Health#UNKNOWN}, never UNHEALTHY, so an unreachable
 * controller or management service does not look like a cluster whose every node failed. Before the
 * first successful probe there is nothing to report, and the outage itself is thrown. Thread-safe.
 */
public final class KnownSubjects {
    private final AtomicReference<List<String>> lastSeen = new AtomicReference<>(List.of());

    /** Remembers the subjects of a successful probe; returns its results as an immutable list. */
    public List<ProbeResult> remember(List<ProbeResult> results) {
        List<ProbeResult> copy = List.copyOf(results);
        lastSeen.set(copy.stream().map(ProbeResult::subject).toList());
        return copy;
    }

    /**
     * One UNKNOWN result per subject last seen, detailed as {@code what + ": " + cause's message}.
     *
     * @throws BackendUnavailableException {@code cause}, when no subject has been seen yet
     */
    public List<ProbeResult> unknown(String probe, Instant at, String what, BackendUnavailableException cause) {
        List<String> known = lastSeen.get();
        if (known.isEmpty()) {
            throw cause;
        }
        String detail = what + ": " + cause.getMessage();
        return known.stream().map(s -> new ProbeResult(probe, s, Health.UNKNOWN, detail, at)).toList();
    }
}
