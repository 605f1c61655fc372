package io.hpcha.drbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.NotFoundException;
import io.hpcha.PromoteOptions;
import io.hpcha.spi.Command;
import io.hpcha.testkit.ScriptedCommandRunner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DrbdVolume on what the installed drbd-utils 9.22 really printed (fixtures in
 * {@code drbd-utils-9.22/}), and its command lines checked against drbdadm's own dry run.
 */
class DrbdUtilsOutputTest {
    private final ScriptedCommandRunner runner = new ScriptedCommandRunner();

    private void answer(List<String> argv, Fixture.Captured c) {
        runner.expect(argv).thenReturn(c.exitCode(), c.stdout(), c.stderr());
    }

    @Test
    void noKernelModuleIsUnavailable() {
        answer(List.of("drbdsetup", "status", "r0", "--json"), Fixture.captured("drbdsetup-status-json-no-module.txt"));
        assertThatThrownBy(() -> DrbdVolume.builder().resource("r0").runner(runner).release(DrbdRelease.DRBD_9).build().status())
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("Failed to modprobe drbd");
    }

    @Test
    void promotionWithoutKernelModuleIsUnavailable() {
        runner.expect("drbdsetup", "status", "r0", "--json").thenReturn(0, new FakeDrbd("r0").peer("ctl-b")
                .apply(Command.of(java.time.Duration.ofSeconds(1), "drbdsetup", "status", "r0", "--json")).stdout());
        answer(List.of("drbdadm", "primary", "r0"), Fixture.captured("drbdadm-primary-no-module.txt"));
        assertThatThrownBy(() -> DrbdVolume.builder().resource("r0").runner(runner).release(DrbdRelease.DRBD_9).build()
                .promote(PromoteOptions.defaults()))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("Failed to modprobe drbd");
    }

    @Test
    void aResourceDrbdadmDoesNotKnowIsNotFound() {
        answer(List.of("drbdadm", "role", "r9"), Fixture.captured("drbdadm-role-not-defined.txt"));
        assertThatThrownBy(() -> DrbdVolume.builder().resource("r9").runner(runner).release(DrbdRelease.DRBD_8_4).build().status())
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'r9' not defined in your config");
    }

    @Test
    void drbdadmWithoutConfigurationIsAConfigurationError() {
        answer(List.of("drbdadm", "role", "r0"), Fixture.captured("drbdadm-role-no-config.txt"));
        assertThatThrownBy(() -> DrbdVolume.builder().resource("r0").runner(runner).release(DrbdRelease.DRBD_8_4).build().status())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no resource in its configuration");
    }

    @Test
    void theVolumesCommandLinesMeanWhatDrbdadmsDryRunSays() {
        // what DrbdVolume runs, with drbdadm's -c <file> -d (dry run) removed from the captured argv
        assertThat(withoutDryRun(Fixture.captured("drbdadm-dry-run-primary-force.txt")))
                .containsExactly("drbdadm", "primary", "--force", "r0");
        assertThat(Fixture.captured("drbdadm-dry-run-primary-force.txt").stdout()).isEqualTo("drbdsetup primary r0 --force\n");
        assertThat(withoutDryRun(Fixture.captured("drbdadm-dry-run-connect-discard-my-data.txt")))
                .containsExactly("drbdadm", "connect", "--discard-my-data", "r0");
        assertThat(withoutDryRun(Fixture.captured("drbdadm-dry-run-8.4-syntax-connect.txt")))
                .containsExactly("drbdadm", "--", "--discard-my-data", "connect", "r0");
        for (String f : List.of("drbdadm-dry-run-connect-discard-my-data.txt", "drbdadm-dry-run-8.4-syntax-connect.txt")) {
            assertThat(Fixture.captured(f).stdout()).isEqualTo("drbdsetup connect r0 1 --discard-my-data\n");
        }
        // and these are exactly the vectors DrbdVolume sends
        FakeDrbd fake = new FakeDrbd("r0").peer("ctl-b", "StandAlone", "Unknown", "DUnknown", "Off");
        runner.respond(fake);
        DrbdVolume.builder().resource("r0").runner(runner).build().discardLocalDataAndReconnect("test");
        assertThat(fake.stateChanges()).contains(withoutDryRun(Fixture.captured("drbdadm-dry-run-connect-discard-my-data.txt")));
    }

    private static List<String> withoutDryRun(Fixture.Captured c) {
        List<String> argv = new ArrayList<>(c.argv());
        int i = argv.indexOf("-c");
        argv.remove(i + 1);
        argv.remove(i);
        argv.remove("-d");
        return argv;
    }
}
