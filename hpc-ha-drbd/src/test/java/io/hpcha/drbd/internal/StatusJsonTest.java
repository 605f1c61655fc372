package io.hpcha.drbd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.ConnectionState;
import io.hpcha.DiskState;
import io.hpcha.ReplicaRole;
import io.hpcha.ReplicationState;
import io.hpcha.SyncProgress;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.VolumeStatus;
import io.hpcha.drbd.Fixture;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** drbdsetup status --json, on a capture from SLE 15 and on drbdsetup's own JSON layout. */
class StatusJsonTest {
    private static final String FIVE = Fixture.load("drbd9-status-json/status-json-sle15-five-resources.json");
    private static final String SYNC = Fixture.load("drbd9-status-json/status-json-syncsource-format.json");
    private static final String STANDALONE = Fixture.load("drbd9-status-json/status-json-standalone-format.json");

    @Test
    void readsEachResourceOfACapturedStatus() {
        for (String name : List.of("1-single-0", "1-single-1", "vg1", "vg2", "vg3")) {
            DrbdResource r = StatusJson.parse(FIVE, name).orElseThrow();
            assertThat(r.name()).isEqualTo(name);
            assertThat(r.role()).isEqualTo(ReplicaRole.SECONDARY);
            assertThat(r.suspended()).isFalse();
            assertThat(r.mayPromote()).isEmpty();
            assertThat(r.devices()).singleElement().satisfies(d -> {
                assertThat(d.disk()).isEqualTo(DiskState.UP_TO_DATE);
                assertThat(d.quorum()).isTrue();
            });
            // "peer-node-id" and "peer_devices" in the same object: both separators are read
            assertThat(r.peers()).singleElement().satisfies(p -> {
                assertThat(p.nodeId()).isEqualTo(1);
                assertThat(p.name()).isEqualTo("SLE15-sp1-gm-drbd1145296-node1");
                assertThat(p.connection()).isEqualTo(ConnectionState.CONNECTED);
                assertThat(p.role()).isEqualTo(ReplicaRole.PRIMARY);
                assertThat(p.devices()).singleElement().satisfies(pd -> {
                    assertThat(pd.replication()).isEqualTo(ReplicationState.ESTABLISHED);
                    assertThat(pd.disk()).isEqualTo(DiskState.UP_TO_DATE);
                    assertThat(pd.sync()).isEmpty();
                    assertThat(pd.outOfSyncKib()).isZero();
                });
            });
        }
    }

    @Test
    void aResourceTheOutputDoesNotListIsEmpty() {
        assertThat(StatusJson.parse(FIVE, "r0")).isEmpty();
        assertThat(StatusJson.parse("[\n]\n", "r0")).isEmpty();
    }

    @Test
    void capturedStatusMapsToAVolumeWhosePeerIsPrimary() {
        VolumeStatus s = VolumeStatusMapper.map(StatusJson.parse(FIVE, "vg2").orElseThrow(), "node2", Set.of(), FIVE);
        assertThat(s.volume()).isEqualTo("vg2");
        assertThat(s.local().orElseThrow().role()).isEqualTo(ReplicaRole.SECONDARY);
        assertThat(s.primary().orElseThrow().name()).isEqualTo("SLE15-sp1-gm-drbd1145296-node1");
        assertThat(s.hasUpToDateData()).isTrue();
        assertThat(s.quorum()).isTrue();
        assertThat(s.mayPromote()).as("the peer is primary").isFalse();
        assertThat(s.splitBrain()).isFalse();
    }

    @Test
    void runningResyncWithCountersBeyond32Bits() {
        DrbdResource r = StatusJson.parse(SYNC, "r0").orElseThrow();
        DrbdPeerDevice pd = r.peers().get(0).devices().get(0);
        assertThat(pd.replication()).isEqualTo(ReplicationState.SYNC_SOURCE);
        assertThat(pd.disk()).isEqualTo(DiskState.INCONSISTENT);
        assertThat(pd.outOfSyncKib()).isEqualTo(9_663_676_416L);
        assertThat(pd.sync()).contains(new SyncProgress(55.0, java.util.Optional.of(Duration.ofSeconds(314_573))));
        VolumeStatus s = VolumeStatusMapper.map(r, "ctl-a", Set.of(), SYNC);
        assertThat(s.isSyncing()).isTrue();
        assertThat(s.local().orElseThrow().role()).isEqualTo(ReplicaRole.PRIMARY);
        assertThat(s.peers().get(0).sync().orElseThrow().percentDone()).isEqualTo(55.0);
    }

    @Test
    void standAlonePeerWithoutQuorumOrStatistics() {
        VolumeStatus s = VolumeStatusMapper.map(StatusJson.parse(STANDALONE, "r0").orElseThrow(), "ctl-b", Set.of(), STANDALONE);
        assertThat(s.quorum()).isFalse();
        assertThat(s.local().orElseThrow().disk()).isEqualTo(DiskState.OUTDATED);
        assertThat(s.peers()).singleElement().satisfies(p -> {
            assertThat(p.connection()).isEqualTo(ConnectionState.STANDALONE);
            assertThat(p.role()).isEqualTo(ReplicaRole.UNKNOWN);
            assertThat(p.disk()).isEqualTo(DiskState.UNKNOWN);
        });
        assertThat(s.hasUpToDateData()).isFalse();
        assertThat(s.mayPromote()).isFalse();
    }

    @Test
    void unknownStatesAndBrokenJsonAreUnexpectedOutput() {
        assertThatThrownBy(() -> StatusJson.parse(FIVE.replace("\"Established\"", "\"Establishing\""), "vg1"))
                .isInstanceOf(UnexpectedOutputException.class).hasMessageContaining("Establishing");
        assertThatThrownBy(() -> StatusJson.parse(FIVE.substring(0, 200), "vg1"))
                .isInstanceOf(UnexpectedOutputException.class);
        assertThatThrownBy(() -> StatusJson.parse("{}", "vg1")).isInstanceOf(UnexpectedOutputException.class);
        assertThatThrownBy(() -> StatusJson.parse(FIVE.replace("\"role\": \"Secondary\",", ""), "vg1"))
                .isInstanceOf(UnexpectedOutputException.class).hasMessageContaining("role");
        assertThatThrownBy(() -> StatusJson.parse(SYNC.replace("9663676416", "-1"), "r0"))
                .isInstanceOf(UnexpectedOutputException.class);
    }

    @Test
    void countersAreUnsigned64Bit() {
        assertThat(Long.toUnsignedString(Counters.unsigned("18446744073709551608", "ap-in-flight")))
                .isEqualTo("18446744073709551608");
        assertThatThrownBy(() -> Counters.unsigned("18446744073709551616", "x")).isInstanceOf(UnexpectedOutputException.class);
        assertThatThrownBy(() -> Counters.unsigned(new java.math.BigInteger("-1"), "x")).isInstanceOf(UnexpectedOutputException.class);
    }
}
