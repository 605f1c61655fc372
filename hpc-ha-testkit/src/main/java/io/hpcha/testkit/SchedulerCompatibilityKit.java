package io.hpcha.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcha.ControllerRole;
import io.hpcha.ControllerStatus;
import io.hpcha.NodeId;
import io.hpcha.NodeState;
import io.hpcha.NotFoundException;
import io.hpcha.Scheduler;
import io.hpcha.SchedulerNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Scheduler} contract as tests. Subclass it in a backend's test sources and implement
 * the factory methods; every test below then runs against that backend.
 *
 * <p>A real scheduler is shared between tests, so every node a test changes is resumed afterwards. The kit
 * does not test {@link Scheduler#takeover()}, which needs two controllers and leaves the cluster changed.
 */
public abstract class SchedulerCompatibilityKit {
    private static final String REASON = "hpc-ha compatibility kit";

    private Scheduler scheduler;
    private NodeId first;
    private NodeId second;
    private final Set<NodeId> touched = new LinkedHashSet<>();

    /** A scheduler with at least two nodes, all available (idle) and responding. */
    protected abstract Scheduler createScheduler();

    /** A node name the scheduler does not know. */
    protected NodeId unknownNode() {
        return NodeId.of("nosuchnode99");
    }

    /**
     * How long a write may take to show in {@link Scheduler#nodes()}. Zero by default: Slurm applies an
     * update before {@code scontrol} returns.
     */
    protected Duration settleTimeout() {
        return Duration.ZERO;
    }

    @BeforeEach
    void createSchedulerUnderTest() {
        scheduler = createScheduler();
        List<SchedulerNode> available = scheduler.nodes().stream().filter(SchedulerNode::isAvailable).toList();
        assertTrue(available.size() >= 2, "the kit needs two available nodes, got " + scheduler.nodes());
        first = available.get(0).name();
        second = available.get(1).name();
    }

    @AfterEach
    void resumeTouchedNodes() {
        if (scheduler == null || touched.isEmpty()) {
            return;
        }
        List<NodeId> outOfService = scheduler.nodes().stream()
                .filter(n -> touched.contains(n.name()) && (n.isDrained() || n.state() == NodeState.DOWN))
                .map(SchedulerNode::name).toList();
        if (!outOfService.isEmpty()) {
            scheduler.resume(outOfService);
        }
    }

    @Test
    void nodesAreListedWithUniqueNames() {
        List<SchedulerNode> nodes = scheduler.nodes();
        Set<NodeId> names = new HashSet<>();
        for (SchedulerNode n : nodes) {
            assertTrue(names.add(n.name()), "node " + n.name() + " listed twice");
        }
        assertTrue(nodes.size() >= 2, "expected at least two nodes: " + nodes);
    }

    @Test
    void controllersArePrimaryFirstAndOneResponds() {
        List<ControllerStatus> controllers = scheduler.controllers();
        assertFalse(controllers.isEmpty(), "no controllers");
        for (int i = 0; i < controllers.size(); i++) {
            assertEquals(i, controllers.get(i).index(), "controllers out of order: " + controllers);
        }
        assertEquals(ControllerRole.PRIMARY, controllers.get(0).role());
        assertTrue(controllers.stream().anyMatch(ControllerStatus::responding),
                "no controller responds, yet nodes() answered: " + controllers);
    }

    @Test
    void drainTakesNodesOutOfServiceWithTheReason() {
        drain(List.of(first, second), REASON);
        for (NodeId id : List.of(first, second)) {
            awaitNode(id, "drained with reason '" + REASON + "'", n -> n.isDrained() && !n.isAvailable()
                    && n.reason().map(r -> r.text().contains(REASON)).orElse(false));
        }
        drain(List.of(first), REASON); // idempotent
        awaitNode(first, "still drained after a second drain", SchedulerNode::isDrained);
    }

    @Test
    void resumeReturnsADrainedNodeToService() {
        drain(List.of(first), REASON);
        awaitNode(first, "drained", SchedulerNode::isDrained);
        scheduler.resume(List.of(first));
        awaitNode(first, "available again after resume", n -> !n.isDrained() && n.isAvailable());
        scheduler.resume(List.of(first)); // idempotent on a node in service
        awaitNode(first, "still available after a second resume", SchedulerNode::isAvailable);
    }

    @Test
    void markDownTakesANodeDownUntilResumed() {
        touched.add(first);
        scheduler.markDown(List.of(first), REASON);
        awaitNode(first, "DOWN with reason '" + REASON + "'", n -> n.state() == NodeState.DOWN && !n.isAvailable()
                && n.reason().map(r -> r.text().contains(REASON)).orElse(false));
        scheduler.resume(List.of(first));
        awaitNode(first, "no longer DOWN after resume", n -> n.state() != NodeState.DOWN);
    }

    @Test
    void unknownNodeIsNotFoundAndTheKnownNodesAreUnchanged() {
        touched.add(first);
        assertThrows(NotFoundException.class, () -> scheduler.drain(List.of(first, unknownNode()), REASON));
        assertThrows(NotFoundException.class, () -> scheduler.markDown(List.of(first, unknownNode()), REASON));
        assertThrows(NotFoundException.class, () -> scheduler.resume(List.of(unknownNode())));
        SchedulerNode node = node(first);
        assertTrue(node.isAvailable(), "a rejected call must change no node, but " + first + " is " + node.rawState());
    }

    @Test
    void emptyCollectionsDoNothing() {
        List<SchedulerNode> before = scheduler.nodes();
        scheduler.drain(List.of(), REASON);
        scheduler.markDown(List.of(), REASON);
        scheduler.resume(List.of());
        assertEquals(states(before), states(scheduler.nodes()));
    }

    @Test
    void blankReasonIsRejectedAndChangesNothing() {
        touched.add(first);
        assertThrows(IllegalArgumentException.class, () -> scheduler.drain(List.of(first), " "));
        assertThrows(IllegalArgumentException.class, () -> scheduler.markDown(List.of(first), ""));
        SchedulerNode node = node(first);
        assertTrue(node.isAvailable(), "a rejected call must change no node, but " + first + " is " + node.rawState());
    }

    private void drain(List<NodeId> nodes, String reason) {
        touched.addAll(nodes);
        scheduler.drain(nodes, reason);
    }

    private SchedulerNode node(NodeId id) {
        return scheduler.nodes().stream().filter(n -> n.name().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("node " + id + " disappeared"));
    }

    private void awaitNode(NodeId id, String what, java.util.function.Predicate<SchedulerNode> condition) {
        var lastSeen = new java.util.concurrent.atomic.AtomicReference<String>("not read");
        KitSupport.eventually(settleTimeout(), () -> id + " " + what + " (last seen: " + lastSeen.get() + ")", () -> {
            SchedulerNode n = node(id);
            lastSeen.set(n.rawState());
            return condition.test(n);
        });
    }

    private static List<String> states(List<SchedulerNode> nodes) {
        return nodes.stream().map(n -> n.name() + "=" + n.state() + n.flags() + n.reason().map(r -> r.text()).orElse(""))
                .sorted().toList();
    }
}
