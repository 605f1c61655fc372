package io.hpcha.slurm.internal;

import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs Slurm's client programs: from a bin directory when one is given, with a timeout, and with
 * {@code SLURM_CONF} set when a configuration file is given. Immutable and thread-safe.
 */
public final class SlurmCli {
    private final CommandRunner runner;
    private final Optional<Path> binDir;
    private final Map<String, String> environment;

    public SlurmCli(CommandRunner runner, Optional<Path> binDir, Optional<Path> slurmConf) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.binDir = Objects.requireNonNull(binDir, "binDir");
        this.environment = slurmConf.map(p -> Map.of("SLURM_CONF", p.toString())).orElse(Map.of());
    }

    /** Runs {@code program args...} and returns its result, whatever the exit code. */
    public CommandResult run(Duration timeout, String program, List<String> args) {
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(binDir.map(d -> d.resolve(program).toString()).orElse(program));
        argv.addAll(args);
        Command command = Command.of(timeout, argv);
        if (!environment.isEmpty()) {
            command = command.withEnvironment(environment);
        }
        return runner.run(command);
    }

    /** As {@link #run}, with standard input. */
    public CommandResult run(Duration timeout, String program, List<String> args, String stdin) {
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(binDir.map(d -> d.resolve(program).toString()).orElse(program));
        argv.addAll(args);
        Command command = Command.of(timeout, argv).withStdin(stdin);
        if (!environment.isEmpty()) {
            command = command.withEnvironment(environment);
        }
        return runner.run(command);
    }
}
