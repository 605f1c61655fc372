package io.hpcha.linux;

import io.hpcha.linux.internal.LinuxNames;
import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import io.hpcha.spi.LocalCommandRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs every command inside a named network namespace by prefixing {@code ip netns exec <namespace>}
 * to its argument vector, then hands it to another runner. For tests and multi-namespace setups in
 * which one process drives several "hosts" that are network namespaces on one machine (the
 * {@code scripts/netns-testbed.sh} testbed): give one per node to
 * {@link LinuxFloatingAddress.Builder#node}. Needs the privileges {@code ip netns exec} needs (root).
 *
 * <p>A namespace that does not exist shows as the command's failure
 * ({@code Cannot open network namespace "x"}), which the backends map to
 * {@link io.hpcha.NotFoundException}. Timeout, input and environment of the command are kept.
 *
 * <p>Immutable and thread-safe when the runner it wraps is.
 */
public final class NetnsCommandRunner implements CommandRunner {
    private final String namespace;
    private final CommandRunner delegate;
    private final String ipProgram;

    private NetnsCommandRunner(String namespace, CommandRunner delegate, String ipProgram) {
        this.namespace = LinuxNames.netnsName("namespace", namespace);
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.ipProgram = LinuxNames.program("ipProgram", ipProgram);
    }

    /** Runs in {@code namespace} through a {@link LocalCommandRunner}. */
    public static NetnsCommandRunner of(String namespace) {
        return of(namespace, LocalCommandRunner.create());
    }

    /** Runs in {@code namespace} through {@code delegate}. */
    public static NetnsCommandRunner of(String namespace, CommandRunner delegate) {
        return new NetnsCommandRunner(namespace, delegate, "ip");
    }

    /** Runs in {@code namespace} through {@code delegate}, with {@code ipProgram} as the {@code ip} that enters it. */
    public static NetnsCommandRunner of(String namespace, CommandRunner delegate, String ipProgram) {
        return new NetnsCommandRunner(namespace, delegate, ipProgram);
    }

    /** The network namespace commands run in. */
    public String namespace() {
        return namespace;
    }

    @Override
    public CommandResult run(Command command) {
        List<String> argv = new ArrayList<>(command.argv().size() + 4);
        argv.addAll(List.of(ipProgram, "netns", "exec", namespace));
        argv.addAll(command.argv());
        return delegate.run(new Command(argv, command.timeout(), command.stdin(), command.environment()));
    }

    @Override
    public String toString() {
        return "NetnsCommandRunner[" + namespace + " via " + delegate + "]";
    }
}
