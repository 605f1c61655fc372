package io.hpcha;

import java.util.Locale;
import java.util.Optional;

/**
 * A modifier of a scheduler node's base state, in Slurm's vocabulary. Slurm reports
 * {@link #DRAIN}; {@link #DRAINING} (drain with jobs still running) and {@link #DRAINED} (drain,
 * idle) are derived by the backend so that policies need not. Flags a newer scheduler adds and this
 * enum lacks are kept as text in {@link SchedulerNode#otherFlags()}.
 */
public enum NodeFlag {
    NOT_RESPONDING, DRAIN, DRAINING, DRAINED, COMPLETING, FAIL, MAINT, RESERVED, PLANNED,
    POWER_DOWN, POWERED_DOWN, POWERING_UP, POWERING_DOWN, POWER_DRAIN, CLOUD,
    REBOOT_REQUESTED, REBOOT_ISSUED, INVALID_REG, DYNAMIC_FUTURE, DYNAMIC_NORM, BLOCKED, RESUME, UNDRAIN;

    /**
     * The flag for a backend name, tolerant of case and of {@code -}/{@code _}/space separators
     * ({@code "NOT_RESPONDING"}, {@code "not-responding"}); empty when unknown.
     */
    public static Optional<NodeFlag> parse(String text) {
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (NodeFlag f : values()) {
            if (f.name().equals(key)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
