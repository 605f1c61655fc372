package io.hpcha.beegfs;

import java.util.Objects;
import java.util.Optional;

/**
 * One storage or metadata target as the management service sees it.
 *
 * @param type         {@link BeegfsNodeType#STORAGE} or {@link BeegfsNodeType#META}
 * @param id           the target's numeric id (for metadata, the node id)
 * @param node         the node serving it, as the CLI names it ({@code "node01 [ID: 1]"}, an alias); may be empty
 * @param reachability whether management reaches it
 * @param consistency  the state of its data
 * @param resyncing    whether a resync onto it is running (known only where the CLI says so)
 * @param totalBytes   capacity, where the command reported it
 * @param freeBytes    free space, where the command reported it
 */
public record TargetState(BeegfsNodeType type, int id, String node, Reachability reachability, Consistency consistency,
                          boolean resyncing, Optional<Long> totalBytes, Optional<Long> freeBytes) {
    public TargetState {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(reachability, "reachability");
        Objects.requireNonNull(consistency, "consistency");
        Objects.requireNonNull(totalBytes, "totalBytes");
        Objects.requireNonNull(freeBytes, "freeBytes");
        if (type == BeegfsNodeType.MANAGEMENT) {
            throw new IllegalArgumentException("the management service has no targets");
        }
        if (id < 1 || id > 65535) {
            throw new IllegalArgumentException("target id out of 1-65535: " + id);
        }
    }

    /** A stable subject name for probes: {@code "storage-target:101"}, {@code "meta-target:1"}. */
    public String subject() {
        return type.cliName() + "-target:" + id;
    }

    /** This state with space figures added. */
    public TargetState withSpace(long total, long free) {
        return new TargetState(type, id, node, reachability, consistency, resyncing, Optional.of(total), Optional.of(free));
    }
}
