package io.hpcha.examples.failover;

import io.hpcha.OperationRefusedException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import java.time.Duration;
import java.util.Objects;

/**
 * The replicated volume's file system: {@code mount -t <type> <device> <directory>}, {@code umount
 * <directory>}, and {@code findmnt --noheadings --output SOURCE --mountpoint <directory>} to verify
 * (exit 1 with no output when nothing is mounted there; a device given through a symlink is matched with
 * {@code --source}). Paths are checked against a strict pattern.
 * Immutable and thread-safe.
 */
public final class FilesystemMount {
    private final CommandRunner runner;
    private final String device;
    private final String directory;
    private final String type;
    private final Duration timeout;

    public FilesystemMount(CommandRunner runner, String device, String directory, String type, Duration timeout) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.device = ArgumentChecks.path("mount.device", device);
        this.directory = ArgumentChecks.path("mount.directory", directory);
        this.type = ArgumentChecks.fsType("mount.type", type);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public String device() {
        return device;
    }

    public String directory() {
        return directory;
    }

    /** Whether the device is mounted on the directory. */
    public boolean isMounted() {
        CommandResult r = runner.run(Command.of(timeout, "findmnt", "--noheadings", "--output", "SOURCE", "--mountpoint", directory));
        if (r.exitCode() == 1 && r.stdout().isBlank()) {
            return false;
        }
        if (!r.succeeded()) {
            throw new UnexpectedOutputException("findmnt exited " + r.exitCode(), r.combinedOutput());
        }
        String source = r.stdout().strip();
        if (source.equals(device)) {
            return true;
        }
        // the configured device may be a symlink (/dev/drbd/by-res/r0/0): findmnt canonicalizes --source
        CommandResult same = runner.run(Command.of(timeout, "findmnt", "--noheadings", "--source", device, "--mountpoint", directory));
        if (same.succeeded()) {
            return true;
        }
        throw new OperationRefusedException("", directory + " holds " + source + ", not " + device);
    }

    public void mount() {
        CommandResult r = runner.run(Command.of(timeout, "mount", "-t", type, device, directory));
        if (!r.succeeded()) {
            throw new OperationRefusedException(Integer.toString(r.exitCode()), "mount " + device + " " + directory + ": " + r.combinedOutput().strip());
        }
    }

    public void unmount() {
        CommandResult r = runner.run(Command.of(timeout, "umount", directory));
        if (!r.succeeded()) {
            throw new OperationRefusedException(Integer.toString(r.exitCode()), "umount " + directory + ": " + r.combinedOutput().strip());
        }
    }
}
