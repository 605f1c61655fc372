package io.hpcha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every value type refuses to exist in an invalid state. */
class ValueTypesTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"n1", "compute-001", "ip-10-0-0-1.ec2.internal", "a_b", "9"})
    void acceptsNodeNames(String name) {
        assertThat(NodeId.of(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-n1", ".n1", "n1,n2", "n[1-3]", "n 1", "n1;reboot", "$(id)", "n1\n"})
    void rejectsNamesACommandCouldMisread(String name) {
        assertThatThrownBy(() -> NodeId.of(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsOverlongNodeNames() {
        assertThat(NodeId.of("a".repeat(253))).isNotNull();
        assertThatThrownBy(() -> NodeId.of("a".repeat(254))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void healthOrdersBySeverity() {
        assertThat(Health.HEALTHY.worst(Health.DEGRADED)).isEqualTo(Health.DEGRADED);
        assertThat(Health.UNKNOWN.worst(Health.DEGRADED)).isEqualTo(Health.UNKNOWN);
        assertThat(Health.UNKNOWN.worst(Health.UNHEALTHY)).isEqualTo(Health.UNHEALTHY);
    }

    @Test
    void aForcedPromotionNeedsAReason() {
        assertThatThrownBy(() -> PromoteOptions.forced(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(PromoteOptions.forced("operator chose ctl2's data").force()).isTrue();
        assertThat(PromoteOptions.defaults().force()).isFalse();
    }

    @Test
    void volumeStatusKnowsWhereUpToDateDataIs() {
        Replica local = new Replica("ctl1", ConnectionState.LOCAL, ReplicaRole.SECONDARY, DiskState.OUTDATED,
                ReplicationState.OFF, Optional.empty());
        Replica connectedPeer = new Replica("ctl2", ConnectionState.CONNECTED, ReplicaRole.PRIMARY, DiskState.UP_TO_DATE,
                ReplicationState.ESTABLISHED, Optional.empty());
        Replica lostPeer = new Replica("ctl2", ConnectionState.CONNECTING, ReplicaRole.UNKNOWN, DiskState.UP_TO_DATE,
                ReplicationState.OFF, Optional.empty());

        VolumeStatus viaPeer = new VolumeStatus("r0", List.of(local, connectedPeer), true, false, false, false, "");
        assertThat(viaPeer.hasUpToDateData()).isTrue();
        assertThat(viaPeer.local()).contains(local);
        assertThat(viaPeer.peers()).containsExactly(connectedPeer);
        assertThat(viaPeer.primary()).contains(connectedPeer);

        // a peer we cannot reach does not count: its data may be what we would lose
        assertThat(new VolumeStatus("r0", List.of(local, lostPeer), true, false, false, false, "").hasUpToDateData()).isFalse();
    }

    @Test
    void volumeStatusRejectsDuplicateReplicas() {
        Replica a = new Replica("ctl1", ConnectionState.LOCAL, ReplicaRole.PRIMARY, DiskState.UP_TO_DATE, ReplicationState.OFF, Optional.empty());
        Replica b = new Replica("ctl1", ConnectionState.CONNECTED, ReplicaRole.SECONDARY, DiskState.UP_TO_DATE, ReplicationState.ESTABLISHED, Optional.empty());
        assertThatThrownBy(() -> new VolumeStatus("r0", List.of(a, b), true, true, false, false, ""))
                .hasMessageContaining("duplicate replica 'ctl1'");
    }

    @Test
    void syncProgressStaysInRange() {
        assertThatThrownBy(() -> new SyncProgress(100.5, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyncProgress(Double.NaN, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyncProgress(50, Optional.of(Duration.ofSeconds(-1)))).isInstanceOf(IllegalArgumentException.class);
        assertThat(ReplicationState.SYNC_TARGET.isSyncing()).isTrue();
        assertThat(ReplicationState.ESTABLISHED.isSyncing()).isFalse();
    }

    @Test
    void schedulerNodeDerivesAvailability() {
        SchedulerNode idle = node(NodeState.IDLE);
        SchedulerNode drained = node(NodeState.IDLE, NodeFlag.DRAIN, NodeFlag.DRAINED);
        SchedulerNode lost = node(NodeState.IDLE, NodeFlag.NOT_RESPONDING);
        SchedulerNode down = node(NodeState.DOWN);
        assertThat(idle.isAvailable()).isTrue();
        assertThat(drained.isAvailable()).isFalse();
        assertThat(drained.isDrained()).isTrue();
        assertThat(lost.isResponding()).isFalse();
        assertThat(down.isResponding()).isFalse();
        assertThat(down.isAvailable()).isFalse();
        assertThat(NodeFlag.parse("not-responding")).contains(NodeFlag.NOT_RESPONDING);
        assertThat(NodeFlag.parse("SOMETHING_NEW")).isEmpty();
    }

    @Test
    void controllerRoleMatchesItsPosition() {
        assertThat(new ControllerStatus("ctl2", ControllerRole.BACKUP, 1, true).role()).isEqualTo(ControllerRole.BACKUP);
        assertThatThrownBy(() -> new ControllerStatus("ctl1", ControllerRole.BACKUP, 0, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ControllerStatus("ctl2", ControllerRole.PRIMARY, 1, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fleetInstanceReportsImpairment() {
        FleetInstance ok = new FleetInstance("i-1", Optional.of(NodeId.of("c1")), InstanceState.RUNNING, StatusCheck.OK, StatusCheck.OK, List.of(), java.util.Map.of());
        FleetInstance bad = new FleetInstance("i-2", Optional.empty(), InstanceState.RUNNING, StatusCheck.IMPAIRED, StatusCheck.OK, List.of(), java.util.Map.of());
        assertThat(ok.isImpaired()).isFalse();
        assertThat(bad.isImpaired()).isTrue();
        assertThatThrownBy(() -> new FleetInstance(" ", Optional.empty(), InstanceState.RUNNING, StatusCheck.OK, StatusCheck.OK, List.of(), java.util.Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leadershipIsValidUntilItExpires() {
        Leadership l = new Leadership("ctl", NodeId.of("ctl1"), 7, T.plusSeconds(10));
        assertThat(l.isValidAt(T)).isTrue();
        assertThat(l.isValidAt(T.plusSeconds(10))).isFalse();
        assertThatThrownBy(() -> new Leadership("ctl", NodeId.of("ctl1"), -1, T)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unexpectedOutputKeepsABoundedExcerpt() {
        UnexpectedOutputException e = new UnexpectedOutputException("cannot parse sinfo", "x".repeat(10_000));
        assertThat(e.excerpt()).hasSize(UnexpectedOutputException.MAX_EXCERPT + "…[9488 more chars]".length());
        assertThat(e.getMessage()).startsWith("cannot parse sinfo: \"xxx");
        assertThat(e.retryable()).isFalse();
        assertThat(new BackendUnavailableException("x").retryable()).isTrue();
        assertThat(new OperationRefusedException("-12", "held open", true, null).retryable()).isTrue();
        assertThat(new OperationRefusedException("UnauthorizedOperation", "no").code()).isEqualTo("UnauthorizedOperation");
    }

    private static SchedulerNode node(NodeState state, NodeFlag... flags) {
        Set<NodeFlag> set = flags.length == 0 ? Set.of() : EnumSet.of(flags[0], flags);
        return new SchedulerNode(NodeId.of("n1"), state, set, Set.of(), Optional.empty(), Optional.empty(), state.name());
    }
}
