package io.hpcha.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.FloatingAddress;
import io.hpcha.NodeId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The floating-address kit catches an address that accepts any node and caches its first holder. */
class FloatingAddressKitCanFailTest {
    @Test
    void kitFailsAnAddressThatAcceptsUnknownNodesAndCachesItsHolder() {
        KitRun run = KitRun.of(BrokenAddressKit.class);
        assertThat(run.failed()).containsExactlyInAnyOrder(
                "assignToAnUnknownNodeIsNotFoundAndMovesNothing", "addressMovesBetweenCandidates");
        assertThat(run.succeeded()).contains("assignToMakesTheNodeTheHolder", "addressIsStableAndNotBlank");
    }

    /** Never throws NotFoundException, and remembers the first holder forever. */
    static final class BrokenAddress implements FloatingAddress {
        private Optional<NodeId> cached = Optional.empty();

        @Override
        public String address() {
            return "10.0.0.100";
        }

        @Override
        public Optional<NodeId> holder() {
            return cached;
        }

        @Override
        public void assignTo(NodeId node) {
            if (cached.isEmpty()) {
                cached = Optional.of(node);
            }
        }
    }

    static class BrokenAddressKit extends FloatingAddressCompatibilityKit {
        @Override
        protected FloatingAddress createAddress() {
            return new BrokenAddress();
        }

        @Override
        protected List<NodeId> candidates() {
            return List.of(NodeId.of("a"), NodeId.of("b"));
        }
    }
}
