package io.hpcha.spi;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands as local processes: {@link ProcessBuilder} with the argument vector, never a shell.
 *
 * <p>Past its timeout a command is killed together with every descendant process, and the call
 * throws {@link BackendUnavailableException}. Standard output and error are each kept up to
 * {@link Builder#outputLimitBytes(int) a cap} (128 MiB by default); the rest is read and discarded and
 * the text ends with a {@code …[truncated N bytes]} marker. Thread-safe.
 */
public final class LocalCommandRunner implements CommandRunner {
    private static final Logger log = LoggerFactory.getLogger(LocalCommandRunner.class);
    /** How long to wait for output streams to close after the process ended. */
    private static final long DRAIN_GRACE_MILLIS = 2_000;

    private final int outputLimitBytes;
    private final Map<String, String> environment;
    private final File workingDirectory;

    private LocalCommandRunner(Builder b) {
        this.outputLimitBytes = b.outputLimitBytes;
        this.environment = Map.copyOf(b.environment);
        this.workingDirectory = b.workingDirectory;
    }

    /** A runner with the defaults: 128 MiB per stream, the JVM's environment and working directory. */
    public static LocalCommandRunner create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CommandResult run(Command command) {
        ProcessBuilder pb = new ProcessBuilder(command.argv());
        pb.environment().putAll(environment);
        pb.environment().putAll(command.environment());
        if (workingDirectory != null) {
            pb.directory(workingDirectory);
        }
        long started = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            if (isMissingProgram(e)) {
                throw new ConfigurationException("program not found: " + command.program(), e);
            }
            throw new BackendUnavailableException("could not start " + command.program() + ": " + e.getMessage(), e);
        }
        BoundedCapture out = new BoundedCapture(process.getInputStream(), outputLimitBytes, "stdout-" + process.pid());
        BoundedCapture err = new BoundedCapture(process.getErrorStream(), outputLimitBytes, "stderr-" + process.pid());
        writeStdin(process, command);
        try {
            if (!process.waitFor(command.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                killTree(process);
                throw new BackendUnavailableException("timed out after " + command.timeout() + ": " + command.display());
            }
            out.join(DRAIN_GRACE_MILLIS);
            err.join(DRAIN_GRACE_MILLIS);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException("interrupted while running " + command.display(), e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        CommandResult result = new CommandResult(command, process.exitValue(), out.text(), err.text(),
                out.truncated(), err.truncated(), took);
        log.debug("ran {} -> exit {} in {} ms", command.display(), result.exitCode(), took.toMillis());
        return result;
    }

    private static void writeStdin(Process process, Command command) {
        try (OutputStream in = process.getOutputStream()) {
            if (command.stdin().isPresent()) {
                in.write(command.stdin().get().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the program closed its input early; what it did with the rest shows in its exit code
            log.debug("stdin of {} closed early: {}", command.program(), e.getMessage());
        }
    }

    /** Kills the children first (while they can still be found through their parent), then the process. */
    private static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(DRAIN_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isMissingProgram(IOException e) {
        String m = Objects.requireNonNullElse(e.getMessage(), "");
        return m.contains("error=2,") || m.contains("No such file");
    }

    /** Builds a {@link LocalCommandRunner}. Not thread-safe. */
    public static final class Builder {
        // Large enough for Slurm 22.05's `sinfo --json` of ~100,000 nodes (about 1.2 KB each); the buffer
        // grows only as output arrives, so small commands stay small.
        private int outputLimitBytes = 128 << 20;
        private final Map<String, String> environment = new HashMap<>();
        private File workingDirectory;

        private Builder() {
        }

        /** The most bytes kept of each of standard output and standard error; at least 1. */
        public Builder outputLimitBytes(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("output limit must be at least 1 byte: " + limit);
            }
            this.outputLimitBytes = limit;
            return this;
        }

        /** An environment variable set for every command (a command's own overrides win). */
        public Builder environment(String name, String value) {
            environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The directory commands run in. */
        public Builder workingDirectory(File dir) {
            this.workingDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        public LocalCommandRunner build() {
            return new LocalCommandRunner(this);
        }
    }
}
