package io.hpcha.drbd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.ConnectionState;
import io.hpcha.DiskState;
import io.hpcha.ReplicaRole;
import io.hpcha.ReplicationState;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.VolumeStatus;
import io.hpcha.drbd.Fixture;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** drbdsetup events2 lines and the state they build, on drbd-utils' own expected outputs. */
class Events2Test {
    private static final String RES = "some-resource";

    private static Events2State apply(List<String> lines) {
        Events2State state = new Events2State();
        for (String line : lines) {
            Events2Parser.parseLine(line.replace("TIME ", "2024-03-01T10:00:00.123456+00:00 ")).ifPresent(state::apply);
        }
        return state;
    }

    private static VolumeStatus status(Events2State state) {
        return VolumeStatusMapper.map(state.snapshot(RES).orElseThrow(), "me", state.splitBrainPeers(RES), "raw");
    }

    @ParameterizedTest
    @ValueSource(strings = {"events2-all-create-change.test", "events2-all-create-destroy.test",
        "events2-all-create-helper.test", "events2-change-before-exists.test", "events2-create-before-exists.test",
        "events2-destroy-before-exists.test", "events2-device-create-destroy.test", "events2-exists-before-create.test",
        "events2-first-out-of-order.test", "events2-no-resources.test", "events2-out-of-order.test",
        "events2-resource-create-destroy.test", "events2-resource-exists.test", "events2-sync.test",
        "events2-may-promote-quorum.test", "events2-may-promote-peer-data.test", "events2-may-promote-peer-role.test"})
    void everyLineOfEveryFixtureParses(String file) {
        for (Fixture.Block block : Fixture.events2Blocks(file)) {
            assertThat(block.exitCode()).isZero();
            Events2State state = apply(block.output());
            state.resourceNames().forEach(state::snapshot); // every value known
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--diff", "--statistics", "--full", "--color", "--timestamps"})
    void everyOutputFormOfTheSameChangesEndsInTheSameState(String option) {
        Events2State state = apply(Fixture.events2("events2-all-create-change.test", option));
        assertThat(state.initialStateDone()).isTrue();
        VolumeStatus s = status(state);
        assertThat(s.local().orElseThrow().role()).isEqualTo(ReplicaRole.PRIMARY);
        assertThat(s.local().orElseThrow().disk()).isEqualTo(DiskState.UP_TO_DATE);
        assertThat(s.peers()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("some-peer");
            assertThat(p.connection()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(p.role()).isEqualTo(ReplicaRole.SECONDARY);
            assertThat(p.disk()).isEqualTo(DiskState.UP_TO_DATE);
            assertThat(p.replication()).isEqualTo(ReplicationState.ESTABLISHED);
        });
        assertThat(s.mayPromote()).as("DRBD's may_promote:no once primary").isFalse();
    }

    @Test
    void colorAndTimestampsAreStripped() {
        Events2Record r = Events2Parser.parseLine(
                "2024-03-01T10:00:00.123456+00:00 create device name:r0 volume:0 minor:1000 disk:\u001B[1;31mDiskless\u001B[0m client:no")
                .orElseThrow();
        assertThat(r.kind()).isEqualTo("create");
        assertThat(r.field("disk")).contains("Diskless");
        assertThat(Events2Parser.parseLine("   ")).isEmpty();
    }

    @Test
    void diffFormKeepsTheNewValueAndKeysAreCanonical() {
        Events2Record r = Events2Parser.parseLine(
                "change resource name:some-resource role:Secondary->Primary may_promote:yes->no promotion_score:10102->10102")
                .orElseThrow();
        assertThat(r.field("role")).contains("Primary");
        assertThat(r.field("may_promote")).contains("no");
        assertThat(r.field("may-promote")).contains("no");
    }

    @Test
    void resyncProgressAndEstimate() {
        VolumeStatus plain = status(apply(Fixture.events2("events2-sync.test", "")));
        assertThat(plain.isSyncing()).isTrue();
        assertThat(plain.peers().get(0).replication()).isEqualTo(ReplicationState.SYNC_SOURCE);
        assertThat(plain.peers().get(0).sync().orElseThrow().percentDone()).isEqualTo(37.5);
        assertThat(plain.peers().get(0).sync().orElseThrow().remaining()).isEmpty();
        Events2State stats = apply(Fixture.events2("events2-sync.test", "--statistics"));
        assertThat(status(stats).peers().get(0).sync().orElseThrow().remaining()).contains(Duration.ofSeconds(10));
        assertThat(stats.snapshot(RES).orElseThrow().peers().get(0).devices().get(0).outOfSyncKib()).isEqualTo(2500);
    }

    @Test
    void destroyedObjectsDisappear() {
        assertThat(apply(Fixture.events2("events2-all-create-destroy.test", "")).snapshot(RES)).isEmpty();
        assertThat(apply(Fixture.events2("events2-resource-create-destroy.test", "")).snapshot(RES)).isEmpty();
        assertThat(apply(Fixture.events2("events2-device-create-destroy.test", "")).resourceNames()).isEmpty();
        Events2State noResources = apply(Fixture.events2("events2-no-resources.test", ""));
        assertThat(noResources.initialStateDone()).isTrue();
        assertThat(noResources.resourceNames()).isEmpty();
    }

    @Test
    void objectsListedOutOfOrder() {
        DrbdResource r = apply(Fixture.events2("events2-first-out-of-order.test", "")).snapshot(RES).orElseThrow();
        assertThat(r.devices()).extracting(DrbdDevice::volume).containsExactly(0, 1);
        assertThat(r.peers()).singleElement().satisfies(p -> assertThat(p.connection()).isEqualTo(ConnectionState.STANDALONE));
        VolumeStatus changed = status(apply(Fixture.events2("events2-change-before-exists.test", "")));
        assertThat(changed.local().orElseThrow().role()).isEqualTo(ReplicaRole.PRIMARY);
        Events2State existsOnly = apply(Fixture.events2("events2-resource-exists.test", ""));
        assertThat(existsOnly.initialStateDone()).as("no 'exists -' printed").isFalse();
        assertThat(status(existsOnly).local().orElseThrow().disk()).as("no device: nothing to read or write")
                .isEqualTo(DiskState.DISKLESS);
    }

    @Test
    void mayPromoteFollowsQuorumPeerDataAndPeerRole() {
        List<String> quorum = Fixture.events2("events2-may-promote-quorum.test", "");
        VolumeStatus beforeLoss = status(apply(quorum.subList(0, quorum.size() - 2)));
        assertThat(beforeLoss.mayPromote()).isTrue();
        assertThat(beforeLoss.quorum()).isTrue();
        VolumeStatus lost = status(apply(quorum));
        assertThat(lost.quorum()).isFalse();
        assertThat(lost.mayPromote()).isFalse();

        VolumeStatus peerData = status(apply(Fixture.events2("events2-may-promote-peer-data.test", "")));
        assertThat(peerData.local().orElseThrow().disk()).isEqualTo(DiskState.DISKLESS);
        assertThat(peerData.hasUpToDateData()).as("through the connected UpToDate peer").isTrue();
        assertThat(peerData.mayPromote()).isTrue();

        VolumeStatus peerPrimary = status(apply(Fixture.events2("events2-may-promote-peer-role.test", "")));
        assertThat(peerPrimary.primary().orElseThrow().name()).isEqualTo("some-peer");
        assertThat(peerPrimary.mayPromote()).isFalse();
    }

    @Test
    void helperCallsOtherThanSplitBrainAreNoSplitBrain() {
        Events2State state = apply(Fixture.events2("events2-all-create-helper.test", ""));
        assertThat(state.splitBrainPeers(RES)).isEmpty();
        assertThat(status(state).splitBrain()).isFalse();
    }

    @Test
    void splitBrainHelperMarksThePeerUntilItConnectsAgain() {
        // the fixture's helper line, calling the split-brain handler instead of before-resync-target
        List<String> lines = new java.util.ArrayList<>(Fixture.events2("events2-all-create-helper.test", ""));
        lines.add("call helper name:some-resource peer-node-id:1 conn-name:some-peer volume:0 helper:split-brain");
        Events2State state = apply(lines);
        assertThat(state.splitBrainPeers(RES)).containsExactly("some-peer");
        assertThat(status(state).splitBrain()).isTrue();
        state.clear();
        assertThat(state.splitBrainPeers(RES)).as("a restarted stream does not repeat the call").containsExactly("some-peer");
        state.apply(Events2Parser.parseLine("change connection name:some-resource peer-node-id:1 conn-name:some-peer "
                + "connection:Connected role:Secondary").orElseThrow());
        assertThat(state.splitBrainPeers(RES)).isEmpty();
    }

    @Test
    void unreadableLinesAndUnknownStatesAreUnexpectedOutput() {
        assertThatThrownBy(() -> Events2Parser.parseLine("hello world")).isInstanceOf(UnexpectedOutputException.class);
        assertThatThrownBy(() -> Events2Parser.parseLine("change resource name:r0 role")).isInstanceOf(UnexpectedOutputException.class);
        Events2State state = apply(List.of("exists resource name:r0 role:Tertiary suspended:no"));
        assertThatThrownBy(() -> state.snapshot("r0")).isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("Tertiary");
        assertThat(Optional.of(state.resourceNames())).contains(java.util.Set.of("r0"));
    }
}
