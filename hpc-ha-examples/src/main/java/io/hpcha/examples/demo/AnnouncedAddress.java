package io.hpcha.examples.demo;

import io.hpcha.FloatingAddress;
import io.hpcha.NodeId;
import java.util.Objects;
import java.util.Optional;

/** A floating address that tells the timeline when it moves, in the words of the overlay-IP backend. */
final class AnnouncedAddress implements FloatingAddress {
    private final FloatingAddress delegate;
    private final Timeline timeline;

    AnnouncedAddress(FloatingAddress delegate, Timeline timeline) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.timeline = Objects.requireNonNull(timeline, "timeline");
    }

    @Override
    public String address() {
        return delegate.address();
    }

    @Override
    public Optional<NodeId> holder() {
        return delegate.holder();
    }

    @Override
    public void assignTo(NodeId node) {
        delegate.assignTo(node);
        timeline.event(node + ": overlay IP " + address() + ": VPC route tables now point at " + node + "'s ENI");
    }
}
