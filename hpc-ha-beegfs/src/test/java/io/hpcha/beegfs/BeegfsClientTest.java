package io.hpcha.beegfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.testkit.ManualClock;
import io.hpcha.testkit.ScriptedCommandRunner;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BeegfsClientTest {
    private final ManualClock clock = new ManualClock();
    private final ScriptedCommandRunner runner = new ScriptedCommandRunner(clock);

    private BeegfsClient client(CliGeneration g) {
        return BeegfsClient.builder().runner(runner).generation(g).commandTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void detects8xWhenBeegfsVersionAnswers() {
        runner.expect("beegfs", "version").thenReturn(0, "beegfs 8.2.0\n");
        runner.expect("beegfs", "target", "list", "--node-type=storage", "--state", "--capacity", "--raw", "--output=ndjson")
                .thenReturn(0, Fixtures.read("beegfs-8/target-list-storage.ndjson"));
        BeegfsClient c = client(CliGeneration.AUTO);
        assertThat(c.targets(BeegfsNodeType.STORAGE)).hasSize(4);
        assertThat(c.generation()).isEqualTo(CliGeneration.V8);
        runner.verifyAllConsumed();
    }

    @Test
    void detects7xWhenThereIsNoBeegfsTool() {
        runner.expect("beegfs", "version").thenThrow(cmd -> new ConfigurationException("no such program: beegfs"));
        runner.expect("beegfs-ctl", "--listtargets", "--nodetype=meta", "--state", "--longnodes")
                .thenReturn(0, Fixtures.read("beegfs-7/listtargets-meta-good.txt"));
        BeegfsClient c = client(CliGeneration.AUTO);
        assertThat(c.targets(BeegfsNodeType.META)).hasSize(2);
        assertThat(c.generation()).isEqualTo(CliGeneration.V7);
        runner.verifyAllConsumed();
    }

    @Test
    void timeoutsAreBackendUnavailableAfterTheCommandTimeout() {
        runner.expect("beegfs-ctl", "--listmirrorgroups", "--nodetype=storage").thenTimeout();
        java.time.Instant before = clock.instant();
        assertThatThrownBy(() -> client(CliGeneration.V7).buddyGroups(BeegfsNodeType.STORAGE))
                .isInstanceOf(BackendUnavailableException.class);
        assertThat(Duration.between(before, clock.instant())).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void unreachableManagementIsBackendUnavailableOnBothGenerations() {
        runner.expect("beegfs-ctl", "--listtargets", "--nodetype=storage", "--state", "--longnodes")
                .thenReturn(1, "", Fixtures.read("beegfs-7/mgmt-unreachable.stderr.txt"));
        runner.expect("beegfs", "node", "list", "--node-type=meta", "--reachability-check", "--output=ndjson")
                .thenReturn(1, "", Fixtures.read("beegfs-8/mgmt-unreachable.stderr.txt"));
        assertThatThrownBy(() -> client(CliGeneration.V7).targets(BeegfsNodeType.STORAGE))
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("mgmt01");
        assertThatThrownBy(() -> client(CliGeneration.V8).nodes(BeegfsNodeType.META))
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("working management node");
    }

    @Test
    void unknownOutputIsUnexpectedOutputWithAnExcerpt() {
        runner.expect("beegfs-ctl", "--listmirrorgroups", "--nodetype=storage").thenReturn(0, "Something new\n=====\nx y z\n");
        runner.expect("beegfs", "mirror", "list", "--node-type=storage", "--output=ndjson").thenReturn(3, "", "segfault in reticulator\n");
        assertThatThrownBy(() -> client(CliGeneration.V7).buddyGroups(BeegfsNodeType.STORAGE))
                .isInstanceOf(UnexpectedOutputException.class)
                .satisfies(e -> assertThat(((UnexpectedOutputException) e).excerpt()).contains("Something new"));
        assertThatThrownBy(() -> client(CliGeneration.V8).buddyGroups(BeegfsNodeType.STORAGE))
                .isInstanceOf(UnexpectedOutputException.class)
                .satisfies(e -> assertThat(((UnexpectedOutputException) e).excerpt()).contains("reticulator"));
    }

    @Test
    void noMirrorsIsAnEmptyListOn8x() {
        runner.expect("beegfs", "mirror", "list", "--node-type=storage", "--output=ndjson")
                .thenReturn(1, "", Fixtures.read("beegfs-8/mirror-list-none.stderr.txt"));
        assertThat(client(CliGeneration.V8).buddyGroups(BeegfsNodeType.STORAGE)).isEmpty();
    }

    @Test
    void resyncCommandsPerGeneration() {
        runner.expect("beegfs-ctl", "--resyncstats", "--nodetype=storage", "--mirrorgroupid=1")
                .thenReturn(0, Fixtures.read("beegfs-7/resyncstats-storage-running.txt"));
        runner.expect("beegfs-ctl", "--startresync", "--nodetype=storage", "--mirrorgroupid=1")
                .thenReturn(0, Fixtures.read("beegfs-7/startresync.txt"));
        runner.expect("beegfs-ctl", "--startresync", "--nodetype=storage", "--mirrorgroupid=1")
                .thenReturn(0, "", Fixtures.read("beegfs-7/startresync-already-running.stderr.txt"));
        runner.expect("beegfs", "mirror", "resync", "stats", "storage:1")
                .thenReturn(0, Fixtures.read("beegfs-8/mirror-resync-stats-storage-running.txt"));
        runner.expect("beegfs", "mirror", "resync", "start", "meta:3").thenReturn(0, Fixtures.read("beegfs-8/mirror-resync-start.stdout.txt"));
        assertThat(client(CliGeneration.V7).resyncStats(BeegfsNodeType.STORAGE, 1).state()).isEqualTo(ResyncJobState.RUNNING);
        client(CliGeneration.V7).startResync(BeegfsNodeType.STORAGE, 1);
        client(CliGeneration.V7).startResync(BeegfsNodeType.STORAGE, 1);
        assertThat(client(CliGeneration.V8).resyncStats(BeegfsNodeType.STORAGE, 1).percentDone()).isEqualTo(25.0);
        client(CliGeneration.V8).startResync(BeegfsNodeType.META, 3);
        runner.verifyAllConsumed();
    }

    @Test
    void unknownGroupIsNotFoundAndNotRootIsRefused() {
        runner.expect("beegfs-ctl", "--resyncstats", "--nodetype=storage", "--mirrorgroupid=9")
                .thenReturn(1, "", Fixtures.read("beegfs-7/resyncstats-unknown-group.stderr.txt"));
        runner.expect("beegfs", "mirror", "resync", "stats", "storage:1").thenReturn(1, "", "Error: only root can use this command\n");
        assertThatThrownBy(() -> client(CliGeneration.V7).resyncStats(BeegfsNodeType.STORAGE, 9)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client(CliGeneration.V8).resyncStats(BeegfsNodeType.STORAGE, 1))
                .isInstanceOf(OperationRefusedException.class);
    }

    @Test
    void idsAreValidatedBeforeAnyCommandIsBuilt() {
        BeegfsClient c = client(CliGeneration.V7);
        assertThatThrownBy(() -> c.startResync(BeegfsNodeType.STORAGE, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.resyncStats(BeegfsNodeType.STORAGE, 65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.buddyGroups(BeegfsNodeType.MANAGEMENT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> io.hpcha.beegfs.internal.BeegfsIds.parse("id", "1 --restart")).isInstanceOf(IllegalArgumentException.class);
        assertThat(runner.invocations()).isEmpty();
    }

    @Test
    void spaceComesFromBeegfsDfOn7xAndTheTargetListOn8x() {
        runner.expect("beegfs-df").thenReturn(0, Fixtures.read("beegfs-7/beegfs-df.txt"));
        runner.expect("beegfs", "target", "list", "--node-type=meta", "--state", "--capacity", "--raw", "--output=ndjson")
                .thenReturn(0, Fixtures.read("beegfs-8/target-list-meta.ndjson"));
        runner.expect("beegfs", "target", "list", "--node-type=storage", "--state", "--capacity", "--raw", "--output=ndjson")
                .thenReturn(0, Fixtures.read("beegfs-8/target-list-storage-failover.ndjson"));
        assertThat(client(CliGeneration.V7).space()).hasSize(6);
        assertThat(client(CliGeneration.V8).space()).extracting(TargetSpace::subject)
                .containsExactly("meta-target:1", "meta-target:2", "storage-target:201", "storage-target:202");
    }
}
