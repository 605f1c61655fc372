package io.hpcha.beegfs;

import java.util.Objects;

/**
 * One BeeGFS server (management, metadata or storage service) and whether it answered a
 * reachability check from the observing host.
 *
 * @param type      the service kind
 * @param id        its numeric node id
 * @param name      its node name or alias
 * @param reachable whether it answered
 */
public record NodeStatus(BeegfsNodeType type, int id, String name, boolean reachable) {
    public NodeStatus {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        if (id < 1) {
            throw new IllegalArgumentException("node id must be positive: " + id);
        }
    }

    /** A stable subject name for probes: {@code "storage:2"}, {@code "management:1"}. */
    public String subject() {
        return type.cliName() + ":" + id;
    }
}
