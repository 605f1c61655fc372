package io.hpcha.testkit;

import io.hpcha.Lease;
import java.time.Duration;

/**
 * The {@link Lease} contract as tests. Subclass it in a backend's test sources and implement the
 * factory method; every test below then runs against that backend.
 */
public abstract class LeaseCompatibilityKit {
    /**
     * A fresh lease (a name no other test uses) whose grants last {@code ttl} and whose notion of
     * time is {@code clock}.
     */
    protected abstract Lease createLease(ManualClock clock, Duration ttl);
}
