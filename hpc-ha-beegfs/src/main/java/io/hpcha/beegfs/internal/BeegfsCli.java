package io.hpcha.beegfs.internal;

import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Runs BeeGFS's programs, from a bin directory when one is given, with a timeout. Immutable and thread-safe. */
public final class BeegfsCli {
    private final CommandRunner runner;
    private final Optional<Path> binDir;
    private final Duration timeout;

    public BeegfsCli(CommandRunner runner, Optional<Path> binDir, Duration timeout) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.binDir = Objects.requireNonNull(binDir, "binDir");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Runs {@code program args...}; the result whatever the exit code. */
    public CommandResult run(String program, List<String> args) {
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(binDir.map(d -> d.resolve(program).toString()).orElse(program));
        argv.addAll(args);
        return runner.run(Command.of(timeout, argv));
    }

    /** The runner underneath, for commands that are not BeeGFS's own. */
    public CommandRunner runner() {
        return runner;
    }

    /** The command timeout. */
    public Duration timeout() {
        return timeout;
    }
}
