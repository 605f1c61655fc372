package io.hpcha.beegfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConnectionState;
import io.hpcha.DiskState;
import io.hpcha.OperationRefusedException;
import io.hpcha.PromoteOptions;
import io.hpcha.ReplicaRole;
import io.hpcha.ReplicationState;
import io.hpcha.VolumeStatus;
import io.hpcha.testkit.ManualClock;
import io.hpcha.testkit.ScriptedCommandRunner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BeegfsMirrorGroupTest {
    private final ManualClock clock = new ManualClock();
    private final ScriptedCommandRunner runner = new ScriptedCommandRunner(clock);
    private final BeegfsClient v7 = BeegfsClient.builder().runner(runner).generation(CliGeneration.V7).build();

    private void groups() {
        runner.expect("beegfs-ctl", "--listmirrorgroups", "--nodetype=storage").always()
                .thenReturn(0, Fixtures.read("beegfs-7/listmirrorgroups-storage.txt"));
    }

    @Test
    void statusShowsARunningResyncWithItsProgress() {
        groups();
        runner.expect("beegfs-ctl", "--listtargets", "--nodetype=storage", "--state", "--longnodes").always()
                .thenReturn(0, Fixtures.read("beegfs-7/listtargets-storage-resyncing.txt"));
        runner.expect("beegfs-ctl", "--resyncstats", "--nodetype=storage", "--mirrorgroupid=1").always()
                .thenReturn(0, Fixtures.read("beegfs-7/resyncstats-storage-running.txt"));
        VolumeStatus s = BeegfsMirrorGroup.builder().client(v7).groupId(1).localTarget(201).build().status();
        assertThat(s.volume()).isEqualTo("storage-group-1");
        assertThat(s.local().orElseThrow().name()).isEqualTo("s:201");
        assertThat(s.local().orElseThrow().role()).isEqualTo(ReplicaRole.PRIMARY);
        var peer = s.peers().get(0);
        assertThat(peer.name()).isEqualTo("s:101");
        assertThat(peer.connection()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(peer.disk()).isEqualTo(DiskState.INCONSISTENT);
        assertThat(peer.replication()).isEqualTo(ReplicationState.SYNC_TARGET);
        assertThat(peer.sync().orElseThrow().percentDone()).isEqualTo(25.0);
        assertThat(s.isSyncing()).isTrue();
        assertThat(s.mayPromote()).isTrue();
    }

    @Test
    void statusOfAFailedOverGroupFromTheSecondarysView() {
        groups();
        runner.expect("beegfs-ctl", "--listtargets", "--nodetype=storage", "--state", "--longnodes").always()
                .thenReturn(0, Fixtures.read("beegfs-7/listtargets-storage-failover.txt"));
        VolumeStatus s = BeegfsMirrorGroup.builder().client(v7).groupId(1).localTarget(101).build().status();
        assertThat(s.local().orElseThrow().role()).isEqualTo(ReplicaRole.SECONDARY);
        assertThat(s.local().orElseThrow().disk()).as("an Offline target's data").isEqualTo(DiskState.UNKNOWN);
        assertThat(s.mayPromote()).isFalse();
        assertThat(s.hasUpToDateData()).as("the Online, Good primary").isTrue();
        assertThat(s.isSyncing()).as("no resync stats are asked of an Offline secondary").isFalse();
    }

    @Test
    void withoutASwitchoverPromotionIsRefusedBecauseManagementDecides() {
        groups();
        runner.expect("beegfs-ctl", "--listtargets", "--nodetype=storage", "--state", "--longnodes").always()
                .thenReturn(0, Fixtures.read("beegfs-7/listtargets-storage-good.txt"));
        BeegfsMirrorGroup g = BeegfsMirrorGroup.builder().client(v7).groupId(1).localTarget(101).build();
        assertThatThrownBy(() -> g.promote(PromoteOptions.defaults()))
                .isInstanceOfSatisfying(OperationRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(BeegfsMirrorGroup.MANAGEMENT_DECIDES);
                    assertThat(e.getMessage()).contains("no switchover command");
                });
        assertThat(runner.invocations()).noneMatch(c -> c.program().equals("ssh"));
    }

    @Test
    void promotingTheCurrentPrimaryIsANoOpAndForcingIsRefused() {
        groups();
        runner.expect("beegfs-ctl", "--listtargets", "--nodetype=storage", "--state", "--longnodes").always()
                .thenReturn(0, Fixtures.read("beegfs-7/listtargets-storage-good.txt"));
        BeegfsMirrorGroup primary = BeegfsMirrorGroup.builder().client(v7).groupId(1).localTarget(201).build();
        primary.promote(PromoteOptions.defaults());
        BeegfsMirrorGroup secondary = BeegfsMirrorGroup.builder().client(v7).groupId(1).localTarget(101).build();
        assertThatThrownBy(() -> secondary.promote(PromoteOptions.forced("operator chose 101")))
                .isInstanceOfSatisfying(OperationRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo(BeegfsMirrorGroup.FORCE_UNSUPPORTED));
        assertThat(runner.invocations()).noneMatch(c -> c.program().equals("ssh"));
    }

    @Test
    void waitingForFailoverGivesUpAfterTheTimeout() {
        groups();
        runner.expect("beegfs-ctl", "--listtargets", "--nodetype=storage", "--state", "--longnodes").always()
                .thenReturn(0, Fixtures.read("beegfs-7/listtargets-storage-good.txt"));
        runner.expect("ssh", "stor02", "systemctl", "stop", "beegfs-storage").thenReturn(0, "");
        BeegfsMirrorGroup g = BeegfsMirrorGroup.builder().client(v7).groupId(1).localTarget(101)
                .switchover(new CommandSwitchover(runner, List.of("ssh", "{node}", "systemctl", "stop", "beegfs-{type}"), Duration.ofSeconds(30)))
                .clock(clock).sleeper(clock).failoverTimeout(Duration.ofMinutes(4)).build();
        var start = clock.instant();
        assertThatThrownBy(() -> g.promote(PromoteOptions.defaults())).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("make target 101 primary");
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofMinutes(4));
        runner.verifyAllConsumed();
    }

    @Test
    void demoteRefusesWhenTheBuddyIsNotGood() {
        groups();
        runner.expect("beegfs-ctl", "--listtargets", "--nodetype=storage", "--state", "--longnodes").always()
                .thenReturn(0, Fixtures.read("beegfs-7/listtargets-storage-failover.txt"));
        BeegfsMirrorGroup g = BeegfsMirrorGroup.builder().client(v7).groupId(1).localTarget(201).build();
        assertThatThrownBy(g::demote).isInstanceOfSatisfying(OperationRefusedException.class,
                e -> assertThat(e.code()).isEqualTo(BeegfsMirrorGroup.BUDDY_NOT_UP_TO_DATE));
    }

    @Test
    void startResyncAsksBeegfs() {
        runner.expect("beegfs-ctl", "--startresync", "--nodetype=meta", "--mirrorgroupid=1")
                .thenReturn(0, Fixtures.read("beegfs-7/startresync.txt"));
        BeegfsMirrorGroup.builder().client(v7).type(BeegfsNodeType.META).groupId(1).build().startResync();
        runner.verifyAllConsumed();
    }

    @Test
    void switchoverCommandRefusesAHostNameThatIsNotOne() {
        CommandSwitchover s = new CommandSwitchover(runner, List.of("ssh", "{node}", "true"), Duration.ofSeconds(5));
        TargetState evil = new TargetState(BeegfsNodeType.STORAGE, 101, "-oProxyCommand=x [ID: 1]", Reachability.ONLINE,
                Consistency.GOOD, false, java.util.Optional.empty(), java.util.Optional.empty());
        assertThatThrownBy(() -> s.takeOutOfService(evil)).isInstanceOf(OperationRefusedException.class);
        TargetState ok = new TargetState(BeegfsNodeType.STORAGE, 101, "beegfs-storage stor01 [ID: 1]", Reachability.ONLINE,
                Consistency.GOOD, false, java.util.Optional.empty(), java.util.Optional.empty());
        assertThat(s.argv(ok)).containsExactly("ssh", "stor01", "true");
        assertThat(runner.invocations()).isEmpty();
    }

    @Test
    void builderRejectsIdsOutOfRange() {
        assertThatThrownBy(() -> BeegfsMirrorGroup.builder().groupId(0)).isInstanceOf(io.hpcha.ConfigurationException.class);
        assertThatThrownBy(() -> BeegfsMirrorGroup.builder().localTarget(70000)).isInstanceOf(io.hpcha.ConfigurationException.class);
        assertThatThrownBy(() -> BeegfsMirrorGroup.builder().client(v7).build()).isInstanceOf(io.hpcha.ConfigurationException.class);
    }
}
