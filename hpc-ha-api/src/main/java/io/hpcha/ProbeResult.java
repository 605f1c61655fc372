package io.hpcha;

import java.time.Instant;
import java.util.Objects;

/**
 * One observation of one subject by one probe.
 *
 * @param probe      the {@linkplain HealthProbe#name() name} of the probe that made it
 * @param subject    what was observed: a node name, an instance id, a target id
 * @param health     the conclusion
 * @param detail     why, in words an operator understands ({@code "DOWN+NOT_RESPONDING: Not responding"}); may be empty
 * @param observedAt when the backend was asked
 */
public record ProbeResult(String probe, String subject, Health health, String detail, Instant observedAt) {
    public ProbeResult {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(observedAt, "observedAt");
        if (probe.isBlank()) {
            throw new IllegalArgumentException("probe name is blank");
        }
        if (subject.isBlank()) {
            throw new IllegalArgumentException("subject is blank");
        }
    }
}
