package io.hpcha.linux;

import static io.hpcha.linux.FakeIpHost.FLOATING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.NodeId;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.spi.CommandRunner;
import io.hpcha.testkit.ManualClock;
import io.hpcha.testkit.ScriptedCommandRunner;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link LinuxFloatingAddress}'s decisions and commands, on captured {@code ip} output of two nodes. */
class LinuxFloatingAddressTest {
    private static final NodeId CTL1 = NodeId.of("ctl1");
    private static final NodeId CTL2 = NodeId.of("ctl2");

    private final ManualClock clock = new ManualClock();
    private final FakeIpHost ctl1 = new FakeIpHost("ctl1");
    private final FakeIpHost ctl2 = new FakeIpHost("ctl2");

    private LinuxFloatingAddress.Builder builder() {
        return LinuxFloatingAddress.builder().address(FLOATING).prefixLength(24).interfaceName("eth0").label("eth0:ha")
                .localNode(CTL2).runner(ctl2.runner).node(CTL1, ctl1.runner)
                .gratuitousArp(2, Duration.ofSeconds(1)).clock(clock).sleeper(clock);
    }

    @Test
    void holderIsTheNodeThatListsTheAddress() {
        LinuxFloatingAddress vip = builder().build();
        assertThat(vip.holder()).isEmpty();

        ctl1.holding(true);
        assertThat(vip.holder()).contains(CTL1);

        ctl1.holding(false);
        ctl2.holding(true);
        assertThat(vip.holder()).as("asked again, nothing cached").contains(CTL2);
        assertThat(vip.nodes()).containsExactly(CTL2, CTL1);
        assertThat(vip.address()).isEqualTo(FLOATING);
    }

    @Test
    void anAddressOnTwoNodesIsReportedNotGuessed() {
        ctl1.holding(true);
        ctl2.holding(true);

        assertThatThrownBy(() -> builder().build().holder()).isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("more than one node")
                .satisfies(e -> assertThat(((UnexpectedOutputException) e).excerpt()).contains("ctl1").contains("ctl2"));
    }

    @Test
    void aMoveDeletesOnTheOldHolderBeforeItAddsAnnouncesAndVerifies() {
        ctl1.holding(true);

        builder().build().assignTo(CTL2);

        assertThat(ctl1.holding()).isFalse();
        assertThat(ctl2.holding()).isTrue();
        assertThat(ctl1.ran()).containsExactly(
                List.of("ip", "-json", "addr", "show"),
                List.of("ip", "addr", "del", FLOATING + "/24", "dev", "eth0"),
                List.of("ip", "-json", "addr", "show"),
                List.of("ip", "-json", "addr", "show"));
        assertThat(ctl2.ran()).startsWith(
                List.of("ip", "-json", "addr", "show"),
                List.of("ip", "addr", "add", FLOATING + "/24", "dev", "eth0", "label", "eth0:ha"));
        assertThat(ctl2.ran().subList(2, 4)).containsExactlyInAnyOrder(
                List.of("arping", "-U", "-c", "2", "-w", "1", "-I", "eth0", FLOATING),
                List.of("arping", "-A", "-c", "2", "-w", "1", "-I", "eth0", FLOATING));
        assertThat(ctl2.ran()).endsWith(List.of("ip", "-json", "addr", "show"));
    }

    @Test
    void aMoveToTheHolderOnlyReads() {
        ctl2.holding(true);

        builder().build().assignTo(CTL2);

        assertThat(ctl1.writes() + ctl2.writes()).isZero();
        assertThat(ctl1.ran()).containsOnly(List.of("ip", "-json", "addr", "show"));
        assertThat(ctl2.ran()).containsOnly(List.of("ip", "-json", "addr", "show"));
    }

    @Test
    void aFirstMoveAddsWhereNobodyHoldsIt() {
        builder().build().assignTo(CTL1);

        assertThat(ctl1.holding()).isTrue();
        assertThat(ctl2.holding()).isFalse();
        assertThat(ctl2.writes()).isZero();
    }

    @Test
    void anUnanswerablePeerBlocksTheMoveUntilTheCallerDeclaresItFenced() {
        ScriptedCommandRunner unreachable = new ScriptedCommandRunner();
        unreachable.expect("ip", "-json", "addr", "show").always().thenTimeout();
        LinuxFloatingAddress vip = builder().node(CTL1, unreachable).build();

        assertThatThrownBy(() -> vip.assignTo(CTL2)).isInstanceOfSatisfying(OperationRefusedException.class, e -> {
            assertThat(e.code()).isEqualTo(LinuxFloatingAddress.HOLDER_UNKNOWN);
            assertThat(e.retryable()).as("the peer may answer again").isTrue();
        }).hasMessageContaining("fence ctl1");
        assertThat(ctl2.holding()).isFalse();

        vip.assignTo(CTL2, Set.of(CTL1));

        assertThat(ctl2.holding()).isTrue();
        assertThat(unreachable.invocations()).as("a fenced node is not asked").hasSize(1);
    }

    @Test
    void anAddressThatWillNotGoAwayStopsTheMove() {
        ctl1.holding(true);
        ScriptedCommandRunner stubborn = new ScriptedCommandRunner();
        stubborn.expect("ip", "-json", "addr", "show").always().thenReturn(0, Fixtures.ipJson("ctl1-holding-labelled"));
        stubborn.expect("ip", "addr", "del", FLOATING + "/24", "dev", "eth0").thenReturn(0, "");

        assertThatThrownBy(() -> builder().node(CTL1, stubborn).build().assignTo(CTL2))
                .isInstanceOfSatisfying(OperationRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo(LinuxFloatingAddress.HELD_ELSEWHERE));
        assertThat(ctl2.writes()).isZero();
        stubborn.verifyAllConsumed();
    }

    @Test
    void duplicateDetectionRefusesWhenAHostStillAnswers() {
        ctl2.runner.expect("arping", "-D", "-c", "1", "-w", "1", "-I", "eth0", FLOATING)
                .thenReturn(1, "Unicast reply from 10.213.0.100 [2E:FA:40:40:35:5E]  0.563ms\nReceived 1 response(s)\n");

        assertThatThrownBy(() -> builder().duplicateCheck(true).build().assignTo(CTL2, Set.of(CTL1)))
                .isInstanceOfSatisfying(OperationRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo(LinuxFloatingAddress.ADDRESS_IN_USE))
                .hasMessageContaining("2e:fa:40:40:35:5e");
        assertThat(ctl2.holding()).isFalse();
    }

    @Test
    void aMoveThatDoesNotShowUpTimesOutOnTheInjectedClock() {
        ScriptedCommandRunner forgetful = new ScriptedCommandRunner();
        forgetful.expect("ip", "-json", "addr", "show").always().thenReturn(0, Fixtures.ipJson("ctl2-not-holding"));
        forgetful.expect("ip", "addr", "add", FLOATING + "/24", "dev", "eth0", "label", "eth0:ha").thenReturn(0, "");
        forgetful.respond(c -> c.argv().get(0).equals("arping") ? io.hpcha.spi.CommandResult.of(c, 0, "", "") : null);
        LinuxFloatingAddress vip = builder().runner(forgetful).verifyTimeout(Duration.ofSeconds(3)).build();

        assertThatThrownBy(() -> vip.assignTo(CTL2)).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("last seen on [nobody]");
        assertThat(clock.instant()).isAfterOrEqualTo(ManualClock.DEFAULT_START.plusSeconds(3));
    }

    @Test
    void aKernelRefusalIsNotRetriedAsIfItWereTransient() {
        ScriptedCommandRunner unprivileged = new ScriptedCommandRunner();
        unprivileged.expect("ip", "-json", "addr", "show").always().thenReturn(0, Fixtures.ipJson("ctl2-not-holding"));
        unprivileged.expect("ip", "addr", "add", FLOATING + "/24", "dev", "eth0", "label", "eth0:ha")
                .thenReturn(2, "", Fixtures.ipError("add-not-permitted"));

        assertThatThrownBy(() -> builder().runner(unprivileged).build().assignTo(CTL2))
                .isInstanceOfSatisfying(OperationRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo("EPERM");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void onlyKnownNodesCanReceiveTheAddress() {
        LinuxFloatingAddress vip = builder().build();

        assertThatThrownBy(() -> vip.assignTo(NodeId.of("ctl3"))).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("ctl3");
        assertThatThrownBy(() -> vip.assignTo(CTL2, Set.of(CTL2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vip.announce(NodeId.of("ctl3"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theBuilderRefusesWhatItCannotUse() {
        assertThatThrownBy(() -> LinuxFloatingAddress.builder().address(FLOATING).interfaceName("eth0")
                .localNode(CTL1).build()).isInstanceOf(ConfigurationException.class).hasMessageContaining("runner");
        assertThatThrownBy(() -> LinuxFloatingAddress.builder().interfaceName("eth0").localNode(CTL1)
                .runner(ctl1.runner).build()).isInstanceOf(ConfigurationException.class).hasMessageContaining("address");
        assertThatThrownBy(() -> builder().label("eth1:ha").build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> builder().gratuitousArp(3, Duration.ofMillis(500)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> builder().gratuitousArp(0, Duration.ofSeconds(1))).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> builder().commandTimeout(Duration.ZERO)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void aNodeGivenForTheLocalNodeReplacesTheRunner() {
        CommandRunner never = c -> {
            throw new AssertionError("the local runner was replaced: " + c.display());
        };
        LinuxFloatingAddress vip = LinuxFloatingAddress.builder().address(FLOATING).prefixLength(24).interfaceName("eth0")
                .localNode(CTL1).runner(never).node(CTL1, ctl1.runner).node(CTL2, ctl2.runner)
                .clock(clock).sleeper(clock).build();
        ctl1.holding(true);

        assertThat(vip.holder()).contains(CTL1);
        assertThat(vip).hasToString("LinuxFloatingAddress[10.213.0.100/24 dev eth0, local ctl1, nodes [ctl1, ctl2]]");
    }
}
