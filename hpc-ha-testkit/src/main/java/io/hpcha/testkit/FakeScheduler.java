package io.hpcha.testkit;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ControllerRole;
import io.hpcha.ControllerStatus;
import io.hpcha.NodeFlag;
import io.hpcha.NodeId;
import io.hpcha.NodeReason;
import io.hpcha.NodeState;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.Scheduler;
import io.hpcha.SchedulerNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An in-memory {@link Scheduler} with Slurm's semantics.
 *
 * <ul>
 *   <li>A node has a base state, flags and a reason. Draining sets {@code DRAIN}; reads add the derived
 *       {@code DRAINED} (idle) or {@code DRAINING} (allocated or mixed), as the Slurm backend does.</li>
 *   <li>{@link #resume} clears drain and returns a DOWN node to IDLE; {@link #markDown} makes it DOWN. Both
 *       replace the reason.</li>
 *   <li>A write naming an unknown node throws {@link NotFoundException} and changes nothing, as Slurm rejects
 *       the whole update. A blank reason is an {@link IllegalArgumentException}. An empty collection does
 *       nothing and records no write.</li>
 *   <li>Controllers are primary first. While the controller in charge does not respond, {@link #nodes()}
 *       and every write throw {@link BackendUnavailableException}; {@link #controllers()} still answers, as
 *       {@code scontrol ping} does. {@link #takeover()} puts the backup in charge and reports the configured
 *       primary not responding, as Slurm does.</li>
 * </ul>
 *
 * <p>Every SPI method first passes through {@link #faults()}; accepted writes are kept in {@link #writes()}.
 * Thread-safe.
 */
public final class FakeScheduler implements Scheduler, FaultInjectable {
    private static final String NOT_RESPONDING_REASON = "Not responding";

    private final Clock clock;
    private final FaultInjector faults;
    private final Map<NodeId, NodeRecord> nodes = new TreeMap<>();         // guarded by this
    private final List<Controller> controllers = new ArrayList<>();        // guarded by this
    private final List<RecordedWrite> writes = new ArrayList<>();          // guarded by this
    private int inCharge;                                                  // guarded by this
    private volatile Runnable beforeEachCall = () -> { };

    /** A scheduler with two controllers, {@code slurmctld-1} (primary) and {@code slurmctld-2} (backup), and no nodes. */
    public FakeScheduler(Clock clock) {
        this(clock, "slurmctld-1", "slurmctld-2");
    }

    /** A scheduler with these controller hosts, primary first, all responding, and no nodes. */
    public FakeScheduler(Clock clock, String... controllerHosts) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.faults = FaultInjector.forClock(clock);
        if (controllerHosts.length == 0) {
            throw new IllegalArgumentException("a scheduler needs at least one controller");
        }
        for (String host : controllerHosts) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("blank controller host");
            }
            controllers.add(new Controller(host));
        }
    }

    @Override
    public FaultInjector faults() {
        return faults;
    }

    /** The clock this scheduler stamps reasons and writes with. */
    public Clock clock() {
        return clock;
    }

    // ---- the SPI ----

    @Override
    public List<SchedulerNode> nodes() {
        enter("nodes");
        synchronized (this) {
            requireControllerInCharge();
            return nodes.values().stream().map(NodeRecord::toNode).toList();
        }
    }

    @Override
    public List<ControllerStatus> controllers() {
        enter("controllers");
        synchronized (this) {
            List<ControllerStatus> result = new ArrayList<>();
            for (int i = 0; i < controllers.size(); i++) {
                Controller c = controllers.get(i);
                result.add(new ControllerStatus(c.host, i == 0 ? ControllerRole.PRIMARY : ControllerRole.BACKUP, i,
                        c.responding));
            }
            return List.copyOf(result);
        }
    }

    @Override
    public void drain(Collection<NodeId> nodes, String reason) {
        enter("drain");
        NodeReason why = requireReason(reason);
        synchronized (this) {
            List<NodeRecord> targets = targets(nodes);
            for (NodeRecord r : targets) {
                r.flags.add(NodeFlag.DRAIN);
                r.reason = Optional.of(why);
            }
            record("drain", targets, reason);
        }
    }

    @Override
    public void resume(Collection<NodeId> nodes) {
        enter("resume");
        synchronized (this) {
            List<NodeRecord> targets = targets(nodes);
            for (NodeRecord r : targets) {
                r.flags.remove(NodeFlag.DRAIN);
                r.flags.remove(NodeFlag.FAIL);
                if (r.state == NodeState.DOWN) {
                    r.state = NodeState.IDLE;
                }
                r.downByScheduler = false;
                r.reason = Optional.empty();
            }
            record("resume", targets, "");
        }
    }

    @Override
    public void markDown(Collection<NodeId> nodes, String reason) {
        enter("markDown");
        NodeReason why = requireReason(reason);
        synchronized (this) {
            List<NodeRecord> targets = targets(nodes);
            for (NodeRecord r : targets) {
                r.state = NodeState.DOWN;
                r.downByScheduler = false;
                r.reason = Optional.of(why);
            }
            record("markDown", targets, reason);
        }
    }

    @Override
    public void takeover() {
        enter("takeover");
        synchronized (this) {
            if (controllers.size() < 2) {
                throw new OperationRefusedException("", "no backup controller is configured");
            }
            Controller backup = controllers.get(1);
            if (!backup.responding) {
                throw new BackendUnavailableException("backup controller " + backup.host + " is not responding");
            }
            inCharge = 1;
            controllers.get(0).responding = false;
            writes.add(new RecordedWrite(clock.instant(), "takeover", List.of(backup.host), ""));
        }
    }

    // ---- test helpers ----

    /** Adds a node in {@code state} with {@code flags} (DRAINED/DRAINING are read as DRAIN) and no reason. */
    public FakeScheduler addNode(NodeId node, NodeState state, NodeFlag... flags) {
        synchronized (this) {
            if (nodes.containsKey(node)) {
                throw new IllegalArgumentException("node " + node + " already exists");
            }
            nodes.put(node, new NodeRecord(node, state, flags, Optional.empty()));
        }
        return this;
    }

    /** Adds a node named {@code name}, IDLE with no flags. */
    public FakeScheduler addNode(String name) {
        return addNode(NodeId.of(name), NodeState.IDLE);
    }

    /** Replaces an existing node's state and flags, keeping its reason. */
    public FakeScheduler setNode(NodeId node, NodeState state, NodeFlag... flags) {
        synchronized (this) {
            NodeRecord old = existing(node);
            nodes.put(node, new NodeRecord(node, state, flags, old.reason));
        }
        return this;
    }

    /** Replaces an existing node's state, flags and reason. */
    public FakeScheduler setNode(NodeId node, NodeState state, String reason, NodeFlag... flags) {
        NodeReason why = NodeReason.of(reason);
        synchronized (this) {
            existing(node);
            nodes.put(node, new NodeRecord(node, state, flags, Optional.of(why)));
        }
        return this;
    }

    /** One node as {@link #nodes()} would show it, without passing through the fault injector. */
    public SchedulerNode node(NodeId node) {
        beforeEachCall.run();
        synchronized (this) {
            return existing(node).toNode();
        }
    }

    /** One node by name; see {@link #node(NodeId)}. */
    public SchedulerNode node(String name) {
        return node(NodeId.of(name));
    }

    /** Controller {@code index} stops answering (slurmctld crashed, its host is gone). */
    public FakeScheduler controllerDown(int index) {
        synchronized (this) {
            controller(index).responding = false;
        }
        return this;
    }

    /** Controller {@code index} answers again. Who is in charge does not change. */
    public FakeScheduler controllerUp(int index) {
        synchronized (this) {
            controller(index).responding = true;
        }
        return this;
    }

    /** The index of the controller in charge: 0 until a {@link #takeover()}. */
    public synchronized int inCharge() {
        return inCharge;
    }

    /** Every write accepted so far, oldest first. */
    public synchronized List<RecordedWrite> writes() {
        return List.copyOf(writes);
    }

    /** Forgets the recorded writes, for example after a test's setup. */
    public synchronized FakeScheduler clearWrites() {
        writes.clear();
        return this;
    }

    // ---- for FakeCluster ----

    void beforeEachCall(Runnable hook) {
        this.beforeEachCall = Objects.requireNonNull(hook, "hook");
    }

    /**
     * Applies what the controller learns from pinging nodes. A node whose host stopped answering at
     * {@code unreachableSince} is NOT_RESPONDING at once and DOWN (reason "Not responding" unless it has one) once
     * {@code slurmdTimeout} has passed; a node that answers again loses NOT_RESPONDING and, when
     * {@code returnToService}, leaves a DOWN state the scheduler itself set.
     */
    synchronized void observeReachability(Map<NodeId, Optional<Instant>> unreachableSince, Duration slurmdTimeout,
                                          boolean returnToService) {
        Instant now = clock.instant();
        unreachableSince.forEach((id, since) -> {
            NodeRecord r = nodes.get(id);
            if (r == null) {
                return;
            }
            if (since.isPresent()) {
                r.flags.add(NodeFlag.NOT_RESPONDING);
                Instant downAt = since.get().plus(slurmdTimeout);
                if (!now.isBefore(downAt) && r.state != NodeState.DOWN) {
                    r.state = NodeState.DOWN;
                    r.downByScheduler = true;
                    if (r.reason.isEmpty()) { // like Slurm, an admin's reason is kept
                        r.reason = Optional.of(new NodeReason(NOT_RESPONDING_REASON, Optional.of("slurm"),
                                Optional.of(downAt)));
                    }
                }
            } else {
                r.flags.remove(NodeFlag.NOT_RESPONDING);
                if (r.state == NodeState.DOWN && r.downByScheduler && returnToService) {
                    r.state = NodeState.IDLE;
                    r.downByScheduler = false;
                    if (r.reason.map(x -> x.text().equals(NOT_RESPONDING_REASON)).orElse(false)) {
                        r.reason = Optional.empty();
                    }
                }
            }
        });
    }

    // ---- internals ----

    private void enter(String operation) {
        beforeEachCall.run();
        faults.beforeCall(operation);
    }

    private static NodeReason requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a reason is required");
        }
        return NodeReason.of(reason);
    }

    private void requireControllerInCharge() {
        Controller c = controllers.get(inCharge);
        if (!c.responding) {
            throw new BackendUnavailableException("Unable to contact slurm controller (" + c.host + " is not responding)");
        }
    }

    /** All named nodes, or NotFoundException before anything changes. */
    private List<NodeRecord> targets(Collection<NodeId> names) {
        Objects.requireNonNull(names, "nodes");
        if (names.isEmpty()) {
            return List.of(); // nothing to ask the controller
        }
        requireControllerInCharge();
        Map<NodeId, NodeRecord> found = new LinkedHashMap<>();
        List<NodeId> unknown = new ArrayList<>();
        for (NodeId id : names) {
            NodeRecord r = nodes.get(Objects.requireNonNull(id, "node"));
            if (r == null) {
                unknown.add(id);
            } else {
                found.put(id, r);
            }
        }
        if (!unknown.isEmpty()) {
            throw new NotFoundException("Invalid node name specified: " + unknown.stream()
                    .map(NodeId::value).collect(Collectors.joining(",")));
        }
        return List.copyOf(found.values());
    }

    private void record(String operation, List<NodeRecord> targets, String detail) {
        if (!targets.isEmpty()) {
            writes.add(new RecordedWrite(clock.instant(), operation,
                    targets.stream().map(r -> r.name.value()).toList(), detail));
        }
    }

    private NodeRecord existing(NodeId node) {
        NodeRecord r = nodes.get(node);
        if (r == null) {
            throw new IllegalArgumentException("no node " + node + " in this fake");
        }
        return r;
    }

    private Controller controller(int index) {
        if (index < 0 || index >= controllers.size()) {
            throw new IllegalArgumentException("no controller #" + index);
        }
        return controllers.get(index);
    }

    private static final class Controller {
        final String host;
        boolean responding = true;

        Controller(String host) {
            this.host = host;
        }
    }

    private static final class NodeRecord {
        final NodeId name;
        final Set<NodeFlag> flags = EnumSet.noneOf(NodeFlag.class);
        NodeState state;
        Optional<NodeReason> reason;
        /** DOWN because the controller stopped hearing from it, so ReturnToService may undo it. */
        boolean downByScheduler;

        NodeRecord(NodeId name, NodeState state, NodeFlag[] flags, Optional<NodeReason> reason) {
            this.name = Objects.requireNonNull(name, "node");
            this.state = Objects.requireNonNull(state, "state");
            this.reason = reason;
            for (NodeFlag f : flags) {
                // derived flags are stored as what Slurm stores: DRAIN
                this.flags.add(f == NodeFlag.DRAINED || f == NodeFlag.DRAINING ? NodeFlag.DRAIN : f);
            }
        }

        SchedulerNode toNode() {
            Set<NodeFlag> shown = EnumSet.noneOf(NodeFlag.class);
            shown.addAll(flags);
            if (flags.contains(NodeFlag.DRAIN)) {
                boolean busy = state == NodeState.ALLOCATED || state == NodeState.MIXED
                        || flags.contains(NodeFlag.COMPLETING);
                shown.add(busy ? NodeFlag.DRAINING : NodeFlag.DRAINED);
            }
            StringBuilder raw = new StringBuilder(state.name());
            flags.forEach(f -> raw.append('+').append(f.name()));
            return new SchedulerNode(name, state, shown, Set.of(), reason, Optional.empty(), raw.toString());
        }
    }
}
