package io.hpcha.examples.failover;

import io.hpcha.ConnectionState;
import io.hpcha.ControllerRole;
import io.hpcha.ControllerStatus;
import io.hpcha.DiskState;
import io.hpcha.FloatingAddress;
import io.hpcha.Leadership;
import io.hpcha.Lease;
import io.hpcha.NodeId;
import io.hpcha.OperationRefusedException;
import io.hpcha.PromoteOptions;
import io.hpcha.Replica;
import io.hpcha.ReplicaRole;
import io.hpcha.ReplicatedVolume;
import io.hpcha.ReplicationState;
import io.hpcha.VolumeStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** A two-controller world for failover tests: one volume, one address, one lease, a fence, and a write log. */
final class Controllers {
    final List<String> writes = Collections.synchronizedList(new ArrayList<>());
    final Clock clock;
    NodeId primary;
    NodeId addressHolder;
    boolean peerFenced;
    boolean slurmctldAnswers;
    long fencedWithToken = -1;

    Controllers(Clock clock, NodeId active) {
        this.clock = clock;
        this.primary = active;
        this.addressHolder = active;
    }

    ReplicatedVolume volume(NodeId self) {
        return new ReplicatedVolume() {
            @Override
            public String name() {
                return "r0";
            }

            @Override
            public VolumeStatus status() {
                synchronized (Controllers.this) {
                    Replica local = new Replica(self.value(), ConnectionState.LOCAL, self.equals(primary) ? ReplicaRole.PRIMARY : ReplicaRole.SECONDARY,
                            DiskState.UP_TO_DATE, ReplicationState.OFF, Optional.empty());
                    return new VolumeStatus("r0", List.of(local), true, true, false, false, "");
                }
            }

            @Override
            public void promote(PromoteOptions options) {
                synchronized (Controllers.this) {
                    if (primary != null && !primary.equals(self)) {
                        throw new OperationRefusedException("-1", "State change failed: (-1) Multiple primaries not allowed by config");
                    }
                    primary = self;
                }
                writes.add("promote " + self);
            }

            @Override
            public void demote() {
                synchronized (Controllers.this) {
                    if (self.equals(primary)) {
                        primary = null;
                    }
                }
                writes.add("demote " + self);
            }
        };
    }

    /** The peer's fence: fencing also releases the peer's hold on the volume, as a powered-off node's would. */
    Fence fence(NodeId peer) {
        return new Fence() {
            @Override
            public String describe() {
                return "power off " + peer;
            }

            @Override
            public synchronized boolean isFenced() {
                return peerFenced;
            }

            @Override
            public void fence(long fencingToken) {
                synchronized (Controllers.this) {
                    peerFenced = true;
                    fencedWithToken = fencingToken;
                    if (peer.equals(primary)) {
                        primary = null;
                    }
                }
                writes.add("fence " + peer);
            }
        };
    }

    FloatingAddress address() {
        return new FloatingAddress() {
            @Override
            public String address() {
                return "10.0.0.100";
            }

            @Override
            public synchronized Optional<NodeId> holder() {
                return Optional.ofNullable(addressHolder);
            }

            @Override
            public void assignTo(NodeId node) {
                synchronized (Controllers.this) {
                    addressHolder = node;
                }
                writes.add("address -> " + node);
            }
        };
    }

    List<ControllerStatus> controllers() {
        return List.of(new ControllerStatus("ctl-vip", ControllerRole.PRIMARY, 0, slurmctldAnswers));
    }

    /** A lease on the clock, with strictly increasing tokens per new holder. */
    static final class SharedLease implements Lease {
        private final Clock clock;
        private final Duration term;
        private Leadership current;
        private long token;

        SharedLease(Clock clock, Duration term) {
            this.clock = clock;
            this.term = term;
        }

        @Override
        public synchronized Optional<Leadership> tryAcquire(NodeId candidate) {
            var now = clock.instant();
            if (current != null && current.isValidAt(now) && !current.holder().equals(candidate)) {
                return Optional.empty();
            }
            if (current == null || !current.holder().equals(candidate) || !current.isValidAt(now)) {
                token++;
            }
            current = new Leadership("slurm-controller", candidate, token, now.plus(term));
            return Optional.of(current);
        }

        @Override
        public synchronized boolean renew(Leadership l) {
            var now = clock.instant();
            if (current == null || !current.isValidAt(now) || current.fencingToken() != l.fencingToken()) {
                return false;
            }
            current = new Leadership(current.lease(), current.holder(), current.fencingToken(), now.plus(term));
            return true;
        }

        @Override
        public synchronized void release(Leadership l) {
            if (current != null && current.fencingToken() == l.fencingToken()) {
                current = null;
            }
        }
    }
}
