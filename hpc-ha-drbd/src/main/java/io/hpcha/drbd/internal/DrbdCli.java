package io.hpcha.drbd.internal;

import io.hpcha.BackendUnavailableException;
import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs DRBD's programs ({@code drbdadm}, {@code drbdsetup}) and reads {@code /proc/drbd} through a
 * {@link CommandRunner}: an argument vector with a timeout, never a shell. A timeout is reported as
 * a {@link BackendUnavailableException} naming what was attempted. Immutable and thread-safe.
 */
public final class DrbdCli {
    private final CommandRunner runner;
    private final String drbdadm;
    private final String drbdsetup;

    public DrbdCli(CommandRunner runner, String drbdadm, String drbdsetup) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.drbdadm = Objects.requireNonNull(drbdadm, "drbdadm");
        this.drbdsetup = Objects.requireNonNull(drbdsetup, "drbdsetup");
    }

    /** {@code drbdadm args...}. */
    public CommandResult drbdadm(Duration timeout, String... args) {
        return run(timeout, drbdadm, args);
    }

    /** {@code drbdsetup args...}. */
    public CommandResult drbdsetup(Duration timeout, String... args) {
        return run(timeout, drbdsetup, args);
    }

    /** {@code cat /proc/drbd}: the kernel module's version and, on 8.4, its devices. */
    public CommandResult procDrbd(Duration timeout) {
        return run(timeout, "cat", "/proc/drbd");
    }

    /** The argument vector of {@code drbdadm args...}, for logs and tests. */
    public List<String> drbdadmArgv(String... args) {
        return argv(drbdadm, args);
    }

    private CommandResult run(Duration timeout, String program, String... args) {
        Command command = Command.of(timeout, argv(program, args));
        try {
            return runner.run(command);
        } catch (BackendUnavailableException e) {
            throw new BackendUnavailableException(command.display() + ": " + e.getMessage(), e);
        }
    }

    private static List<String> argv(String program, String... args) {
        List<String> argv = new ArrayList<>(args.length + 1);
        argv.add(program);
        argv.addAll(List.of(args));
        return argv;
    }
}
