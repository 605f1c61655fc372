package io.hpcha.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptedCommandRunnerTest {
    private static final Duration T = Duration.ofSeconds(10);
    private final ScriptedCommandRunner runner = new ScriptedCommandRunner();

    private static Command cmd(String... argv) {
        return Command.of(T, argv);
    }

    @Test
    void answersExpectedCommandsInOrder() {
        runner.expect("scontrol", "ping").thenReturn(0, "Slurmctld(primary) at head-1 is UP");
        runner.expect("scontrol", "takeover").thenReturn(1, "", "slurm_takeover error: Unable to contact");
        CommandResult ping = runner.run(cmd("scontrol", "ping"));
        CommandResult takeover = runner.run(cmd("scontrol", "takeover"));
        assertThat(ping.exitCode()).isZero();
        assertThat(ping.stdout()).contains("UP");
        assertThat(takeover.exitCode()).isEqualTo(1);
        assertThat(takeover.stderr()).contains("Unable to contact");
        assertThat(takeover.command().argv()).containsExactly("scontrol", "takeover");
        runner.verifyAllConsumed();
    }

    @Test
    void aCommandOutOfOrderFailsLoudlyNamingBothSides() {
        runner.expect("a").thenReturn(0, "");
        runner.expect("b").thenReturn(0, "");
        assertThatThrownBy(() -> runner.run(cmd("b")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("unexpected command [b]")
                .hasMessageContaining("next expected: [a]");
    }

    @Test
    void anUnexpectedCommandAlsoFailsVerificationEvenIfSwallowed() {
        try {
            runner.run(cmd("rm", "-rf", "/"));
        } catch (AssertionError swallowedByCodeUnderTest) {
            // the code under test might catch Throwable; verification still fails
        }
        assertThatThrownBy(runner::verifyAllConsumed).isInstanceOf(AssertionError.class)
                .hasMessageContaining("unexpected: [[rm, -rf, /]]");
    }

    @Test
    void matchesTheWholeArgumentVectorOnly() {
        runner.expect("drbdadm", "primary", "r0").thenReturn(0, "");
        assertThatThrownBy(() -> runner.run(cmd("drbdadm", "primary", "r0", "--force")))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void reusableExpectationsMatchAnyNumberOfTimesBesideTheSequence() {
        runner.expect("sinfo").always().thenReturn(0, "n1 idle");
        runner.expect("scontrol", "update", "NodeName=n1", "State=DRAIN", "Reason=x").thenReturn(0, "");
        runner.run(cmd("sinfo"));
        runner.run(cmd("sinfo"));
        runner.run(cmd("scontrol", "update", "NodeName=n1", "State=DRAIN", "Reason=x"));
        runner.run(cmd("sinfo"));
        runner.verifyAllConsumed();
        assertThat(runner.invocations()).hasSize(4);
    }

    @Test
    void verificationFailsWhileAOneShotExpectationIsUnused() {
        runner.expect("sinfo").always().thenReturn(0, "");
        runner.expect("scontrol", "reconfigure").thenReturn(0, "");
        assertThatThrownBy(runner::verifyAllConsumed).isInstanceOf(AssertionError.class)
                .hasMessageContaining("never run: [[scontrol, reconfigure]]");
    }

    @Test
    void timeoutThrowsUnavailableAfterTheCommandsTimeoutOnTheSleeper() {
        ManualClock clock = new ManualClock();
        ScriptedCommandRunner timed = new ScriptedCommandRunner(clock);
        timed.expect("drbdadm", "status").thenTimeout();
        Instant before = clock.instant();
        assertThatThrownBy(() -> timed.run(cmd("drbdadm", "status")))
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("timed out");
        assertThat(Duration.between(before, clock.instant())).isEqualTo(T);
    }

    @Test
    void thenThrowAndThenAnswerComputeFromTheCommand() {
        runner.expect("beegfs-ctl").thenThrow(c -> new ConfigurationException(c.program() + " not installed"));
        runner.expect("cat").thenAnswer(c -> CommandResult.of(c, 0, c.stdin().orElse(""), ""));
        assertThatThrownBy(() -> runner.run(cmd("beegfs-ctl"))).isInstanceOf(ConfigurationException.class)
                .hasMessage("beegfs-ctl not installed");
        assertThat(runner.run(cmd("cat").withStdin("hello")).stdout()).isEqualTo("hello");
    }

    @Test
    void expectationWithoutAnAnswerFailsLoudly() {
        runner.expect("ip", "addr");
        assertThatThrownBy(() -> runner.run(cmd("ip", "addr"))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("no answer");
    }

    @Test
    void fallbackResponderServesStatefulScripts() {
        String[] role = {"Secondary"};
        runner.expect("drbdadm", "primary", "r0").thenAnswer(c -> {
            role[0] = "Primary";
            return CommandResult.of(c, 0, "", "");
        });
        runner.respond(c -> c.argv().equals(List.of("drbdadm", "role", "r0"))
                ? CommandResult.of(c, 0, role[0], "") : null);
        assertThat(runner.run(cmd("drbdadm", "role", "r0")).stdout()).isEqualTo("Secondary");
        runner.run(cmd("drbdadm", "primary", "r0"));
        assertThat(runner.run(cmd("drbdadm", "role", "r0")).stdout()).isEqualTo("Primary");
        assertThatThrownBy(() -> runner.run(cmd("drbdadm", "down", "r0"))).isInstanceOf(AssertionError.class);
    }

    @Test
    void expectMatchingAcceptsByPredicate() {
        runner.expectMatching("scontrol update with any reason",
                c -> c.argv().size() == 5 && c.argv().get(4).startsWith("Reason=")).always().thenReturn(0, "");
        assertThatCode(() -> runner.run(cmd("scontrol", "update", "NodeName=n1", "State=DOWN", "Reason=a b")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> runner.run(cmd("scontrol", "update"))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("scontrol update with any reason");
    }
}
