package io.hpcha.drbd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.ConnectionState;
import io.hpcha.DiskState;
import io.hpcha.NotFoundException;
import io.hpcha.ReplicaRole;
import io.hpcha.ReplicationState;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.VolumeStatus;
import io.hpcha.drbd.Fixture;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** /proc/drbd of DRBD 8.4 and 9, and the 8.4 resource from drbdadm role|cstate|dstate. */
class ProcDrbdTest {
    @Test
    void drbd9PrintsOnlyItsVersion() {
        ProcDrbd p = ProcDrbd.parse(Fixture.load("drbd9-proc/proc-drbd-9.2.8.txt"));
        assertThat(p.version()).isEqualTo("9.2.8");
        assertThat(p.isDrbd9()).isTrue();
        assertThat(p.minors()).isEmpty();
        assertThat(ProcDrbd.parse(Fixture.load("drbd9-proc/proc-drbd-9.0.32.txt")).version()).isEqualTo("9.0.32-1");
    }

    @Test
    void syncTargetWithProgressAndFinish() {
        ProcDrbd p = ProcDrbd.parse(Fixture.load("drbd84/proc-drbd-8.4.11-synctarget.txt"));
        assertThat(p.isDrbd9()).isFalse();
        assertThat(p.major()).isEqualTo(8);
        assertThat(p.minorVersion()).isEqualTo(4);
        ProcDrbdMinor m = p.minors().get(0);
        assertThat(m.cstate()).isEqualTo("SyncTarget");
        assertThat(m.roles()).isEqualTo("Secondary/Primary");
        assertThat(m.diskStates()).isEqualTo("Inconsistent/UpToDate");
        assertThat(m.outOfSyncKib()).hasValue(32_549_852L);
        assertThat(m.syncPercent()).hasValue(3.1);
        assertThat(m.finish()).contains(Duration.ofMinutes(14).plusSeconds(1));
        assertThat(m.suspended()).isFalse();
    }

    @Test
    void connectedWaitingStandAloneAndSyncSource() {
        assertThat(ProcDrbd.parse(Fixture.load("drbd84/proc-drbd-8.4.3-connected.txt")).minors().get(0).cstate()).isEqualTo("Connected");
        assertThat(ProcDrbd.parse(Fixture.load("drbd84/proc-drbd-8.4.3-wfconnection.txt")).minors().get(0).roles())
                .isEqualTo("Secondary/Unknown");
        ProcDrbdMinor standalone = ProcDrbd.parse(Fixture.load("drbd84/proc-drbd-8.4.5-standalone.txt")).minors().get(0);
        assertThat(standalone.cstate()).isEqualTo("StandAlone");
        assertThat(standalone.flags()).isEqualTo("r----s");
        assertThat(standalone.suspended()).as("'s' is the last flag, not the first").isFalse();
        ProcDrbdMinor source = ProcDrbd.parse(Fixture.load("drbd84/proc-drbd-8.4.5-syncsource.txt")).minors().get(0);
        assertThat(source.finish()).contains(Duration.ofHours(3).plusMinutes(3).plusSeconds(6));
        assertThat(source.outOfSyncKib()).hasValue(470_916_516L);
    }

    @Test
    void unknownLinesAreUnexpectedOutput() {
        assertThatThrownBy(() -> ProcDrbd.parse("drbd is here\n")).isInstanceOf(UnexpectedOutputException.class);
        assertThatThrownBy(() -> ProcDrbd.parse(Fixture.load("drbd84/proc-drbd-8.4.3-connected.txt") + " weird line\n"))
                .isInstanceOf(UnexpectedOutputException.class).hasMessageContaining("weird line");
    }

    @Test
    void drbd84ResourceFromDrbdadmAndProc() {
        ProcDrbd proc = ProcDrbd.parse(Fixture.load("drbd84/proc-drbd-8.4.11-synctarget.txt"));
        DrbdResource r = Drbd84.resource("r0", "haproxy1", "Secondary/Primary\n", "SyncTarget\n",
                "Inconsistent/UpToDate\n", "0\n", proc);
        VolumeStatus s = VolumeStatusMapper.map(r, "haproxy2", Set.of(), "raw");
        assertThat(s.local().orElseThrow().disk()).isEqualTo(DiskState.INCONSISTENT);
        assertThat(s.peers()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("haproxy1");
            assertThat(p.connection()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(p.role()).isEqualTo(ReplicaRole.PRIMARY);
            assertThat(p.replication()).isEqualTo(ReplicationState.SYNC_TARGET);
            assertThat(p.sync().orElseThrow().percentDone()).isEqualTo(3.1);
            assertThat(p.sync().orElseThrow().remaining()).contains(Duration.ofSeconds(841));
        });
        assertThat(s.hasUpToDateData()).as("the connected peer is UpToDate").isTrue();
        assertThat(s.mayPromote()).as("the peer is primary").isFalse();
    }

    @Test
    void drbd84WaitingForItsPeer() {
        ProcDrbd proc = ProcDrbd.parse(Fixture.load("drbd84/proc-drbd-8.4.3-wfconnection.txt"));
        DrbdResource r = Drbd84.resource("r0", "drbd-1", "Secondary/Unknown", "WFConnection", "UpToDate/DUnknown", "0", proc);
        VolumeStatus s = VolumeStatusMapper.map(r, "drbd-2", Set.of(), "raw");
        assertThat(s.peers().get(0).connection()).isEqualTo(ConnectionState.CONNECTING);
        assertThat(s.mayPromote()).as("own disk UpToDate, no primary in sight").isTrue();
    }

    @Test
    void drbd84UnconfiguredOrInconsistentAnswers() {
        ProcDrbd proc = ProcDrbd.parse(Fixture.load("drbd84/proc-drbd-8.4.3-connected.txt"));
        assertThatThrownBy(() -> Drbd84.resource("r0", "p", "Unconfigured", "Unconfigured", "Unconfigured", "0", proc))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> Drbd84.resource("r0", "p", "Primary/Secondary\nPrimary/Secondary", "Connected",
                "UpToDate/UpToDate", "0", proc)).isInstanceOf(UnexpectedOutputException.class);
        assertThatThrownBy(() -> Drbd84.resource("r0", "p", "Primary", "Connected", "UpToDate/UpToDate", "0", proc))
                .isInstanceOf(UnexpectedOutputException.class);
    }
}
