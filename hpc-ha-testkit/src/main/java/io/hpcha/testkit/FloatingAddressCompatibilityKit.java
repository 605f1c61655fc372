package io.hpcha.testkit;

import io.hpcha.FloatingAddress;
import io.hpcha.NodeId;
import java.util.List;

/**
 * The {@link FloatingAddress} contract as tests. Subclass it in a backend's test sources and
 * implement the factory methods; every test below then runs against that backend.
 */
public abstract class FloatingAddressCompatibilityKit {
    /** A fresh address under test; called before each test. */
    protected abstract FloatingAddress createAddress();

    /** At least two nodes {@link #createAddress() the address} can be assigned to. */
    protected abstract List<NodeId> candidates();

    /** A node the address cannot be assigned to. */
    protected NodeId unknownNode() {
        return NodeId.of("no-such-node.hpcha");
    }
}
