package io.hpcha.testkit;

import io.hpcha.FloatingAddress;
import io.hpcha.NodeId;
import io.hpcha.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An in-memory {@link FloatingAddress}: an address and the set of nodes it may move to.
 *
 * <p>{@link #assignTo} to a node outside the candidates is a {@link NotFoundException} and changes
 * nothing. A move to the current holder writes nothing, so {@link #writes()} shows only real moves.
 * {@link #moveOutside} simulates someone else moving the address (an operator, the other controller).
 * Every SPI method first passes through {@link #faults()}. Thread-safe.
 */
public final class FakeFloatingAddress implements FloatingAddress, FaultInjectable {
    private final String address;
    private final Clock clock;
    private final Set<NodeId> candidates;
    private final FaultInjector faults;
    private final List<RecordedWrite> writes = new ArrayList<>(); // guarded by this
    private Optional<NodeId> holder = Optional.empty();          // guarded by this

    /** {@code address}, held by nobody, movable to {@code candidates}. */
    public FakeFloatingAddress(String address, Clock clock, Collection<NodeId> candidates) {
        this.address = Objects.requireNonNull(address, "address");
        if (address.isBlank()) {
            throw new IllegalArgumentException("blank address");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.candidates = Set.copyOf(new TreeSet<>(candidates));
        this.faults = FaultInjector.forClock(clock);
    }

    /** {@code address}, held by nobody, movable to the named nodes. */
    public FakeFloatingAddress(String address, Clock clock, String... candidates) {
        this(address, clock, java.util.Arrays.stream(candidates).map(NodeId::of).toList());
    }

    @Override
    public FaultInjector faults() {
        return faults;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public Optional<NodeId> holder() {
        faults.beforeCall("holder");
        synchronized (this) {
            return holder;
        }
    }

    @Override
    public void assignTo(NodeId node) {
        faults.beforeCall("assignTo");
        Objects.requireNonNull(node, "node");
        if (!candidates.contains(node)) {
            throw new NotFoundException(node + " is not a node " + address + " can move to (candidates: "
                    + new TreeSet<>(candidates) + ")");
        }
        synchronized (this) {
            if (holder.equals(Optional.of(node))) {
                return; // already there: nothing to write
            }
            holder = Optional.of(node);
            writes.add(new RecordedWrite(clock.instant(), "assignTo", List.of(node.value()), address));
        }
    }

    /** The nodes the address may move to. */
    public Set<NodeId> candidates() {
        return candidates;
    }

    /** Someone other than the code under test moves the address (or removes it, with empty); not recorded as a write. */
    public synchronized FakeFloatingAddress moveOutside(Optional<NodeId> newHolder) {
        this.holder = Objects.requireNonNull(newHolder, "newHolder");
        return this;
    }

    /** Every move made through {@link #assignTo}, oldest first. */
    public synchronized List<RecordedWrite> writes() {
        return List.copyOf(writes);
    }

    /** Forgets the recorded writes. */
    public synchronized FakeFloatingAddress clearWrites() {
        writes.clear();
        return this;
    }
}
