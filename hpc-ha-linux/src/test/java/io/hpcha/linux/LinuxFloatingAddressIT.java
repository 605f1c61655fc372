package io.hpcha.linux;

import static io.hpcha.linux.NetnsTestbed.FLOATING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.NodeId;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.spi.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LinuxFloatingAddress} on real network namespaces joined by a real bridge: the address
 * really moves, the client really reaches it, and gratuitous ARP really rewrites the client's
 * neighbour entry.
 */
class LinuxFloatingAddressIT {
    private static final NodeId CTL1 = NodeId.of("ctl1");
    private static final NodeId CTL2 = NodeId.of("ctl2");
    private static final Duration NEIGHBOUR_DEADLINE = Duration.ofSeconds(3);

    private static NetnsTestbed testbed;

    @BeforeAll
    static void up() {
        testbed = NetnsTestbed.require();
    }

    @AfterAll
    static void down() {
        if (testbed != null) {
            testbed.close();
            assertThat(testbed.leftovers()).as("left behind by the testbed").isEmpty();
        }
    }

    @BeforeEach
    void noAddress() {
        testbed.clear(FLOATING);
    }

    private LinuxFloatingAddress.Builder address() {
        return LinuxFloatingAddress.builder().address(FLOATING).prefixLength(24).interfaceName("eth0")
                .label("eth0:ha").localNode(CTL1)
                .node(CTL1, testbed.runner("ctl1")).node(CTL2, testbed.runner("ctl2"))
                .gratuitousArp(2, Duration.ofSeconds(1));
    }

    @Test
    void movesBackAndForthTenTimesAndTheClientFollows() {
        LinuxFloatingAddress vip = address().build();
        assertThat(vip.holder()).isEmpty();
        assertThat(testbed.pings("client", FLOATING)).as("nobody answers before the first move").isFalse();

        NodeId target = CTL1;
        for (int move = 1; move <= 10; move++) {
            String node = target.value();
            String other = target.equals(CTL1) ? "ctl2" : "ctl1";
            vip.assignTo(target);

            assertThat(vip.holder()).as("holder after move %d", move).contains(target);
            assertThat(testbed.interfacesWith(node, FLOATING)).as("on %s after move %d", node, move).containsExactly("eth0");
            assertThat(testbed.interfacesWith(other, FLOATING)).as("on %s after move %d", other, move).isEmpty();
            if (move > 1) {
                // The client resolved the address to the other node on the last round; only the
                // gratuitous ARP can have told it about the new one, since nothing was sent since.
                assertThat(awaitNeighbour(testbed.mac(node)))
                        .as("client's neighbour entry after move %d", move).contains(testbed.mac(node));
            }
            assertThat(testbed.pings("client", FLOATING)).as("client reaches %s after move %d", node, move).isTrue();
            assertThat(testbed.neighbour("client", FLOATING)).contains(testbed.mac(node));
            target = target.equals(CTL1) ? CTL2 : CTL1;
        }
    }

    @Test
    void aMoveToTheHolderWritesNothing() {
        List<List<String>> ran = new CopyOnWriteArrayList<>();
        LinuxFloatingAddress vip = address()
                .node(CTL1, recording(testbed.runner("ctl1"), ran))
                .node(CTL2, recording(testbed.runner("ctl2"), ran)).build();
        vip.assignTo(CTL2);
        ran.clear();

        vip.assignTo(CTL2);

        assertThat(ran).as("commands of the second move").allSatisfy(argv ->
                assertThat(argv).containsSubsequence("ip", "-json", "addr", "show"));
        assertThat(testbed.interfacesWith("ctl2", FLOATING)).containsExactly("eth0");
    }

    @Test
    void aSplitAddressIsReportedAndTheNextMoveRepairsIt() {
        testbed.exec("ctl1", "ip", "addr", "add", FLOATING + "/24", "dev", "eth0");
        testbed.exec("ctl2", "ip", "addr", "add", FLOATING + "/32", "dev", "eth0");
        LinuxFloatingAddress vip = address().build();

        assertThatThrownBy(vip::holder).isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("more than one node").hasMessageContaining("ctl1").hasMessageContaining("ctl2");

        vip.assignTo(CTL2); // on ctl2 with the wrong prefix: removed there too, then added as configured
        assertThat(testbed.interfacesWith("ctl1", FLOATING)).isEmpty();
        assertThat(testbed.exec("ctl2", "ip", "-4", "-o", "addr", "show", "dev", "eth0"))
                .contains(FLOATING + "/24").doesNotContain(FLOATING + "/32");
        assertThat(vip.holder()).contains(CTL2);
    }

    @Test
    void anUnreachableHolderBlocksTheMoveUntilItIsFenced() {
        testbed.exec("ctl1", "ip", "addr", "add", FLOATING + "/24", "dev", "eth0");
        CommandRunner ctl1Down = command -> {
            throw new BackendUnavailableException("timed out after PT10S: ssh ctl1 " + command.display());
        };
        LinuxFloatingAddress vip = address().node(CTL1, ctl1Down).duplicateCheck(true).build();

        assertThatThrownBy(() -> vip.assignTo(CTL2)).isInstanceOfSatisfying(OperationRefusedException.class, e -> {
            assertThat(e.code()).isEqualTo(LinuxFloatingAddress.HOLDER_UNKNOWN);
            assertThat(e.retryable()).isTrue();
        });
        assertThat(testbed.interfacesWith("ctl2", FLOATING)).as("nothing added while ctl1 may hold it").isEmpty();

        // Declared fenced but in truth still on the wire: the segment check catches the lie.
        assertThatThrownBy(() -> vip.assignTo(CTL2, Set.of(CTL1)))
                .isInstanceOfSatisfying(OperationRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo(LinuxFloatingAddress.ADDRESS_IN_USE))
                .hasMessageContaining(testbed.mac("ctl1"));
        assertThat(testbed.interfacesWith("ctl2", FLOATING)).isEmpty();

        testbed.exec("ctl1", "ip", "link", "set", "eth0", "down"); // the fence: ctl1 is cut off
        try {
            vip.assignTo(CTL2, Set.of(CTL1));
            assertThat(testbed.interfacesWith("ctl2", FLOATING)).containsExactly("eth0");
            assertThat(testbed.pings("client", FLOATING)).isTrue();
            assertThat(testbed.neighbour("client", FLOATING)).contains(testbed.mac("ctl2"));
        } finally {
            testbed.exec("ctl1", "ip", "link", "set", "eth0", "up");
        }
    }

    @Test
    void aMissingInterfaceIsNotFound() {
        LinuxFloatingAddress vip = address().interfaceName("eth9").label("eth9").build();
        assertThatThrownBy(() -> vip.assignTo(CTL1)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Cannot find device \"eth9\"");
    }

    @Test
    void aMissingNamespaceIsNotFound() {
        LinuxFloatingAddress vip = LinuxFloatingAddress.builder().address(FLOATING).prefixLength(24)
                .interfaceName("eth0").localNode(CTL1).runner(NetnsCommandRunner.of(testbed.prefix + "-gone")).build();
        assertThatThrownBy(vip::holder).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Cannot open network namespace");
    }

    @Test
    void theTestbedGivesEachNodeItsHostName() {
        assertThat(testbed.script("exec", "ctl1", "--", "hostname").strip()).isEqualTo("ctl1");
        assertThat(testbed.script("exec", "client", "--", "getent", "hosts", "ctl2")).contains("10.213.0.12");
        assertThat(testbed.script("status")).contains(testbed.ns("ctl2") + ": hostname ctl2");
    }

    private static Optional<String> awaitNeighbour(String expected) {
        long deadline = System.nanoTime() + NEIGHBOUR_DEADLINE.toNanos();
        Optional<String> seen = testbed.neighbour("client", FLOATING);
        while (!seen.equals(Optional.of(expected)) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            seen = testbed.neighbour("client", FLOATING);
        }
        return seen;
    }

    private static CommandRunner recording(CommandRunner runner, List<List<String>> ran) {
        return command -> {
            ran.add(new ArrayList<>(command.argv()));
            return runner.run(command);
        };
    }
}
