package io.hpcha.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.NodeId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FakeFloatingAddressTest {
    private static final NodeId H1 = NodeId.of("head-1");
    private static final NodeId H2 = NodeId.of("head-2");
    private final ManualClock clock = new ManualClock();
    private final FakeFloatingAddress address = new FakeFloatingAddress("10.0.0.100", clock, "head-1", "head-2");

    @Test
    void recordsOnlyRealMoves() {
        address.assignTo(H1);
        address.assignTo(H1);
        address.assignTo(H2);
        assertThat(address.writes()).extracting(w -> w.targets().get(0)).containsExactly("head-1", "head-2");
    }

    @Test
    void seesMovesMadeByOthers() {
        address.assignTo(H1);
        address.moveOutside(Optional.of(H2));
        assertThat(address.holder()).contains(H2);
        address.moveOutside(Optional.empty());
        assertThat(address.holder()).isEmpty();
        assertThat(address.writes()).hasSize(1);
    }

    @Test
    void aSlowBackendTakesTimeOnTheClockAndAnUnavailableOneMovesNothing() {
        address.faults().latency(Duration.ofSeconds(4));
        address.assignTo(H1);
        assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START.plusSeconds(4));
        address.faults().reset().failNext("assignTo", 1, () -> new BackendUnavailableException("RequestLimitExceeded"));
        assertThatThrownBy(() -> address.assignTo(H2)).hasMessage("RequestLimitExceeded");
        assertThat(address.holder()).contains(H1);
        assertThat(address.candidates()).containsExactlyInAnyOrderElementsOf(List.of(H1, H2));
    }
}
