package io.hpcha.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcha.OperationRefusedException;
import io.hpcha.PromoteOptions;
import io.hpcha.Replica;
import io.hpcha.ReplicaRole;
import io.hpcha.ReplicatedVolume;
import io.hpcha.VolumeStatus;
import org.junit.jupiter.api.Test;

/**
 * The {@link ReplicatedVolume} contract as tests. Subclass it in a backend's test sources and
 * implement the factory methods; every test below then runs against that backend.
 *
 * <p>Each test creates only the volumes it uses, so a scripted backend need only script those.
 */
public abstract class ReplicatedVolumeCompatibilityKit {
    /** A volume whose local replica is secondary, connected, with UpToDate data: promotion is allowed. */
    protected abstract ReplicatedVolume createUpToDateSecondary();

    /** A volume whose local replica is secondary and no reachable replica has UpToDate data. */
    protected abstract ReplicatedVolume createVolumeWithoutUpToDateData();

    @Test
    void statusNamesTheVolumeAndItsLocalSecondary() {
        ReplicatedVolume volume = createUpToDateSecondary();
        assertFalse(volume.name().isBlank(), "name() is blank");
        VolumeStatus status = volume.status();
        assertEquals(volume.name(), status.volume());
        assertEquals(ReplicaRole.SECONDARY, localRole(status), "the fixture's local replica is secondary");
        assertTrue(status.hasUpToDateData(), "the fixture has up-to-date data: " + status.raw());
    }

    @Test
    void promotingAnUpToDateSecondaryMakesItPrimary() {
        ReplicatedVolume volume = createUpToDateSecondary();
        volume.promote(PromoteOptions.defaults());
        assertEquals(ReplicaRole.PRIMARY, localRole(volume.status()));
    }

    @Test
    void promoteIsIdempotent() {
        ReplicatedVolume volume = createUpToDateSecondary();
        volume.promote(PromoteOptions.defaults());
        volume.promote(PromoteOptions.defaults());
        assertEquals(ReplicaRole.PRIMARY, localRole(volume.status()));
    }

    @Test
    void demoteMakesAPrimarySecondaryAgain() {
        ReplicatedVolume volume = createUpToDateSecondary();
        volume.promote(PromoteOptions.defaults());
        volume.demote();
        assertEquals(ReplicaRole.SECONDARY, localRole(volume.status()));
        volume.demote(); // idempotent
        assertEquals(ReplicaRole.SECONDARY, localRole(volume.status()));
    }

    @Test
    void statusShowsMissingUpToDateData() {
        ReplicatedVolume volume = createVolumeWithoutUpToDateData();
        VolumeStatus status = volume.status();
        assertFalse(status.hasUpToDateData(), "the fixture has no up-to-date data, yet status says so: " + status.raw());
        assertFalse(status.mayPromote(), "promotion must not look safe without up-to-date data: " + status.raw());
    }

    @Test
    void promoteWithoutUpToDateDataIsRefusedAndChangesNothing() {
        ReplicatedVolume volume = createVolumeWithoutUpToDateData();
        OperationRefusedException refused = assertThrows(OperationRefusedException.class,
                () -> volume.promote(PromoteOptions.defaults()));
        assertFalse(refused.getMessage() == null || refused.getMessage().isBlank(), "a refusal must say why");
        assertNotEquals(ReplicaRole.PRIMARY, localRole(volume.status()), "a refused promotion left a primary");
    }

    private static ReplicaRole localRole(VolumeStatus status) {
        return status.local().map(Replica::role)
                .orElseThrow(() -> new AssertionError("no local replica in " + status.raw()));
    }
}
