package io.hpcha.beegfs;

import java.util.Objects;

/**
 * A buddy-mirror group: two targets that mirror each other, one of them primary.
 *
 * @param type      {@link BeegfsNodeType#STORAGE} or {@link BeegfsNodeType#META}
 * @param id        the group's numeric id
 * @param primary   the primary target's id (the metadata node id for meta groups)
 * @param secondary the secondary target's id
 */
public record BuddyGroup(BeegfsNodeType type, int id, int primary, int secondary) {
    public BuddyGroup {
        Objects.requireNonNull(type, "type");
        if (type == BeegfsNodeType.MANAGEMENT) {
            throw new IllegalArgumentException("the management service has no buddy groups");
        }
        for (int v : new int[] {id, primary, secondary}) {
            if (v < 1 || v > 65535) {
                throw new IllegalArgumentException("id out of 1-65535 in buddy group " + id + ": " + v);
            }
        }
        if (primary == secondary) {
            throw new IllegalArgumentException("buddy group " + id + " mirrors target " + primary + " onto itself");
        }
    }
}
