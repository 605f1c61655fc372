package io.hpcha.examples.failover;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fences through a fence agent ({@code fence_ipmilan}, {@code fence_aws}, {@code fence_redfish} …), run
 * as argument vectors. The agent's status action follows the fence-agent API: exit code 0 means the peer
 * is on, 2 means it is off, anything else is an error. The fencing token is passed to both commands in the
 * environment variable {@code HPCHA_FENCING_TOKEN} (status: 0), for agents that check it.
 *
 * <p>The argument vectors come from the operator's configuration, not from an untrusted caller; they are
 * still never given to a shell. Immutable and thread-safe.
 */
public final class CommandFence implements Fence {
    /** The environment variable that carries the fencing token. */
    public static final String TOKEN_VARIABLE = "HPCHA_FENCING_TOKEN";

    private final CommandRunner runner;
    private final List<String> offCommand;
    private final List<String> statusCommand;
    private final Duration timeout;

    public CommandFence(CommandRunner runner, List<String> offCommand, List<String> statusCommand, Duration timeout) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.offCommand = List.copyOf(offCommand);
        this.statusCommand = List.copyOf(statusCommand);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (this.offCommand.isEmpty()) {
            throw new ConfigurationException("fence.off: expected the fence agent's argument vector, found none");
        }
        if (this.statusCommand.isEmpty()) {
            throw new ConfigurationException("fence.status: expected the fence agent's argument vector, found none");
        }
    }

    @Override
    public String describe() {
        return "fence agent " + offCommand.get(0);
    }

    @Override
    public boolean isFenced() {
        CommandResult r = runner.run(Command.of(timeout, statusCommand).withEnvironment(Map.of(TOKEN_VARIABLE, "0")));
        return switch (r.exitCode()) {
            case 0 -> false;
            case 2 -> true;
            case 1 -> throw new BackendUnavailableException("fence agent status failed: " + excerpt(r));
            default -> throw new UnexpectedOutputException("fence agent status exited " + r.exitCode(), r.combinedOutput());
        };
    }

    @Override
    public void fence(long fencingToken) {
        CommandResult r = runner.run(Command.of(timeout, offCommand)
                .withEnvironment(Map.of(TOKEN_VARIABLE, Long.toString(fencingToken))));
        if (!r.succeeded()) {
            throw new BackendUnavailableException("fence agent exited " + r.exitCode() + ": " + excerpt(r));
        }
    }

    private static String excerpt(CommandResult r) {
        String out = r.combinedOutput().strip();
        return out.length() > 300 ? out.substring(0, 300) + "…" : out;
    }
}
