package io.hpcha.testkit;

import io.hpcha.ComputeFleet;

/**
 * The {@link ComputeFleet} contract as tests. Subclass it in a backend's test sources and implement
 * the factory methods; every test below then runs against that backend.
 */
public abstract class ComputeFleetCompatibilityKit {
    /** A fleet with at least one running and one stopped instance. */
    protected abstract ComputeFleet createFleet();

    /** An instance id the fleet does not know. */
    protected String unknownInstanceId() {
        return "i-0000000000000dead";
    }
}
