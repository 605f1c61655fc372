package io.hpcha.beegfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.UnexpectedOutputException;
import io.hpcha.beegfs.internal.CtlText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CtlTextTest {
    @Test
    void readsStorageTargetsWithStatesAndLongNodeIds() {
        List<TargetState> t = CtlText.targets(Fixtures.read("beegfs-7/listtargets-storage-failover.txt"), BeegfsNodeType.STORAGE);
        assertThat(t).extracting(TargetState::id).containsExactly(101, 102, 201, 202);
        assertThat(t.get(0).reachability()).isEqualTo(Reachability.OFFLINE);
        assertThat(t.get(0).consistency()).isEqualTo(Consistency.NEEDS_RESYNC);
        assertThat(t.get(0).node()).isEqualTo("beegfs-storage stor01 [ID: 1]");
        assertThat(t.get(1).reachability()).isEqualTo(Reachability.PROBABLY_OFFLINE);
        assertThat(t.get(3).consistency()).isEqualTo(Consistency.BAD);
        assertThat(t).allMatch(s -> s.type() == BeegfsNodeType.STORAGE && s.totalBytes().isEmpty());
    }

    @Test
    void resyncingIsNeedsResyncWithARunningResync() {
        List<TargetState> t = CtlText.targets(Fixtures.read("beegfs-7/listtargets-storage-resyncing.txt"), BeegfsNodeType.STORAGE);
        assertThat(t.get(0).consistency()).isEqualTo(Consistency.NEEDS_RESYNC);
        assertThat(t.get(0).resyncing()).isTrue();
        assertThat(t.get(1).resyncing()).isFalse();
    }

    @Test
    void readsMetaTargets() {
        List<TargetState> t = CtlText.targets(Fixtures.read("beegfs-7/listtargets-meta-good.txt"), BeegfsNodeType.META);
        assertThat(t).extracting(TargetState::subject).containsExactly("meta-target:1", "meta-target:2");
    }

    @Test
    void readsBuddyGroupsOfBothKinds() {
        assertThat(CtlText.buddyGroups(Fixtures.read("beegfs-7/listmirrorgroups-storage.txt"), BeegfsNodeType.STORAGE))
                .containsExactly(new BuddyGroup(BeegfsNodeType.STORAGE, 1, 201, 101), new BuddyGroup(BeegfsNodeType.STORAGE, 2, 102, 202));
        assertThat(CtlText.buddyGroups(Fixtures.read("beegfs-7/listmirrorgroups-meta.txt"), BeegfsNodeType.META))
                .containsExactly(new BuddyGroup(BeegfsNodeType.META, 1, 1, 2));
        assertThat(CtlText.buddyGroups("", BeegfsNodeType.STORAGE)).isEmpty();
    }

    @Test
    void readsRunningStorageResyncWithProgress() {
        ResyncStats s = CtlText.resyncStats(Fixtures.read("beegfs-7/resyncstats-storage-running.txt"), BeegfsNodeType.STORAGE, ZoneOffset.UTC);
        assertThat(s.state()).isEqualTo(ResyncJobState.RUNNING);
        assertThat(s.startTime()).contains(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(s.endTime()).isEmpty();
        assertThat(s.candidates()).isEqualTo(1000);
        assertThat(s.synced()).isEqualTo(250);
        assertThat(s.percentDone()).isEqualTo(25.0);
    }

    @Test
    void readsCompletedResyncWithCtimePaddedDays() {
        ResyncStats s = CtlText.resyncStats(Fixtures.read("beegfs-7/resyncstats-storage-completed.txt"), BeegfsNodeType.STORAGE, ZoneOffset.UTC);
        assertThat(s.state()).isEqualTo(ResyncJobState.SUCCESS);
        assertThat(s.startTime()).contains(Instant.parse("2026-11-02T09:05:07Z"));
        assertThat(s.endTime()).contains(Instant.parse("2026-11-02T09:35:07Z"));
        assertThat(s.percentDone()).isEqualTo(100.0);
    }

    @Test
    void readsMetaResyncCounters() {
        ResyncStats s = CtlText.resyncStats(Fixtures.read("beegfs-7/resyncstats-meta-running.txt"), BeegfsNodeType.META, ZoneOffset.UTC);
        assertThat(s.candidates()).isEqualTo(200);
        assertThat(s.synced()).isEqualTo(50);
        assertThat(s.errors()).isEqualTo(1);
    }

    @Test
    void readsNodesAndTheirReachability() {
        List<NodeStatus> n = CtlText.nodes(Fixtures.read("beegfs-7/listnodes-storage-one-unreachable.txt"), BeegfsNodeType.STORAGE);
        assertThat(n).containsExactly(new NodeStatus(BeegfsNodeType.STORAGE, 1, "stor01", false),
                new NodeStatus(BeegfsNodeType.STORAGE, 2, "stor02", true));
    }

    @Test
    void readsBeegfsDfSections() {
        List<TargetSpace> s = CtlText.df(Fixtures.read("beegfs-7/beegfs-df.txt"));
        assertThat(s).extracting(TargetSpace::subject).containsExactly("meta-target:1", "meta-target:2",
                "storage-target:101", "storage-target:102", "storage-target:201", "storage-target:202");
        TargetSpace emergency = s.get(3);
        assertThat(emergency.freePercent()).isBetween(1.9, 2.1);
        assertThat(emergency.totalBytes()).isEqualTo(Math.round(7431.6 * 1024 * 1024 * 1024));
    }

    @Test
    void unknownLinesAreUnexpectedOutputWithAnExcerpt() {
        String garbled = Fixtures.read("beegfs-7/listtargets-storage-good.txt") + "     103   Sleeping   Good   x\n";
        assertThatThrownBy(() -> CtlText.targets(garbled, BeegfsNodeType.STORAGE))
                .isInstanceOf(UnexpectedOutputException.class)
                .satisfies(e -> assertThat(((UnexpectedOutputException) e).excerpt()).contains("Sleeping"));
        assertThatThrownBy(() -> CtlText.targets("Usage: beegfs-ctl --<modename>\n", BeegfsNodeType.STORAGE))
                .isInstanceOf(UnexpectedOutputException.class);
        assertThatThrownBy(() -> CtlText.resyncStats("Job state: Unknown\n", BeegfsNodeType.STORAGE, ZoneOffset.UTC))
                .isInstanceOf(UnexpectedOutputException.class);
        assertThatThrownBy(() -> CtlText.df("nothing here\n")).isInstanceOf(UnexpectedOutputException.class);
        assertThatThrownBy(() -> CtlText.nodes("stor01 [ID: 1]\n", BeegfsNodeType.STORAGE)).isInstanceOf(UnexpectedOutputException.class);
    }
}
