package io.hpcha.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.ConfigurationException;
import io.hpcha.policy.RemediationBudget.State;
import io.hpcha.policy.RemediationBudget.Verdict;
import io.hpcha.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemediationBudgetTest {
    private final ManualClock clock = new ManualClock();

    private RemediationBudget.Builder budget() {
        return RemediationBudget.builder().clock(clock).coolDown(Duration.ofMinutes(5));
    }

    @Test
    void moreThanTheAllowedShareFailingAtOnceEntersProtectedMode() {
        RemediationBudget b = budget().maxFailingShare(0.5).build();

        b.recordObservation(new FailureCensus(6, 10));

        assertThat(b.state()).isEqualTo(State.PROTECTED);
        assertThat(b.tryAcquire("start-standby")).isEqualTo(Verdict.PROTECTED);
        assertThat(b.protectionReason()).hasValueSatisfying(r -> assertThat(r).contains("6 of 10"));
        assertThat(b.timesProtected()).isEqualTo(1);
    }

    @Test
    void exactlyTheAllowedShareIsStillTrusted() {
        RemediationBudget b = budget().maxFailingShare(0.5).build();

        b.recordObservation(new FailureCensus(5, 10));

        assertThat(b.state()).isEqualTo(State.NORMAL);
        assertThat(b.tryAcquire("start-standby")).isEqualTo(Verdict.GRANTED);
    }

    @Test
    void theShareRuleIgnoresClustersSmallerThanTheMinimum() {
        RemediationBudget b = budget().minimumSubjects(3).build();

        b.recordObservation(new FailureCensus(2, 2));

        assertThat(b.state()).isEqualTo(State.NORMAL);
    }

    @Test
    void protectedModeLastsTheCoolDownAfterTheLastSuspectObservationThenTrustedSignalsEndIt() {
        RemediationBudget b = budget().build();
        b.recordObserverFailure("EC2 API failing");
        clock.advance(Duration.ofMinutes(4));
        b.recordObserverFailure("EC2 API failing"); // restarts the cool-down

        clock.advance(Duration.ofMinutes(4));
        b.recordObservation(new FailureCensus(0, 10));
        assertThat(b.state()).as("4 min after the last failure").isEqualTo(State.PROTECTED);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        b.recordObservation(new FailureCensus(0, 10));
        assertThat(b.state()).isEqualTo(State.NORMAL);
        assertThat(b.protectionReason()).isEmpty();
        assertThat(b.tryAcquire("start-standby")).isEqualTo(Verdict.GRANTED);
    }

    @Test
    void aSuspectObservationAfterTheCoolDownKeepsProtectedMode() {
        RemediationBudget b = budget().build();
        b.recordObserverFailure("slurmctld unreachable");
        clock.advance(Duration.ofMinutes(6));

        b.recordObservation(new FailureCensus(9, 10));

        assertThat(b.state()).isEqualTo(State.PROTECTED);
        assertThat(b.protectionReason()).hasValueSatisfying(r -> assertThat(r).contains("9 of 10"));
    }

    @Test
    void severalTrustedObservationsCanBeRequiredToClose() {
        RemediationBudget b = budget().trustedObservationsToClose(2).build();
        b.recordObserverFailure("flaky");
        clock.advance(Duration.ofMinutes(6));

        b.recordObservation(new FailureCensus(0, 4));
        assertThat(b.state()).isEqualTo(State.PROBING);
        assertThat(b.tryAcquire("x")).isEqualTo(Verdict.PROTECTED);

        b.recordObservation(new FailureCensus(0, 4));
        assertThat(b.state()).isEqualTo(State.NORMAL);
    }

    @Test
    void aSuspectObservationWhileProbingReturnsToProtected() {
        RemediationBudget b = budget().trustedObservationsToClose(2).build();
        b.recordObserverFailure("flaky");
        clock.advance(Duration.ofMinutes(6));
        b.recordObservation(new FailureCensus(0, 4));

        b.recordObserverFailure("flaky again");

        assertThat(b.state()).isEqualTo(State.PROTECTED);
        clock.advance(Duration.ofMinutes(4));
        b.recordObservation(new FailureCensus(0, 4));
        assertThat(b.state()).as("cool-down restarted").isEqualTo(State.PROTECTED);
    }

    @Test
    void anOperatorCanEndProtectedModeAtOnce() {
        RemediationBudget b = budget().build();
        b.recordObservation(new FailureCensus(10, 10));

        b.reset("alice");

        assertThat(b.state()).isEqualTo(State.NORMAL);
        assertThat(b.tryAcquire("start-standby")).isEqualTo(Verdict.GRANTED);
    }

    @Test
    void anOperatorHoldOutlastsTheCoolDownUntilReset() {
        RemediationBudget b = budget().build();
        b.hold("bob");
        clock.advance(Duration.ofHours(2));
        b.recordObservation(new FailureCensus(0, 10));
        b.recordObserverFailure("ignored while held");

        assertThat(b.state()).isEqualTo(State.HELD);
        assertThat(b.tryAcquire("x")).isEqualTo(Verdict.PROTECTED);
        assertThat(b.protectionReason()).contains("held by operator bob");

        b.reset("bob");
        assertThat(b.state()).isEqualTo(State.NORMAL);
    }

    @Test
    void aKindGetsAtMostItsCapPerSlidingWindow() {
        RemediationBudget b = budget().maxActions(2, Duration.ofHours(1)).build();

        assertThat(b.tryAcquire("start-standby")).isEqualTo(Verdict.GRANTED);
        clock.advance(Duration.ofMinutes(30));
        assertThat(b.tryAcquire("start-standby")).isEqualTo(Verdict.GRANTED);
        assertThat(b.tryAcquire("start-standby")).isEqualTo(Verdict.EXHAUSTED);
        assertThat(b.tryAcquire("drain")).as("other kinds have their own cap").isEqualTo(Verdict.GRANTED);

        clock.advance(Duration.ofMinutes(30)); // the first permit leaves the window
        assertThat(b.remaining("start-standby")).isEqualTo(1);
        assertThat(b.tryAcquire("start-standby")).isEqualTo(Verdict.GRANTED);
        assertThat(b.tryAcquire("start-standby")).isEqualTo(Verdict.EXHAUSTED);
        assertThat(b.count(Verdict.EXHAUSTED)).isEqualTo(2);
    }

    @Test
    void refusalsUseNoPermitAndPerKindLimitsOverrideTheDefault() {
        RemediationBudget b = budget().maxActions(5, Duration.ofHours(1)).limit("fence", 1, Duration.ofDays(1)).build();
        b.hold("ops");
        assertThat(b.tryAcquire("fence")).isEqualTo(Verdict.PROTECTED);
        b.reset("ops");

        assertThat(b.tryAcquire("fence")).isEqualTo(Verdict.GRANTED);
        clock.advance(Duration.ofHours(23));
        assertThat(b.tryAcquire("fence")).isEqualTo(Verdict.EXHAUSTED);
        assertThat(b.describeLimit("fence")).isEqualTo("at most 1 'fence' action(s) per PT24H");
        assertThat(b.remaining("other")).isEqualTo(5);
    }

    @Test
    void listenersHearStateChangesAndVerdicts() {
        List<String> heard = new ArrayList<>();
        RemediationBudget b = budget().maxActions(1, Duration.ofHours(1)).listener(new BudgetListener() {
            @Override
            public void onStateChange(State from, State to, String reason) {
                heard.add(from + "->" + to);
            }

            @Override
            public void onDenied(String kind, Verdict verdict) {
                heard.add("denied " + kind + " " + verdict);
            }

            @Override
            public void onGranted(String kind) {
                heard.add("granted " + kind);
            }
        }).build();

        b.tryAcquire("a");
        b.tryAcquire("a");
        b.recordObserverFailure("x");
        b.recordObserverFailure("x");
        b.tryAcquire("a");
        clock.advance(Duration.ofMinutes(6));
        b.recordObservation(FailureCensus.EMPTY);

        assertThat(heard).containsExactly("granted a", "denied a EXHAUSTED", "NORMAL->PROTECTED",
                "denied a PROTECTED", "PROTECTED->NORMAL");
    }

    @Test
    void badSettingsAreRefusedWhenBuilding() {
        assertThatThrownBy(() -> RemediationBudget.builder().maxFailingShare(1.5))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("maxFailingShare");
        assertThatThrownBy(() -> RemediationBudget.builder().coolDown(Duration.ZERO))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("coolDown");
        assertThatThrownBy(() -> RemediationBudget.builder().maxActions(-1, Duration.ofHours(1)))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> RemediationBudget.builder().maxActions(1, Duration.ZERO))
                .isInstanceOf(ConfigurationException.class);
    }
}
