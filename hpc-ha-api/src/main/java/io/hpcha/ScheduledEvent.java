package io.hpcha;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Maintenance the provider scheduled for an instance (EC2's {@code instance-reboot},
 * {@code system-reboot}, {@code system-maintenance}, {@code instance-retirement},
 * {@code instance-stop}).
 *
 * @param kind        the kind of event
 * @param code        the provider's own code
 * @param description the provider's description; may be empty
 * @param notBefore   the earliest time it happens
 * @param notAfter    the latest time, when the provider gives one
 */
public record ScheduledEvent(Kind kind, String code, String description, Instant notBefore,
                             Optional<Instant> notAfter) {
    /** What the event will do to the instance. */
    public enum Kind { REBOOT, RETIREMENT, MAINTENANCE, STOP, OTHER }

    public ScheduledEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
    }
}
