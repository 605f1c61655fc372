package io.hpcha.examples.failover;

import io.hpcha.BackendUnavailableException;
import io.hpcha.OperationRefusedException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import java.time.Duration;
import java.util.Objects;

/**
 * Services through {@code systemctl}, as argument vectors through a {@link CommandRunner}. Service names
 * are checked against a strict pattern. {@code systemctl is-active --quiet} exits 0 for an active unit
 * and 3 (or 4 for an unknown one) otherwise. A unit that fails to start or stop is a retryable
 * {@link OperationRefusedException}: during a failover a service often fails while the one it depends
 * on is still starting. Immutable and thread-safe.
 */
public final class SystemdServices implements ServiceManager {
    private final CommandRunner runner;
    private final String systemctl;
    private final Duration timeout;

    public SystemdServices(CommandRunner runner, String systemctl, Duration timeout) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.systemctl = Objects.requireNonNull(systemctl, "systemctl");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public void start(String service) {
        change("start", service);
    }

    @Override
    public void stop(String service) {
        change("stop", service);
    }

    @Override
    public boolean isActive(String service) {
        CommandResult r = runner.run(Command.of(timeout, systemctl, "is-active", "--quiet", ArgumentChecks.unit("service", service)));
        return switch (r.exitCode()) {
            case 0 -> true;
            case 3, 4 -> false;
            default -> throw new UnexpectedOutputException("systemctl is-active " + service + " exited " + r.exitCode(), r.combinedOutput());
        };
    }

    private void change(String verb, String service) {
        CommandResult r = runner.run(Command.of(timeout, systemctl, verb, ArgumentChecks.unit("service", service)));
        if (r.succeeded()) {
            return;
        }
        String out = r.combinedOutput().strip();
        if (out.contains("Transaction is destructive") || out.contains("Failed to connect to bus")) {
            throw new BackendUnavailableException("systemctl " + verb + " " + service + ": " + out);
        }
        // a unit that fails to start during a failover often waits on another (slurmdbd on MariaDB): worth a retry
        throw new OperationRefusedException(Integer.toString(r.exitCode()), "systemctl " + verb + " " + service + ": " + out, true, null);
    }
}
