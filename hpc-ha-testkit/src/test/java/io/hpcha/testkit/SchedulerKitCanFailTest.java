package io.hpcha.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.ControllerStatus;
import io.hpcha.NodeId;
import io.hpcha.Scheduler;
import io.hpcha.SchedulerNode;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler kit catches a scheduler that applies half a rejected batch and accepts blank reasons. */
class SchedulerKitCanFailTest {
    @Test
    void kitFailsASchedulerThatPartlyAppliesBatchesAndAcceptsBlankReasons() {
        KitRun run = KitRun.of(BrokenSchedulerKit.class);
        assertThat(run.failed()).containsExactlyInAnyOrder(
                "unknownNodeIsNotFoundAndTheKnownNodesAreUnchanged", "blankReasonIsRejectedAndChangesNothing");
        assertThat(run.succeeded()).contains("drainTakesNodesOutOfServiceWithTheReason",
                "resumeReturnsADrainedNodeToService", "markDownTakesANodeDownUntilResumed");
    }

    /** Acts node by node, so an unknown node fails the call after the known ones changed; fills in blank reasons. */
    static final class BrokenScheduler implements Scheduler {
        private final FakeScheduler fake = new FakeScheduler(new ManualClock()).addNode("n1").addNode("n2");

        @Override
        public List<SchedulerNode> nodes() {
            return fake.nodes();
        }

        @Override
        public List<ControllerStatus> controllers() {
            return fake.controllers();
        }

        @Override
        public void drain(Collection<NodeId> nodes, String reason) {
            nodes.forEach(n -> fake.drain(List.of(n), reason.isBlank() ? "none given" : reason));
        }

        @Override
        public void resume(Collection<NodeId> nodes) {
            nodes.forEach(n -> fake.resume(List.of(n)));
        }

        @Override
        public void markDown(Collection<NodeId> nodes, String reason) {
            nodes.forEach(n -> fake.markDown(List.of(n), reason.isBlank() ? "none given" : reason));
        }

        @Override
        public void takeover() {
            fake.takeover();
        }
    }

    static class BrokenSchedulerKit extends SchedulerCompatibilityKit {
        @Override
        protected Scheduler createScheduler() {
            return new BrokenScheduler();
        }
    }
}
