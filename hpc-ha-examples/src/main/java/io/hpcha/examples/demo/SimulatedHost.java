package io.hpcha.examples.demo;

import io.hpcha.ConfigurationException;
import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import io.hpcha.spi.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One controller host, simulated in memory for the demo: a {@link CommandRunner} that answers the
 * commands the failover plan runs ({@code systemctl start|stop|is-active --quiet}, {@code mount -t},
 * {@code umount}, {@code findmnt}) with the exit codes and output of the real programs, and keeps the
 * resulting state. Every command that changes something is recorded. Thread-safe.
 */
public final class SimulatedHost implements CommandRunner {
    private final String name;
    private final Set<String> active = new LinkedHashSet<>();
    private final Map<String, String> mounts = new HashMap<>();
    private final List<String> writes = new ArrayList<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Map<String, Duration> latency = new HashMap<>();
    private final Sleeper sleeper;
    private Consumer<String> onWrite = w -> { };

    /** A host whose commands take no time. */
    public SimulatedHost(String name) {
        this(name, d -> { });
    }

    /** A host whose commands spend their {@linkplain #latency latency} in {@code sleeper}. */
    public SimulatedHost(String name, Sleeper sleeper) {
        this.name = name;
        this.sleeper = sleeper;
    }

    /** Commands whose text starts with {@code prefix} ({@code "systemctl start slurmctld"}) take {@code d}. */
    public synchronized SimulatedHost latency(String prefix, Duration d) {
        latency.put(prefix, d);
        return this;
    }

    public String name() {
        return name;
    }

    /** Hears every state-changing command, as text ({@code "systemctl start slurmctld"}). */
    public synchronized SimulatedHost onWrite(Consumer<String> listener) {
        this.onWrite = listener;
        return this;
    }

    /** The next {@code n} runs of {@code systemctl start <service>} fail as a unit that cannot start does. */
    public synchronized SimulatedHost failStarts(String service, int n) {
        failures.put(service, n);
        return this;
    }

    public synchronized boolean isActive(String service) {
        return active.contains(service);
    }

    public synchronized Map<String, String> mounts() {
        return Map.copyOf(mounts);
    }

    /** Every state-changing command run so far. */
    public synchronized List<String> writes() {
        return List.copyOf(writes);
    }

    @Override
    public synchronized CommandResult run(Command c) {
        List<String> a = c.argv();
        String text = String.join(" ", a);
        latency.forEach((prefix, d) -> {
            if (text.startsWith(prefix)) {
                sleeper.sleep(d);
            }
        });
        String program = a.get(0);
        return switch (program) {
            case "systemctl" -> systemctl(c, a);
            case "mount" -> mount(c, a);
            case "umount" -> umount(c, a);
            case "findmnt" -> findmnt(c, a);
            default -> throw new ConfigurationException(program + ": command not found on simulated host " + name);
        };
    }

    private CommandResult systemctl(Command c, List<String> a) {
        String verb = a.get(1);
        String unit = a.get(a.size() - 1);
        switch (verb) {
            case "is-active" -> {
                return result(c, active.contains(unit) ? 0 : 3, "", "");
            }
            case "start" -> {
                int left = failures.getOrDefault(unit, 0);
                if (left > 0) {
                    failures.put(unit, left - 1);
                    return result(c, 1, "", "Job for " + unit + ".service failed because the control process exited with error code.\n"
                            + "See \"systemctl status " + unit + ".service\" and \"journalctl -xeu " + unit + ".service\" for details.\n");
                }
                active.add(unit);
            }
            case "stop" -> active.remove(unit);
            default -> {
                return result(c, 1, "", "Unknown command verb " + verb + ".\n");
            }
        }
        write(String.join(" ", a));
        return result(c, 0, "", "");
    }

    private CommandResult mount(Command c, List<String> a) {
        String device = a.get(a.size() - 2);
        String dir = a.get(a.size() - 1);
        if (mounts.containsKey(dir)) {
            return result(c, 32, "", "mount: " + dir + ": " + device + " already mounted on " + dir + ".\n");
        }
        mounts.put(dir, device);
        write(String.join(" ", a));
        return result(c, 0, "", "");
    }

    private CommandResult umount(Command c, List<String> a) {
        String dir = a.get(a.size() - 1);
        if (mounts.remove(dir) == null) {
            return result(c, 32, "", "umount: " + dir + ": not mounted.\n");
        }
        write(String.join(" ", a));
        return result(c, 0, "", "");
    }

    private CommandResult findmnt(Command c, List<String> a) {
        String dir = a.get(a.indexOf("--mountpoint") + 1);
        String device = mounts.get(dir);
        if (device == null) {
            return result(c, 1, "", "");
        }
        int source = a.indexOf("--source");
        if (source >= 0 && !a.get(source + 1).equals(device)) {
            return result(c, 1, "", "");
        }
        return result(c, 0, device + "\n", "");
    }

    private void write(String what) {
        writes.add(what);
        onWrite.accept(what);
    }

    private static CommandResult result(Command c, int exit, String out, String err) {
        return new CommandResult(c, exit, out, err, false, false, Duration.ZERO);
    }
}
