package io.hpcha;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a node was taken out of service, as the scheduler records it.
 *
 * @param text  the reason text, never blank
 * @param setBy who set it (a user name), when known
 * @param since when it was set, when known
 */
public record NodeReason(String text, Optional<String> setBy, Optional<Instant> since) {
    public NodeReason {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(setBy, "setBy");
        Objects.requireNonNull(since, "since");
        if (text.isBlank()) {
            throw new IllegalArgumentException("reason text is blank");
        }
    }

    /** A reason with only its text. */
    public static NodeReason of(String text) {
        return new NodeReason(text, Optional.empty(), Optional.empty());
    }
}
