package io.hpcha.drbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.ConnectionState;
import io.hpcha.DiskState;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.PromoteOptions;
import io.hpcha.ReplicaRole;
import io.hpcha.ReplicationState;
import io.hpcha.VolumeStatus;
import io.hpcha.spi.Command;
import io.hpcha.testkit.ManualClock;
import io.hpcha.testkit.ScriptedCommandRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** DrbdVolume against scripted drbdadm/drbdsetup answers: DRBD's real outputs, texts and exit codes. */
class DrbdVolumeTest {
    private static final String PROC9 = Fixture.load("drbd9-proc/proc-drbd-9.2.8.txt");
    private static final String FIVE = Fixture.load("drbd9-status-json/status-json-sle15-five-resources.json");
    private final ManualClock clock = new ManualClock();
    private final ScriptedCommandRunner runner = new ScriptedCommandRunner(clock);

    private DrbdVolume volume(String resource) {
        return DrbdVolume.builder().resource(resource).runner(runner).build();
    }

    private void drbd9() {
        runner.expect("cat", "/proc/drbd").thenReturn(0, PROC9);
    }

    /** The local node is secondary with UpToDate data and a connected secondary peer. */
    private void secondaryR0() {
        runner.expect("drbdsetup", "status", "r0", "--json").thenReturn(0, new FakeDrbd("r0").peer("ctl-b").apply(
                Command.of(Duration.ofSeconds(1), "drbdsetup", "status", "r0", "--json")).stdout());
    }

    private static String refusal(String verb, int code, String text, int exit) {
        return "r0: State change failed: (" + code + ") " + text + "\nCommand 'drbdsetup " + verb + " r0' terminated with exit code " + exit + "\n";
    }

    @Test
    void statusOfDrbd9FromCapturedJson() {
        drbd9();
        runner.expect("drbdsetup", "status", "vg2", "--json").thenReturn(0, FIVE);
        VolumeStatus s = volume("vg2").status();
        assertThat(s.volume()).isEqualTo("vg2");
        assertThat(s.local().orElseThrow().name()).isEqualTo(DrbdVolume.DEFAULT_LOCAL_NAME);
        assertThat(s.primary().orElseThrow().name()).isEqualTo("SLE15-sp1-gm-drbd1145296-node1");
        assertThat(s.raw()).isEqualTo(FIVE);
        runner.verifyAllConsumed();
    }

    @Test
    void releaseIsDetectedOnce() {
        drbd9();
        runner.expect("drbdsetup", "status", "vg1", "--json").always().thenReturn(0, FIVE);
        DrbdVolume v = volume("vg1");
        v.status();
        v.status();
        assertThat(v.release()).isEqualTo(DrbdRelease.DRBD_9);
        assertThat(runner.invocations().stream().filter(c -> c.program().equals("cat")).count()).isEqualTo(1);
    }

    @Test
    void withoutJsonSupportStatusIsReadFromEvents2Now() {
        drbd9();
        runner.expect("drbdsetup", "status", "some-resource", "--json")
                .thenReturn(20, "", "drbdsetup status: unrecognized option '--json'\n");
        List<String> now = Fixture.events2("events2-create-before-exists.test", "");
        runner.expect("drbdsetup", "events2", "--now", "some-resource").always().thenReturn(0, String.join("\n", now) + "\n");
        DrbdVolume v = volume("some-resource");
        assertThat(v.status().local().orElseThrow().disk()).isEqualTo(DiskState.DISKLESS);
        assertThat(v.status().mayPromote()).isFalse();
        assertThat(runner.invocations()).hasSize(4); // cat, failed --json, then events2 twice
    }

    @Test
    void statusOfDrbd84FromDrbdadmAndProc() {
        String proc = Fixture.load("drbd84/proc-drbd-8.4.11-synctarget.txt");
        runner.expect("cat", "/proc/drbd").thenReturn(0, proc);
        runner.expect("drbdadm", "role", "r0").thenReturn(0, "Secondary/Primary\n");
        runner.expect("drbdadm", "cstate", "r0").thenReturn(0, "SyncTarget\n");
        runner.expect("drbdadm", "dstate", "r0").thenReturn(0, "Inconsistent/UpToDate\n");
        runner.expect("drbdadm", "sh-minor", "r0").thenReturn(0, "0\n");
        runner.expect("cat", "/proc/drbd").thenReturn(0, proc);
        DrbdVolume v = DrbdVolume.builder().resource("r0").runner(runner).localName("haproxy2").peerName("haproxy1").build();
        VolumeStatus s = v.status();
        assertThat(v.release()).isEqualTo(DrbdRelease.DRBD_8_4);
        assertThat(s.local().orElseThrow().name()).isEqualTo("haproxy2");
        assertThat(s.peers().get(0).replication()).isEqualTo(ReplicationState.SYNC_TARGET);
        assertThat(s.peers().get(0).sync().orElseThrow().remaining()).contains(Duration.ofSeconds(841));
        runner.verifyAllConsumed();
    }

    @Test
    void promoteRunsDrbdadmPrimary() {
        drbd9();
        secondaryR0();
        runner.expect("drbdadm", "primary", "r0").thenReturn(0, "");
        volume("r0").promote(PromoteOptions.defaults());
        runner.verifyAllConsumed();
        assertThat(runner.invocations().get(2).timeout()).isEqualTo(DrbdVolume.DEFAULT_STATE_CHANGE_TIMEOUT);
    }

    @Test
    void promoteOfAPrimaryRunsNothing() {
        drbd9();
        runner.expect("drbdsetup", "status", "r0", "--json").thenReturn(0, new FakeDrbd("r0").role("Primary").peer("ctl-b")
                .apply(Command.of(Duration.ofSeconds(1), "drbdsetup", "status", "r0", "--json")).stdout());
        volume("r0").promote(PromoteOptions.defaults());
        runner.verifyAllConsumed();
    }

    @Test
    void promoteWithoutUpToDateDataIsRefusedBeforeDrbdIsAsked() {
        drbd9();
        runner.expect("drbdsetup", "status", "r0", "--json")
                .thenReturn(0, Fixture.load("drbd9-status-json/status-json-standalone-format.json"));
        assertThatThrownBy(() -> volume("r0").promote(PromoteOptions.defaults()))
                .isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining("neither the local disk nor a connected peer is UpToDate")
                .hasMessageContaining("local SECONDARY/OUTDATED")
                .satisfies(e -> assertThat(((OperationRefusedException) e).code()).isEqualTo("-2"));
        runner.verifyAllConsumed(); // no drbdadm primary
    }

    @Test
    void forcedPromotionPassesForce() {
        drbd9();
        runner.expect("drbdsetup", "status", "r0", "--json")
                .thenReturn(0, Fixture.load("drbd9-status-json/status-json-standalone-format.json"));
        runner.expect("drbdadm", "primary", "--force", "r0").thenReturn(0, "");
        volume("r0").promote(PromoteOptions.forced("ctl-a burned down; its disk is gone"));
        runner.verifyAllConsumed();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-7|Refusing to be Primary while peer is not outdated|11",
        "-1|Multiple primaries not allowed by config|11",
        "-25|No quorum|11",
        "-2|Need access to UpToDate data|17"})
    void drbdRefusalsKeepCodeAndText(int code, String text, int exit) {
        drbd9();
        secondaryR0();
        runner.expect("drbdadm", "primary", "r0").thenReturn(exit, "", refusal("primary", code, text, exit));
        assertThatThrownBy(() -> volume("r0").promote(PromoteOptions.defaults()))
                .isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining(text)
                .satisfies(e -> {
                    assertThat(((OperationRefusedException) e).code()).isEqualTo(String.valueOf(code));
                    assertThat(((OperationRefusedException) e).retryable()).isFalse();
                });
        runner.verifyAllConsumed();
    }

    @Test
    void demoteRunsDrbdadmSecondaryAndHeldOpenIsRetryable() {
        String primary = new FakeDrbd("r0").role("Primary").peer("ctl-b")
                .apply(Command.of(Duration.ofSeconds(1), "drbdsetup", "status", "r0", "--json")).stdout();
        drbd9();
        runner.expect("drbdsetup", "status", "r0", "--json").thenReturn(0, primary);
        runner.expect("drbdadm", "secondary", "r0").thenReturn(11, "", refusal("secondary", -12, "Device is held open by someone", 11));
        runner.expect("drbdsetup", "status", "r0", "--json").thenReturn(0, primary);
        runner.expect("drbdadm", "secondary", "r0").thenReturn(0, "");
        DrbdVolume v = volume("r0");
        assertThatThrownBy(v::demote).isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining("Device is held open by someone")
                .satisfies(e -> assertThat(((OperationRefusedException) e).retryable()).isTrue());
        v.demote();
        runner.verifyAllConsumed();
    }

    @Test
    void demoteOfASecondaryRunsNothing() {
        drbd9();
        secondaryR0();
        volume("r0").demote();
        runner.verifyAllConsumed();
    }

    @Test
    void aPromotionThatTimesOutIsUnavailableAfterTheStateChangeTimeout() {
        drbd9();
        secondaryR0();
        runner.expect("drbdadm", "primary", "r0").thenTimeout();
        Instant start = clock.instant();
        DrbdVolume v = DrbdVolume.builder().resource("r0").runner(runner).stateChangeTimeout(Duration.ofSeconds(40)).build();
        assertThatThrownBy(() -> v.promote(PromoteOptions.defaults()))
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("drbdadm primary r0");
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void aStatusThatTimesOutIsUnavailable() {
        drbd9();
        runner.expect("drbdsetup", "status", "r0", "--json").thenTimeout();
        Instant start = clock.instant();
        assertThatThrownBy(() -> volume("r0").status()).isInstanceOf(BackendUnavailableException.class)
                .satisfies(e -> assertThat(((BackendUnavailableException) e).retryable()).isTrue());
        assertThat(Duration.between(start, clock.instant())).isEqualTo(DrbdVolume.DEFAULT_COMMAND_TIMEOUT);
    }

    @Test
    void unknownResourceIsNotFound() {
        drbd9();
        runner.expect("drbdsetup", "status", "r9", "--json").thenReturn(10, "", "r9: Failure: (158) Unknown resource\n");
        assertThatThrownBy(() -> volume("r9").status()).isInstanceOf(NotFoundException.class);
        drbd9();
        runner.expect("drbdsetup", "status", "r8", "--json").thenReturn(0, FIVE);
        assertThatThrownBy(() -> volume("r8").status()).isInstanceOf(NotFoundException.class).hasMessageContaining("not up");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-r0", "--force", "all", "ALL", "r0;reboot", "r0 r1", "r0:peer", "r0/0", "../r0", ".r0", "r\u00e9"})
    void invalidResourceNamesAreRejectedBeforeAnyCommand(String name) {
        assertThatThrownBy(() -> volume(name)).isInstanceOf(ConfigurationException.class);
        assertThat(runner.invocations()).isEmpty();
    }

    @Test
    void otherBuilderMistakes() {
        char[] long129 = new char[129];
        Arrays.fill(long129, 'r');
        assertThatThrownBy(() -> volume(new String(long129))).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> volume(null)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> DrbdVolume.builder().resource("r0").build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("runner");
        assertThatThrownBy(() -> DrbdVolume.builder().resource("r0").runner(runner).commandTimeout(Duration.ZERO).build())
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> DrbdVolume.builder().resource("r0").runner(runner).drbdadm("drbdadm; id").build())
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> DrbdVolume.builder().resource("r0").runner(runner).localName("a").peerName("a").build())
                .isInstanceOf(ConfigurationException.class);
        assertThat(runner.invocations()).isEmpty();
    }

    @Test
    void programsFromAGivenPath() {
        runner.expect("cat", "/proc/drbd").thenReturn(0, PROC9);
        runner.expect("/opt/drbd/sbin/drbdsetup", "status", "vg3", "--json").thenReturn(0, FIVE);
        DrbdVolume.builder().resource("vg3").runner(runner).drbdsetup("/opt/drbd/sbin/drbdsetup")
                .drbdadm("/opt/drbd/sbin/drbdadm").build().status();
        runner.verifyAllConsumed();
    }

    @Test
    void noDrbdModuleIsUnavailable() {
        runner.expect("cat", "/proc/drbd").thenReturn(1, "", "cat: /proc/drbd: No such file or directory\n");
        assertThatThrownBy(() -> volume("r0").status()).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("kernel module");
    }

    @Test
    void standAloneRightAfterConnectingIsASplitBrainUntilConnectedAgain() {
        FakeDrbd fake = new FakeDrbd("r0").peer("ctl-b", "Connecting", "Unknown", "DUnknown", "Off");
        runner.respond(fake);
        DrbdVolume v = volume("r0");
        assertThat(v.status().splitBrain()).isFalse();
        fake.peer("ctl-b", "StandAlone", "Unknown", "DUnknown", "Off");
        assertThat(v.status().splitBrain()).isTrue();
        assertThat(v.status().splitBrain()).as("stays until the peer connects").isTrue();
        fake.peer("ctl-b");
        assertThat(v.status().splitBrain()).isFalse();
    }

    @Test
    void aKnownSplitBrainBlocksPromotionUnlessForced() {
        FakeDrbd fake = new FakeDrbd("r0").peer("ctl-b", "Connecting", "Unknown", "DUnknown", "Off");
        runner.respond(fake);
        DrbdVolume v = volume("r0");
        v.status();
        fake.peer("ctl-b", "StandAlone", "Unknown", "DUnknown", "Off");
        assertThatThrownBy(() -> v.promote(PromoteOptions.defaults())).isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining("split brain")
                .satisfies(e -> assertThat(((OperationRefusedException) e).code()).isEqualTo(DrbdVolume.SPLIT_BRAIN));
        assertThat(fake.stateChanges()).isEmpty();
        v.promote(PromoteOptions.forced("ctl-b's data is lost; ctl-a survives"));
        assertThat(fake.role()).isEqualTo("Primary");
    }

    @Test
    void anAdministrativeDisconnectIsNoSplitBrain() {
        FakeDrbd fake = new FakeDrbd("r0").peer("ctl-b");
        runner.respond(fake);
        DrbdVolume v = volume("r0");
        v.status();
        fake.peer("ctl-b", "StandAlone", "Unknown", "DUnknown", "Off");
        VolumeStatus s = v.status();
        assertThat(s.splitBrain()).isFalse();
        assertThat(s.peers().get(0).connection()).isEqualTo(ConnectionState.STANDALONE);
    }

    @Test
    void splitBrainRecoveryDiscardsLocalDataOnRequestOnly() {
        FakeDrbd fake = new FakeDrbd("r0").role("Primary").peer("ctl-b", "StandAlone", "Unknown", "DUnknown", "Off");
        runner.respond(fake);
        DrbdVolume v = volume("r0");
        v.status();
        assertThat(fake.stateChanges()).as("nothing recovers automatically").isEmpty();
        assertThatThrownBy(() -> v.discardLocalDataAndReconnect(" ")).isInstanceOf(IllegalArgumentException.class);
        v.discardLocalDataAndReconnect("ctl-a's writes since 10:02 are the ones to keep");
        assertThat(fake.stateChanges()).containsExactly(List.of("drbdadm", "disconnect", "r0"),
                List.of("drbdadm", "secondary", "r0"), List.of("drbdadm", "connect", "--discard-my-data", "r0"));
        VolumeStatus after = v.status();
        assertThat(after.local().orElseThrow().role()).isEqualTo(ReplicaRole.SECONDARY);
        assertThat(after.peers().get(0).replication()).isEqualTo(ReplicationState.SYNC_TARGET);
    }

    @Test
    void splitBrainRecoveryOnDrbd84UsesItsConnectSyntax() {
        runner.expect("drbdadm", "disconnect", "r0").thenReturn(11, "", "0: State change failed: (-9) Can not disconnect a StandAlone device\n"
                + "Command 'drbdsetup 0 disconnect' terminated with exit code 11\n");
        runner.expect("drbdadm", "secondary", "r0").thenReturn(0, "");
        runner.expect("drbdadm", "--", "--discard-my-data", "connect", "r0").thenReturn(0, "");
        DrbdVolume.builder().resource("r0").runner(runner).release(DrbdRelease.DRBD_8_4).build()
                .discardLocalDataAndReconnect("operator chose ctl-b");
        runner.verifyAllConsumed();
    }
}
