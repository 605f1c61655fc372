package io.hpcha.testkit;

import io.hpcha.HealthProbe;

/**
 * The {@link HealthProbe} contract as tests. Subclass it in a backend's test sources and implement
 * the factory method; every test below then runs against that backend.
 */
public abstract class HealthProbeCompatibilityKit {
    /** A probe that observes at least one subject. */
    protected abstract HealthProbe createProbe();
}
