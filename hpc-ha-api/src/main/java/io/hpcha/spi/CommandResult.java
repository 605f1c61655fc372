package io.hpcha.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * What a finished {@link Command} produced. A non-zero exit code is a result, not an exception: the
 * backend that ran the command knows what each code means.
 *
 * @param command          the command that ran
 * @param exitCode         its exit code
 * @param stdout           standard output (UTF-8), cut at the runner's cap
 * @param stderr           standard error (UTF-8), cut at the runner's cap
 * @param stdoutTruncated  whether standard output was cut
 * @param stderrTruncated  whether standard error was cut
 * @param duration         how long it ran
 */
public record CommandResult(Command command, int exitCode, String stdout, String stderr,
                            boolean stdoutTruncated, boolean stderrTruncated, Duration duration) {
    public CommandResult {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(duration, "duration");
    }

    /** A result that exited 0 with the given output, taking no time: for tests and scripted runners. */
    public static CommandResult of(Command command, int exitCode, String stdout, String stderr) {
        return new CommandResult(command, exitCode, stdout, stderr, false, false, Duration.ZERO);
    }

    /** Whether the exit code was 0. */
    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Standard output then standard error, for matching error texts that a tool prints to either. */
    public String combinedOutput() {
        if (stderr.isEmpty()) {
            return stdout;
        }
        return stdout.isEmpty() ? stderr : stdout + "\n" + stderr;
    }
}
