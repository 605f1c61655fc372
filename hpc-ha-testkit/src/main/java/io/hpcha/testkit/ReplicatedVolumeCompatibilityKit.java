package io.hpcha.testkit;

import io.hpcha.ReplicatedVolume;

/**
 * The {@link ReplicatedVolume} contract as tests. Subclass it in a backend's test sources and
 * implement the factory methods; every test below then runs against that backend.
 */
public abstract class ReplicatedVolumeCompatibilityKit {
    /** A volume whose local replica is secondary, connected, with UpToDate data: promotion is allowed. */
    protected abstract ReplicatedVolume createUpToDateSecondary();

    /** A volume whose local replica is secondary and no reachable replica has UpToDate data. */
    protected abstract ReplicatedVolume createVolumeWithoutUpToDateData();
}
