package io.hpcha.beegfs;

import io.hpcha.ConfigurationException;
import io.hpcha.OperationRefusedException;
import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Switchover} that runs an operator-given argument vector, for example
 * {@code ["ssh", "{node}", "systemctl", "stop", "beegfs-storage"]}. Placeholders, replaced in each
 * argument: {@code {targetId}} (the target's number), {@code {type}} ({@code storage} or
 * {@code meta}) and {@code {node}} (the host name of the node serving the target, taken from the
 * CLI's node column: {@code "beegfs-storage node01 [ID: 1]"} gives {@code node01}). The node name is
 * checked to be a plain host name before it is used. No shell is involved. Immutable and thread-safe.
 */
public final class CommandSwitchover implements Switchover {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
    private static final Pattern LONG_NODE = Pattern.compile("(?:beegfs-\\w+\\s+)?(\\S+)(?:\\s+\\[ID: \\d+])?");

    private final CommandRunner runner;
    private final List<String> template;
    private final Duration timeout;

    /**
     * @param runner   runs the command
     * @param template the argument vector with placeholders; not empty
     * @param timeout  how long the command may run
     */
    public CommandSwitchover(CommandRunner runner, List<String> template, Duration timeout) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.template = List.copyOf(template);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (this.template.isEmpty()) {
            throw new ConfigurationException("switchover command is empty");
        }
    }

    /** The argument vector for {@code target}. */
    public List<String> argv(TargetState target) {
        List<String> argv = new ArrayList<>(template.size());
        for (String arg : template) {
            String a = arg.replace("{targetId}", Integer.toString(target.id())).replace("{type}", target.type().cliName());
            if (a.contains("{node}")) {
                a = a.replace("{node}", host(target));
            }
            argv.add(a);
        }
        return argv;
    }

    @Override
    public void takeOutOfService(TargetState target) {
        CommandResult r = runner.run(Command.of(timeout, argv(target)));
        if (!r.succeeded()) {
            throw new OperationRefusedException("switchover-command-failed", "taking " + target.subject()
                    + " out of service failed (" + r.command().display() + " exit " + r.exitCode() + "): "
                    + r.combinedOutput().trim());
        }
    }

    private static String host(TargetState target) {
        Matcher m = LONG_NODE.matcher(target.node().trim());
        if (!m.matches() || !HOST.matcher(m.group(1)).matches()) {
            throw new OperationRefusedException("no-node-name", "cannot tell the host of " + target.subject()
                    + " from '" + target.node() + "'");
        }
        return m.group(1);
    }
}
