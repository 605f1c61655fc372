package io.hpcha.testkit;

import io.hpcha.NodeId;
import io.hpcha.Scheduler;

/**
 * The {@link Scheduler} contract as tests. Subclass it in a backend's test sources and implement
 * the factory methods; every test below then runs against that backend.
 */
public abstract class SchedulerCompatibilityKit {
    /** A scheduler with at least two nodes, all available (idle) and responding. */
    protected abstract Scheduler createScheduler();

    /** A node name the scheduler does not know. */
    protected NodeId unknownNode() {
        return NodeId.of("nosuchnode99");
    }
}
