package io.hpcha.beegfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.UnexpectedOutputException;
import io.hpcha.beegfs.internal.CliJson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliJsonTest {
    @Test
    void readsTargetsWithStatesAndRawCapacity() {
        List<TargetState> t = CliJson.targets(Fixtures.read("beegfs-8/target-list-storage.ndjson"), BeegfsNodeType.STORAGE);
        assertThat(t).extracting(TargetState::id).containsExactly(101, 102, 201, 202);
        assertThat(t.get(0).node()).isEqualTo("node_storage_1");
        assertThat(t.get(0).reachability()).isEqualTo(Reachability.ONLINE);
        assertThat(t.get(0).totalBytes()).contains(7979578949632L);
        assertThat(t.get(1).freeBytes()).contains(159591578993L);
    }

    @Test
    void unknownCapacityOfAnOfflineTargetIsEmpty() {
        List<TargetState> t = CliJson.targets(Fixtures.read("beegfs-8/target-list-storage-failover.ndjson"), BeegfsNodeType.STORAGE);
        assertThat(t.get(0).reachability()).isEqualTo(Reachability.OFFLINE);
        assertThat(t.get(0).consistency()).isEqualTo(Consistency.NEEDS_RESYNC);
        assertThat(t.get(0).totalBytes()).isEmpty();
        assertThat(t.get(1).reachability()).isEqualTo(Reachability.PROBABLY_OFFLINE);
        assertThat(t.get(3).consistency()).isEqualTo(Consistency.BAD);
    }

    @Test
    void readsBuddyGroupsFromLegacyIdStrings() {
        assertThat(CliJson.buddyGroups(Fixtures.read("beegfs-8/mirror-list-storage.ndjson"), BeegfsNodeType.STORAGE))
                .containsExactly(new BuddyGroup(BeegfsNodeType.STORAGE, 1, 201, 101), new BuddyGroup(BeegfsNodeType.STORAGE, 2, 102, 202));
        assertThat(CliJson.buddyGroups(Fixtures.read("beegfs-8/mirror-list-meta.ndjson"), BeegfsNodeType.META))
                .containsExactly(new BuddyGroup(BeegfsNodeType.META, 1, 1, 2));
    }

    @Test
    void aNodeIsReachableWhenAnyNicIs() {
        List<NodeStatus> n = CliJson.nodes(Fixtures.read("beegfs-8/node-list-storage.ndjson"), BeegfsNodeType.STORAGE);
        assertThat(n).containsExactly(new NodeStatus(BeegfsNodeType.STORAGE, 1, "node_storage_1", false),
                new NodeStatus(BeegfsNodeType.STORAGE, 2, "node_storage_2", true));
        assertThat(CliJson.nodes(Fixtures.read("beegfs-8/node-list-management.ndjson"), BeegfsNodeType.MANAGEMENT))
                .extracting(NodeStatus::subject).containsExactly("management:1");
    }

    @Test
    void readsResyncStatsText() {
        ResyncStats s = CliJson.resyncStats(Fixtures.read("beegfs-8/mirror-resync-stats-storage-running.txt"), BeegfsNodeType.STORAGE);
        assertThat(s.state()).isEqualTo(ResyncJobState.RUNNING);
        assertThat(s.startTime()).contains(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(s.endTime()).as("the epoch means not set").isEmpty();
        assertThat(s.percentDone()).isEqualTo(25.0);
    }

    @Test
    void acceptsOnePagePerLineArraysAndLowerCaseStates() {
        String line = "[{\"id\":\"storage:7\",\"on_node\":\"n\",\"reachability\":\"online\",\"consistency\":\"needs-resync\",\"space\":\"-\",\"sfree\":\"-\"}]\n";
        TargetState t = CliJson.targets(line, BeegfsNodeType.STORAGE).get(0);
        assertThat(t.id()).isEqualTo(7);
        assertThat(t.consistency()).isEqualTo(Consistency.NEEDS_RESYNC);
    }

    @Test
    void rejectsWhatItCannotRead() {
        assertThatThrownBy(() -> CliJson.targets("ID  ALIAS  ON NODE\n", BeegfsNodeType.STORAGE))
                .isInstanceOf(UnexpectedOutputException.class)
                .satisfies(e -> assertThat(((UnexpectedOutputException) e).excerpt()).contains("ALIAS"));
        assertThatThrownBy(() -> CliJson.targets("{\"id\":{\"num_id\":1,\"node_type\":2},\"reachability\":\"Online\",\"consistency\":\"Good\"}\n",
                BeegfsNodeType.STORAGE)).as("a meta id where storage was asked").isInstanceOf(UnexpectedOutputException.class);
        assertThatThrownBy(() -> CliJson.targets("{\"id\":{\"num_id\":1,\"node_type\":3},\"reachability\":\"Dozing\",\"consistency\":\"Good\"}\n",
                BeegfsNodeType.STORAGE)).isInstanceOf(UnexpectedOutputException.class);
        assertThatThrownBy(() -> CliJson.targets("{\"id\":{\"num_id\":70000,\"node_type\":3},\"reachability\":\"Online\",\"consistency\":\"Good\"}\n",
                BeegfsNodeType.STORAGE)).isInstanceOf(UnexpectedOutputException.class);
        assertThatThrownBy(() -> CliJson.resyncStats("Job State: sleeping\n", BeegfsNodeType.STORAGE))
                .isInstanceOf(UnexpectedOutputException.class);
    }
}
