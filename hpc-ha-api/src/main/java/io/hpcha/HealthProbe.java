package io.hpcha;

import java.util.List;

/**
 * Observes the health of a set of subjects (nodes, instances, targets, controllers).
 *
 * <p>Contract: {@link #probe()} returns one result per subject it knows of, subjects unique, each
 * result's {@code probe} equal to {@link #name()}. When the source of truth cannot be reached the probe
 * either throws {@link BackendUnavailableException} or returns results with {@link Health#UNKNOWN};
 * it never reports subjects UNHEALTHY because it could not ask about them.
 *
 * <p>Implementations are thread-safe; a call has no side effects on the observed system.
 */
public interface HealthProbe {
    /** A stable name for this probe, used in results, logs and metrics ({@code "slurm-nodes"}). */
    String name();

    /** Observes now. The list is immutable. */
    List<ProbeResult> probe();
}
