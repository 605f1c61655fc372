package io.hpcha;

import java.util.Objects;

/**
 * One configured scheduler controller and whether it answers. After a takeover Slurm reports the
 * (configured) primary DOWN and the backup UP: the role is the configured one, not who is in charge.
 *
 * @param host       the controller's host name
 * @param role       its configured role
 * @param index      its position in the configuration, 0 for the primary
 * @param responding whether it answered
 */
public record ControllerStatus(String host, ControllerRole role, int index, boolean responding) {
    public ControllerStatus {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(role, "role");
        if (host.isBlank()) {
            throw new IllegalArgumentException("controller host is blank");
        }
        if (index < 0) {
            throw new IllegalArgumentException("negative controller index " + index);
        }
        if ((index == 0) != (role == ControllerRole.PRIMARY)) {
            throw new IllegalArgumentException("controller #" + index + " cannot have role " + role);
        }
    }
}
