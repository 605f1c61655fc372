package io.hpcha.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real processes: these are the guarantees every CLI-backed backend relies on. */
class LocalCommandRunnerTest {
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private final LocalCommandRunner runner = LocalCommandRunner.create();

    @Test
    void shellMetacharactersReachTheProgramVerbatim() {
        List<String> hostile = List.of("; rm -rf /", "$(id)", "`uname`", "'single' \"double\"", "a b|c&&d>e", "*");
        String[] argv = new String[hostile.size() + 2];
        argv[0] = "printf";
        argv[1] = "%s\\n";
        for (int i = 0; i < hostile.size(); i++) {
            argv[i + 2] = hostile.get(i);
        }
        CommandResult r = runner.run(Command.of(TEN_SECONDS, argv));
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout().lines().toList()).isEqualTo(hostile);
    }

    @Test
    void reportsExitCodeOutputAndDuration() {
        CommandResult r = runner.run(Command.of(TEN_SECONDS, "sh", "-c", "echo out; echo err >&2; exit 3"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.succeeded()).isFalse();
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(r.combinedOutput()).isEqualTo("out\n\nerr\n");
        assertThat(r.duration()).isPositive();
    }

    @Test
    void passesStandardInputAndEnvironmentOverrides() {
        CommandResult echo = runner.run(Command.of(TEN_SECONDS, "cat").withStdin("hello\nworld"));
        assertThat(echo.stdout()).isEqualTo("hello\nworld");

        LocalCommandRunner withBase = LocalCommandRunner.builder().environment("HPCHA_BASE", "base").environment("HPCHA_X", "base").build();
        CommandResult env = withBase.run(Command.of(TEN_SECONDS, "printenv", "HPCHA_BASE", "HPCHA_X")
                .withEnvironment(Map.of("HPCHA_X", "override")));
        assertThat(env.stdout()).isEqualTo("base\noverride\n");
    }

    @Test
    void killsTheProcessAndItsChildrenAtTheTimeout(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("child.pid");
        // the parent starts a long-lived child, records its pid, then waits for it
        Command command = Command.of(Duration.ofMillis(700), "sh", "-c",
                "sleep 300 & echo $! > \"$0\"; wait", pidFile.toString());
        Instant start = Instant.now();
        assertThatThrownBy(() -> runner.run(command))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("timed out after PT0.7S")
                .satisfies(e -> assertThat(((BackendUnavailableException) e).retryable()).isTrue());
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(8));

        long childPid = Long.parseLong(Files.readString(pidFile).trim());
        awaitDead(childPid, Duration.ofSeconds(5));
    }

    @Test
    void truncatesOutputBeyondTheCapWithAMarker() {
        LocalCommandRunner capped = LocalCommandRunner.builder().outputLimitBytes(1024).build();
        // 64 MiB of output: read and discarded past the cap, so the call finishes and keeps 1 KiB
        CommandResult r = capped.run(Command.of(Duration.ofSeconds(30), "head", "-c", "67108864", "/dev/zero"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdoutTruncated()).isTrue();
        assertThat(r.stderrTruncated()).isFalse();
        assertThat(r.stdout()).startsWith("\0".repeat(1024)).endsWith("…[truncated " + (67108864 - 1024) + " bytes]");
        assertThat(r.stdout().length()).isLessThan(1100);
    }

    @Test
    void aMissingProgramIsAConfigurationError() {
        assertThatThrownBy(() -> runner.run(Command.of(TEN_SECONDS, "/nonexistent/hpcha-no-such-program")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("program not found: /nonexistent/hpcha-no-such-program");
    }

    @Test
    void commandsAreValidatedWhenBuilt() {
        assertThatThrownBy(() -> Command.of(TEN_SECONDS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Command.of(TEN_SECONDS, "echo", "a\0b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Command.of(Duration.ZERO, "true")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalCommandRunner.builder().outputLimitBytes(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void awaitDead(long pid, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            assertThat(Instant.now()).as("child %d still alive", pid).isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
