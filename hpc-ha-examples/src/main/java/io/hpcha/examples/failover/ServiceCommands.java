package io.hpcha.examples.failover;

import io.hpcha.ConfigurationException;
import java.util.List;
import java.util.Objects;

/**
 * The argument vectors that start, stop and query one service that is not run by systemd (a script, a
 * container, a test's own slurmctld). Never given to a shell. Immutable.
 *
 * @param start  starts the service; exit 0 on success
 * @param stop   stops it; exit 0 on success
 * @param status exit 0 while the service runs, any other exit code when it does not
 */
public record ServiceCommands(List<String> start, List<String> stop, List<String> status) {
    public ServiceCommands {
        start = nonEmpty("start", start);
        stop = nonEmpty("stop", stop);
        status = nonEmpty("status", status);
    }

    private static List<String> nonEmpty(String what, List<String> argv) {
        List<String> copy = List.copyOf(Objects.requireNonNull(argv, what));
        if (copy.isEmpty() || copy.get(0).isBlank()) {
            throw new ConfigurationException(what + ": expected an argument vector such as [/usr/local/bin/slurmctld-" + what + "], found none");
        }
        return copy;
    }
}
