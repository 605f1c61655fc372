package io.hpcha.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.InstanceState;
import io.hpcha.NodeId;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.ScheduledEvent;
import io.hpcha.StatusCheck;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FakeComputeFleetTest {
    private final ManualClock clock = new ManualClock();
    private final FakeComputeFleet fleet = new FakeComputeFleet(clock)
            .bootTime(Duration.ofSeconds(30)).checksDelay(Duration.ofSeconds(120)).stopTime(Duration.ofSeconds(60))
            .addInstance("i-run", NodeId.of("c1"), InstanceState.RUNNING)
            .addInstance("i-stop", NodeId.of("c2"), InstanceState.STOPPED);

    @Test
    void startBootsThroughPendingAndInitializingChecksToOk() {
        fleet.start(List.of("i-stop"));
        assertThat(fleet.instance("i-stop").state()).isEqualTo(InstanceState.PENDING);
        assertThat(fleet.instance("i-stop").systemStatus()).isEqualTo(StatusCheck.NOT_APPLICABLE);
        clock.advance(Duration.ofSeconds(30));
        assertThat(fleet.instance("i-stop").state()).isEqualTo(InstanceState.RUNNING);
        assertThat(fleet.instance("i-stop").instanceStatus()).isEqualTo(StatusCheck.INITIALIZING);
        clock.advance(Duration.ofSeconds(119));
        assertThat(fleet.instance("i-stop").systemStatus()).isEqualTo(StatusCheck.INITIALIZING);
        clock.advance(Duration.ofSeconds(1));
        assertThat(fleet.instance("i-stop").systemStatus()).isEqualTo(StatusCheck.OK);
        assertThat(fleet.instance("i-stop").instanceStatus()).isEqualTo(StatusCheck.OK);
    }

    @Test
    void stopGoesThroughStoppingAndForceIsFaster() {
        fleet.stop(List.of("i-run"), false);
        assertThat(fleet.instance("i-run").state()).isEqualTo(InstanceState.STOPPING);
        clock.advance(Duration.ofSeconds(59));
        assertThat(fleet.instance("i-run").state()).isEqualTo(InstanceState.STOPPING);
        clock.advance(Duration.ofSeconds(1));
        assertThat(fleet.instance("i-run").state()).isEqualTo(InstanceState.STOPPED);

        fleet.start(List.of("i-stop"));
        clock.advance(Duration.ofSeconds(30));
        fleet.stop(List.of("i-stop"), true);
        clock.advance(Duration.ofSeconds(12));
        assertThat(fleet.instance("i-stop").state()).isEqualTo(InstanceState.STOPPED);
    }

    @Test
    void startingAStoppingInstanceIsRefusedAndTheWholeCallChangesNothing() {
        fleet.stop(List.of("i-run"), false);
        fleet.clearWrites();
        assertThatThrownBy(() -> fleet.start(List.of("i-stop", "i-run")))
                .isInstanceOf(OperationRefusedException.class)
                .satisfies(e -> assertThat(((OperationRefusedException) e).code()).isEqualTo("IncorrectInstanceState"));
        assertThat(fleet.instance("i-stop").state()).isEqualTo(InstanceState.STOPPED);
        assertThat(fleet.writes()).isEmpty();
    }

    @Test
    void unknownIdIsNotFoundWithEc2sCode() {
        assertThatThrownBy(() -> fleet.stop(List.of("i-run", "i-nope"), true))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("InvalidInstanceID.NotFound")
                .hasMessageContaining("i-nope");
        assertThat(fleet.instance("i-run").state()).isEqualTo(InstanceState.RUNNING);
    }

    @Test
    void impairedChecksShowUntilRebootOrAStopStart() {
        fleet.impair("i-run", FakeComputeFleet.Check.INSTANCE);
        assertThat(fleet.instance("i-run").instanceStatus()).isEqualTo(StatusCheck.IMPAIRED);
        assertThat(fleet.instance("i-run").isImpaired()).isTrue();
        fleet.reboot(List.of("i-run"));
        assertThat(fleet.instance("i-run").instanceStatus()).isEqualTo(StatusCheck.INITIALIZING);

        fleet.impair("i-run", FakeComputeFleet.Check.SYSTEM);
        fleet.reboot(List.of("i-run"));
        assertThat(fleet.instance("i-run").systemStatus()).isEqualTo(StatusCheck.IMPAIRED); // the host is still bad
        fleet.stop(List.of("i-run"), true);
        clock.advance(Duration.ofMinutes(1));
        fleet.start(List.of("i-run"));
        clock.advance(Duration.ofMinutes(3));
        assertThat(fleet.instance("i-run").systemStatus()).isEqualTo(StatusCheck.OK);
    }

    @Test
    void rebootOfAStoppedInstanceIsRefused() {
        assertThatThrownBy(() -> fleet.reboot(List.of("i-stop"))).isInstanceOf(OperationRefusedException.class);
    }

    @Test
    void crashStopsAtOnceWithoutAWrite() {
        fleet.crash("i-run");
        assertThat(fleet.instance("i-run").state()).isEqualTo(InstanceState.STOPPED);
        assertThat(fleet.instance("i-run").instanceStatus()).isEqualTo(StatusCheck.NOT_APPLICABLE);
        assertThat(fleet.writes()).isEmpty();
    }

    @Test
    void scheduledEventsAreListedSoonestFirst() {
        var later = new ScheduledEvent(ScheduledEvent.Kind.RETIREMENT, "instance-retirement", "",
                clock.instant().plus(Duration.ofDays(7)), Optional.empty());
        var sooner = new ScheduledEvent(ScheduledEvent.Kind.REBOOT, "system-reboot", "host maintenance",
                clock.instant().plus(Duration.ofDays(1)), Optional.of(clock.instant().plus(Duration.ofDays(2))));
        fleet.scheduleEvent("i-run", later).scheduleEvent("i-run", sooner);
        assertThat(fleet.instance("i-run").events()).containsExactly(sooner, later);
    }

    @Test
    void recordsEveryAcceptedActionIncludingNoOps() {
        fleet.start(List.of("i-run"));
        fleet.stop(List.of("i-run"), true);
        assertThat(fleet.writes()).extracting(RecordedWrite::operation, RecordedWrite::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("start", ""),
                        org.assertj.core.groups.Tuple.tuple("stop", "force=true"));
    }

    @Test
    void nodeTagAndNodeAreSet() {
        assertThat(fleet.instance("i-run").node()).contains(NodeId.of("c1"));
        assertThat(fleet.instance("i-run").tags()).containsEntry("Name", "c1");
    }
}
