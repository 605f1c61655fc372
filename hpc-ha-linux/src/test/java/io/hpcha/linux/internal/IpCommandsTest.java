package io.hpcha.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.linux.Fixtures;
import io.hpcha.spi.Command;
import io.hpcha.testkit.ScriptedCommandRunner;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IpCommandsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(7);
    private final IpCommands commands = new IpCommands("ip", "/usr/bin/arping", TIMEOUT);
    private final ScriptedCommandRunner runner = new ScriptedCommandRunner();

    @Test
    void listsAddressesWithIpJsonWithinTheTimeout() {
        runner.expect("ip", "-json", "addr", "show").thenReturn(0, Fixtures.ipJson("ctl2-holding-labelled"));

        assertThat(commands.addresses(runner, "ctl2")).filteredOn(e -> e.isIpv4("10.213.0.100")).hasSize(1);
        assertThat(runner.invocations()).singleElement().extracting(Command::timeout).isEqualTo(TIMEOUT);
        runner.verifyAllConsumed();
    }

    @Test
    void aFailedListingIsMapped() {
        runner.expect("ip", "-json", "addr", "show").thenReturn(1, "", Fixtures.ipError("netns-missing"));

        assertThatThrownBy(() -> commands.addresses(runner, "ctl1")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("listing addresses on ctl1");
    }

    @Test
    void addsWithAndWithoutLabelAndToleratesAnAddressAlreadyThere() {
        runner.expect("ip", "addr", "add", "10.213.0.100/24", "dev", "eth0", "label", "eth0:ha").thenReturn(0, "");
        runner.expect("ip", "addr", "add", "10.213.0.100/32", "dev", "eth0").thenReturn(2, "", Fixtures.ipError("add-exists"));

        assertThat(commands.add(runner, "10.213.0.100/24", "eth0", Optional.of("eth0:ha"), "ctl1")).isTrue();
        assertThat(commands.add(runner, "10.213.0.100/32", "eth0", Optional.empty(), "ctl1")).isFalse();
        runner.verifyAllConsumed();
    }

    @Test
    void aRefusedAddIsAnError() {
        runner.expect("ip", "addr", "add", "10.213.0.100/24", "dev", "eth0").thenReturn(2, "", Fixtures.ipError("add-not-permitted"));

        assertThatThrownBy(() -> commands.add(runner, "10.213.0.100/24", "eth0", Optional.empty(), "ctl1"))
                .isInstanceOfSatisfying(OperationRefusedException.class, e -> assertThat(e.code()).isEqualTo("EPERM"));
    }

    @Test
    void deletesTheEntryAsListedAndToleratesOneAlreadyGone() {
        AddressEntry entry = new AddressEntry("eth0", "inet", "10.213.0.100", 24, "eth0:ha");
        runner.expect("ip", "addr", "del", "10.213.0.100/24", "dev", "eth0").thenReturn(0, "");
        runner.expect("ip", "addr", "del", "10.213.0.100/24", "dev", "eth0").thenReturn(2, "", Fixtures.ipError("del-not-assigned"));

        assertThat(commands.delete(runner, entry, "ctl1")).isTrue();
        assertThat(commands.delete(runner, entry, "ctl1")).isFalse();
        runner.verifyAllConsumed();
    }

    @Test
    void neverPassesAnInterfaceNameFromOutputThatCouldBeAnOption() {
        AddressEntry hostile = new AddressEntry("-force", "inet", "10.213.0.100", 24, "");

        assertThatThrownBy(() -> commands.delete(runner, hostile, "ctl1")).isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("cannot be passed back");
        assertThat(runner.invocations()).isEmpty();
    }

    @Test
    void gratuitousArpIsBoundedByADeadlineAndRunsLonger() {
        runner.expect("/usr/bin/arping", "-U", "-c", "3", "-w", "2", "-I", "eth0", "10.213.0.100")
                .thenReturn(0, Fixtures.ipError("arping-unsolicited-ok"));
        runner.expect("/usr/bin/arping", "-A", "-c", "1", "-w", "1", "-I", "eth0", "10.213.0.100").thenReturn(0, "");
        runner.expect("/usr/bin/arping", "-A", "-c", "2", "-w", "2", "-i", "2", "-I", "eth0", "10.213.0.100").thenReturn(0, "");

        commands.gratuitousArp(runner, false, "eth0", "10.213.0.100", 3, Duration.ofSeconds(1), "ctl1");
        commands.gratuitousArp(runner, true, "eth0", "10.213.0.100", 1, Duration.ofSeconds(1), "ctl1");
        commands.gratuitousArp(runner, true, "eth0", "10.213.0.100", 2, Duration.ofSeconds(2), "ctl1");

        assertThat(runner.invocations()).extracting(Command::timeout)
                .containsExactly(TIMEOUT.plusSeconds(2), TIMEOUT.plusSeconds(1), TIMEOUT.plusSeconds(2));
        runner.verifyAllConsumed();
    }

    @Test
    void aFailedAnnouncementIsMapped() {
        runner.expect("/usr/bin/arping", "-U", "-c", "1", "-w", "1", "-I", "eth9", "10.213.0.100")
                .thenReturn(2, "", Fixtures.ipError("arping-no-device"));

        assertThatThrownBy(() -> commands.gratuitousArp(runner, false, "eth9", "10.213.0.100", 1, Duration.ofSeconds(1), "ctl1"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("gratuitous ARP request");
    }

    @Test
    void duplicateDetectionTellsSilenceFromAnAnswer() {
        String[] argv = {"/usr/bin/arping", "-D", "-c", "1", "-w", "1", "-I", "eth0", "10.213.0.100"};
        runner.expect(argv).thenReturn(0, "ARPING 10.213.0.100 from 0.0.0.0 eth0\nSent 1 probes (1 broadcast(s))\nReceived 0 response(s)\n");
        runner.expect(argv).thenReturn(1, "ARPING 10.213.0.100 from 0.0.0.0 eth0\n"
                + "Unicast reply from 10.213.0.100 [2E:FA:40:40:35:5E]  0.563ms\nSent 1 probes (1 broadcast(s))\nReceived 1 response(s)\n");
        runner.expect(argv).thenReturn(2, "", Fixtures.ipError("arping-interface-down"));
        runner.expect(argv).thenTimeout();

        assertThat(commands.answeringHost(runner, "eth0", "10.213.0.100", "ctl2")).isEmpty();
        assertThat(commands.answeringHost(runner, "eth0", "10.213.0.100", "ctl2")).contains("2e:fa:40:40:35:5e");
        assertThatThrownBy(() -> commands.answeringHost(runner, "eth0", "10.213.0.100", "ctl2"))
                .isInstanceOfSatisfying(OperationRefusedException.class, e -> assertThat(e.code()).isEqualTo("ENETDOWN"));
        assertThatThrownBy(() -> commands.answeringHost(runner, "eth0", "10.213.0.100", "ctl2"))
                .isInstanceOf(BackendUnavailableException.class);
        runner.verifyAllConsumed();
    }
}
