package io.hpcha.beegfs;

import java.util.Objects;

/**
 * Capacity and free space of one target, from {@code beegfs-df} (7.x) or
 * {@code beegfs target list --capacity} (8.x).
 *
 * @param type       {@link BeegfsNodeType#STORAGE} or {@link BeegfsNodeType#META}
 * @param id         the target id
 * @param totalBytes capacity
 * @param freeBytes  free space
 */
public record TargetSpace(BeegfsNodeType type, int id, long totalBytes, long freeBytes) {
    public TargetSpace {
        Objects.requireNonNull(type, "type");
        if (totalBytes < 0 || freeBytes < 0) {
            throw new IllegalArgumentException("negative space for target " + id);
        }
    }

    /** Free space in percent of capacity; 0 for a target that reports no capacity. */
    public double freePercent() {
        return totalBytes == 0 ? 0 : 100.0 * freeBytes / totalBytes;
    }

    /** The same subject name as {@link TargetState#subject()}. */
    public String subject() {
        return type.cliName() + "-target:" + id;
    }
}
