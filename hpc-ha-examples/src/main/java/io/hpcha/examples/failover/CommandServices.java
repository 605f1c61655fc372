package io.hpcha.examples.failover;

import io.hpcha.OperationRefusedException;
import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Services run by the operator's own commands ({@link ServiceCommands}), and every other service through
 * a fallback manager (usually {@link SystemdServices}). A command that times out or cannot run is the
 * runner's {@link io.hpcha.BackendUnavailableException}; a start or stop that exits non-zero is a retryable
 * {@link OperationRefusedException}, as with systemd. Immutable and thread-safe.
 */
public final class CommandServices implements ServiceManager {
    private final CommandRunner runner;
    private final Map<String, ServiceCommands> commands;
    private final ServiceManager fallback;
    private final Duration timeout;

    public CommandServices(CommandRunner runner, Map<String, ServiceCommands> commands, ServiceManager fallback, Duration timeout) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.commands = Map.copyOf(commands);
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public void start(String service) {
        ServiceCommands c = commands.get(service);
        if (c == null) {
            fallback.start(service);
        } else {
            change("start", service, c.start().toArray(String[]::new));
        }
    }

    @Override
    public void stop(String service) {
        ServiceCommands c = commands.get(service);
        if (c == null) {
            fallback.stop(service);
        } else {
            change("stop", service, c.stop().toArray(String[]::new));
        }
    }

    @Override
    public boolean isActive(String service) {
        ServiceCommands c = commands.get(service);
        if (c == null) {
            return fallback.isActive(service);
        }
        CommandResult r = runner.run(Command.of(timeout, c.status().toArray(String[]::new)));
        return r.succeeded();
    }

    private void change(String verb, String service, String[] argv) {
        CommandResult r = runner.run(Command.of(timeout, argv));
        if (r.succeeded()) {
            return;
        }
        String out = r.combinedOutput().strip();
        if (out.length() > 300) {
            out = out.substring(0, 300) + "…";
        }
        throw new OperationRefusedException(Integer.toString(r.exitCode()),
                verb + " command of " + service + " exited " + r.exitCode() + ": " + out, true, null);
    }
}
