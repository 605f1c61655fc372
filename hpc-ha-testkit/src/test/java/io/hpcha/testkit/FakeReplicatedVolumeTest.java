package io.hpcha.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.ConnectionState;
import io.hpcha.DiskState;
import io.hpcha.OperationRefusedException;
import io.hpcha.PromoteOptions;
import io.hpcha.Replica;
import io.hpcha.ReplicaRole;
import io.hpcha.VolumeStatus;
import org.junit.jupiter.api.Test;

class FakeReplicatedVolumeTest {
    private final FakeReplicatedVolume volume = new FakeReplicatedVolume("r0", "head-1", "head-2", new ManualClock());

    private static String code(Throwable e) {
        return ((OperationRefusedException) e).code();
    }

    @Test
    void refusesASecondPrimaryWhileThePeerIsConnectedPrimary() {
        volume.setPeer(ReplicaRole.PRIMARY, DiskState.UP_TO_DATE, ConnectionState.CONNECTED);
        assertThatThrownBy(() -> volume.promote(PromoteOptions.forced("even forced")))
                .isInstanceOf(OperationRefusedException.class).satisfies(e -> assertThat(code(e)).isEqualTo("-1"));
        assertThat(volume.status().local().orElseThrow().role()).isEqualTo(ReplicaRole.SECONDARY);
    }

    @Test
    void promotesWithADisconnectedPeerWhenLocalDataIsUpToDate() {
        volume.setPeer(ReplicaRole.PRIMARY, DiskState.UP_TO_DATE, ConnectionState.UNCONNECTED);
        VolumeStatus status = volume.status();
        Replica peer = status.peers().get(0);
        assertThat(peer.role()).isEqualTo(ReplicaRole.UNKNOWN);
        assertThat(peer.disk()).isEqualTo(DiskState.UNKNOWN);
        assertThat(status.mayPromote()).isTrue();
        volume.promote(PromoteOptions.defaults());
        assertThat(volume.status().local().orElseThrow().role()).isEqualTo(ReplicaRole.PRIMARY);
    }

    @Test
    void promotesOnAConnectedPeersUpToDateData() {
        volume.setLocal(ReplicaRole.SECONDARY, DiskState.INCONSISTENT);
        volume.promote(PromoteOptions.defaults());
        assertThat(volume.status().local().orElseThrow().disk()).isEqualTo(DiskState.INCONSISTENT);
        assertThat(volume.status().primary().orElseThrow().name()).isEqualTo("head-1");
    }

    @Test
    void forcedPromotionWithoutUpToDateDataMakesLocalDataUpToDate() {
        volume.setLocal(ReplicaRole.SECONDARY, DiskState.OUTDATED)
                .setPeer(ReplicaRole.UNKNOWN, DiskState.UNKNOWN, ConnectionState.STANDALONE);
        assertThatThrownBy(() -> volume.promote(PromoteOptions.defaults()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("-2"));
        volume.promote(PromoteOptions.forced("operator chose head-1's data"));
        assertThat(volume.status().local().orElseThrow())
                .extracting(Replica::role, Replica::disk).containsExactly(ReplicaRole.PRIMARY, DiskState.UP_TO_DATE);
        assertThat(volume.writes()).singleElement().extracting(RecordedWrite::detail)
                .isEqualTo("force: operator chose head-1's data");
    }

    @Test
    void aDisklessReplicaCannotBeForcedWithoutData() {
        volume.setLocal(ReplicaRole.SECONDARY, DiskState.DISKLESS)
                .setPeer(ReplicaRole.SECONDARY, DiskState.UP_TO_DATE, ConnectionState.CONNECTING);
        assertThatThrownBy(() -> volume.promote(PromoteOptions.forced("no data anywhere")))
                .isInstanceOf(OperationRefusedException.class);
    }

    @Test
    void withoutQuorumPromotionIsRefusedUnlessForced() {
        volume.quorum(false);
        assertThat(volume.status().mayPromote()).isFalse();
        assertThatThrownBy(() -> volume.promote(PromoteOptions.defaults())).isInstanceOf(OperationRefusedException.class);
        volume.promote(PromoteOptions.forced("last node standing"));
        assertThat(volume.status().primary()).isPresent();
    }

    @Test
    void demoteOfAHeldOpenDeviceIsRefusedButRetryable() {
        volume.promote(PromoteOptions.defaults());
        volume.heldOpen(true);
        assertThatThrownBy(volume::demote).isInstanceOf(OperationRefusedException.class)
                .satisfies(e -> assertThat(((OperationRefusedException) e).retryable()).isTrue());
        volume.heldOpen(false);
        volume.demote();
        assertThat(volume.status().primary()).isEmpty();
    }

    @Test
    void idempotentCallsRecordNoWrites() {
        volume.demote();
        volume.promote(PromoteOptions.defaults());
        volume.promote(PromoteOptions.defaults());
        assertThat(volume.writes()).extracting(RecordedWrite::operation).containsExactly("promote");
    }
}
