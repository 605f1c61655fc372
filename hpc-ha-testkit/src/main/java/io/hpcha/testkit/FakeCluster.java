package io.hpcha.testkit;

import io.hpcha.InstanceState;
import io.hpcha.NodeId;
import io.hpcha.NodeState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link FakeScheduler} and a {@link FakeComputeFleet} wired together the way Slurm and EC2 are: every
 * compute node runs on an instance (tagged {@code Name=<node>}), and what happens to the instance is what
 * the scheduler sees.
 *
 * <ul>
 *   <li>When an instance stops answering (stopped, crashed, an impaired status check) its node is
 *       NOT_RESPONDING at once and DOWN with reason "Not responding" once the
 *       {@linkplain Builder#slurmdTimeout slurmd timeout} has passed on the clock.</li>
 *   <li>When it answers again (RUNNING after its boot time, impairment gone) the node loses NOT_RESPONDING
 *       and, with {@linkplain Builder#returnToService ReturnToService} (the default), a DOWN the scheduler
 *       set for not responding is lifted. A DOWN or drain an admin (or a policy) set stays until resumed.</li>
 *   <li>Standby nodes start with their instance STOPPED and the node DOWN ("cold standby"): a policy starts the
 *       instance and resumes the node.</li>
 * </ul>
 *
 * <p>The scheduler and fleet bring themselves up to date on every call, so a test just advances a
 * {@link ManualClock} and asks; {@link #tick()} does it explicitly (a demo loop on a real clock calls it).
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * FakeCluster cluster = FakeCluster.builder().clock(clock)
 *         .computeNodes("compute-1", "compute-2").standby("compute-3").build();
 * cluster.crash("compute-1");
 * clock.advance(Duration.ofMinutes(6));
 * cluster.scheduler().node("compute-1");   // DOWN+NOT_RESPONDING, "Not responding"
 * }</pre>
 * Thread-safe.
 */
public final class FakeCluster {
    /** Reason on a cold standby node before a policy brings it into service. */
    public static final String STANDBY_REASON = "cold standby: instance stopped";

    private final Clock clock;
    private final FakeScheduler scheduler;
    private final FakeComputeFleet fleet;
    private final Map<NodeId, String> instanceOfNode;
    private final List<NodeId> computeNodes;
    private final List<NodeId> standbyNodes;
    private final Duration slurmdTimeout;
    private final boolean returnToService;

    private FakeCluster(Builder b) {
        this.clock = Objects.requireNonNull(b.clock, "clock is required");
        if (b.computeNodes.isEmpty() && b.standbyNodes.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one compute node");
        }
        this.scheduler = new FakeScheduler(clock, b.controllers.toArray(String[]::new));
        this.fleet = new FakeComputeFleet(clock).bootTime(b.bootTime).checksDelay(b.checksDelay).stopTime(b.stopTime);
        this.slurmdTimeout = b.slurmdTimeout;
        this.returnToService = b.returnToService;
        this.computeNodes = List.copyOf(b.computeNodes);
        this.standbyNodes = List.copyOf(b.standbyNodes);
        Map<NodeId, String> ids = new LinkedHashMap<>();
        int n = 0;
        for (NodeId node : computeNodes) {
            String id = instanceId(++n);
            ids.put(node, id);
            fleet.addInstance(id, node, InstanceState.RUNNING);
            scheduler.addNode(node, NodeState.IDLE);
        }
        for (NodeId node : standbyNodes) {
            String id = instanceId(++n);
            ids.put(node, id);
            fleet.addInstance(id, node, InstanceState.STOPPED);
            scheduler.addNode(node, NodeState.DOWN);
            scheduler.setNode(node, NodeState.DOWN, STANDBY_REASON);
        }
        this.instanceOfNode = Collections.unmodifiableMap(ids);
        tick();
        scheduler.beforeEachCall(this::tick);
        fleet.beforeEachCall(this::tick);
    }

    /** A builder; {@link Builder#clock} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The scheduler; its nodes follow their instances. */
    public FakeScheduler scheduler() {
        return scheduler;
    }

    /** The fleet behind the compute nodes. */
    public FakeComputeFleet fleet() {
        return fleet;
    }

    /** The clock the cluster runs on. */
    public Clock clock() {
        return clock;
    }

    /** The compute nodes in service at the start, in the builder's order. */
    public List<NodeId> computeNodes() {
        return computeNodes;
    }

    /** The cold standby nodes, in the builder's order. */
    public List<NodeId> standbyNodes() {
        return standbyNodes;
    }

    /** The instance id behind {@code node}. */
    public String instanceOf(String node) {
        String id = instanceOfNode.get(NodeId.of(node));
        if (id == null) {
            throw new IllegalArgumentException("no node " + node + " in this cluster");
        }
        return id;
    }

    /** The instance id behind {@code node}. */
    public String instanceOf(NodeId node) {
        return instanceOf(node.value());
    }

    /** The instance of {@code node} dies (STOPPED at once). */
    public FakeCluster crash(String node) {
        fleet.crash(instanceOf(node));
        return this;
    }

    /** One status check of {@code node}'s instance fails. */
    public FakeCluster impair(String node, FakeComputeFleet.Check check) {
        fleet.impair(instanceOf(node), check);
        return this;
    }

    /** A probe of the scheduler's nodes ({@code "slurm-nodes"}). */
    public FakeHealthProbe nodeProbe() {
        return FakeHealthProbe.ofSchedulerNodes(scheduler);
    }

    /** A probe of the instances' status ({@code "ec2-status"}). */
    public FakeHealthProbe instanceProbe() {
        return FakeHealthProbe.ofFleet(fleet);
    }

    /** A probe of the controllers ({@code "slurm-controllers"}). */
    public FakeHealthProbe controllerProbe() {
        return FakeHealthProbe.ofControllers(scheduler);
    }

    /** Brings the scheduler up to date with the instances as of the clock's now. Cheap; idempotent. */
    public synchronized void tick() {
        // lock order: cluster, then fleet, then scheduler; fakes call this hook holding none of their own
        scheduler.observeReachability(fleet.nodeReachability(), slurmdTimeout, returnToService);
    }

    private static String instanceId(int n) {
        return String.format("i-%017x", 0xc0ffee00000L + n);
    }

    /** Builds a {@link FakeCluster}. Not thread-safe; the cluster it builds is. */
    public static final class Builder {
        private Clock clock;
        private final List<NodeId> computeNodes = new ArrayList<>();
        private final List<NodeId> standbyNodes = new ArrayList<>();
        private List<String> controllers = List.of("slurmctld-1", "slurmctld-2");
        private Duration bootTime = FakeComputeFleet.DEFAULT_BOOT_TIME;
        private Duration checksDelay = FakeComputeFleet.DEFAULT_CHECKS_DELAY;
        private Duration stopTime = FakeComputeFleet.DEFAULT_STOP_TIME;
        private Duration slurmdTimeout = Duration.ofSeconds(300);
        private boolean returnToService = true;

        private Builder() {
        }

        /** The clock everything runs on; a {@link ManualClock} in tests. Required. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Nodes in service, each on a RUNNING instance with passed checks, IDLE in the scheduler. */
        public Builder computeNodes(String... names) {
            for (String name : names) {
                add(computeNodes, name);
            }
            return this;
        }

        /** Cold standby nodes: instance STOPPED, node DOWN with {@link #STANDBY_REASON}. */
        public Builder standby(String... names) {
            for (String name : names) {
                add(standbyNodes, name);
            }
            return this;
        }

        /** Controller hosts, primary first (default {@code slurmctld-1}, {@code slurmctld-2}). */
        public Builder controllers(String... hosts) {
            this.controllers = List.of(hosts);
            return this;
        }

        /** PENDING to RUNNING (default 30 s). */
        public Builder bootTime(Duration d) {
            this.bootTime = Objects.requireNonNull(d);
            return this;
        }

        /** Status checks INITIALIZING after RUNNING (default 2 min). */
        public Builder checksDelay(Duration d) {
            this.checksDelay = Objects.requireNonNull(d);
            return this;
        }

        /** STOPPING to STOPPED (default 60 s). */
        public Builder stopTime(Duration d) {
            this.stopTime = Objects.requireNonNull(d);
            return this;
        }

        /** How long a node may not respond before the scheduler sets it DOWN (Slurm's SlurmdTimeout, default 300 s). */
        public Builder slurmdTimeout(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("negative slurmdTimeout");
            }
            this.slurmdTimeout = d;
            return this;
        }

        /** Slurm's ReturnToService=1 (default true): a node DOWN for not responding returns when it answers. */
        public Builder returnToService(boolean returnToService) {
            this.returnToService = returnToService;
            return this;
        }

        /** The cluster, every node's state already consistent with its instance. */
        public FakeCluster build() {
            return new FakeCluster(this);
        }

        private void add(List<NodeId> list, String name) {
            NodeId id = NodeId.of(name);
            if (computeNodes.contains(id) || standbyNodes.contains(id)) {
                throw new IllegalArgumentException("node " + name + " given twice");
            }
            list.add(id);
        }
    }
}
