package io.hpcha.drbd.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One device block of DRBD 8.4's {@code /proc/drbd}.
 *
 * @param minor          the device minor
 * @param cstate         {@code cs:}, the connection state ({@code Unconfigured} for an idle minor)
 * @param roles          {@code ro:} local/peer, empty for an unconfigured minor
 * @param diskStates     {@code ds:} local/peer, empty for an unconfigured minor
 * @param flags          the I/O state flags ({@code r-----}); the first is {@code s} while I/O is suspended
 * @param outOfSyncKib   {@code oos:}, when the statistics line is there
 * @param syncPercent    {@code sync'ed:} of a running resync
 * @param finish         {@code finish:}, the kernel's estimate of the time left
 */
public record ProcDrbdMinor(int minor, String cstate, String roles, String diskStates, String flags,
                            OptionalLong outOfSyncKib, OptionalDouble syncPercent, Optional<Duration> finish) {
    public ProcDrbdMinor {
        Objects.requireNonNull(cstate, "cstate");
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(diskStates, "diskStates");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(outOfSyncKib, "outOfSyncKib");
        Objects.requireNonNull(syncPercent, "syncPercent");
        Objects.requireNonNull(finish, "finish");
    }

    /** Whether I/O is suspended ({@code s} as the first flag). */
    public boolean suspended() {
        return flags.startsWith("s");
    }
}
