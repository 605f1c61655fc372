package io.hpcha.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import io.hpcha.spi.LocalCommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The testbed of {@code scripts/failover-testbed.sh}, driven from a test: two controllers running
 * slurmctld and the controller-failover daemon, a client, slurmd n1 and DynamoDB Local, each in its
 * own network namespace on bridge he2e0 (10.213.90.0/24); the floating address is 10.213.90.100.
 * {@link #require()} skips the calling test without root, the tools or the built daemon jar, and
 * fails instead when {@code HPCHA_REQUIRE_REAL_BACKENDS=true}.
 */
final class FailoverTestbed implements AutoCloseable {
    static final String ADDRESS = "10.213.90.100";
    static final List<String> CONTROLLERS = List.of("ctl1", "ctl2");
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);

    private final Path script;
    private final Path dir;
    private final Path jar;
    private final CommandRunner local = LocalCommandRunner.create();

    private FailoverTestbed(Path script, Path dir, Path jar) {
        this.script = script;
        this.dir = dir;
        this.jar = jar;
    }

    /** A testbed description (nothing started yet), or a skip (a failure in CI) when this machine cannot run it. */
    static FailoverTestbed require() {
        Path script = Path.of(System.getProperty("hpcha.e2e.script", "../scripts/failover-testbed.sh")).toAbsolutePath().normalize();
        Path jar = Path.of(System.getProperty("hpcha.e2e.daemonJar", "target/e2e/hpc-ha-examples-all.jar")).toAbsolutePath();
        String missing = null;
        if (!Files.isExecutable(script)) {
            missing = script + " not found";
        } else if (!"root".equals(System.getProperty("user.name"))) {
            missing = "network namespaces, slurmd and munged need root";
        } else if (!Files.isRegularFile(jar)) {
            missing = "the daemon jar " + jar + " was not built";
        } else {
            for (String program : List.of("ip", "nsenter", "unshare", "arping", "munged", "slurmctld", "slurmd", "scontrol", "srun")) {
                if (!onPath(program)) {
                    missing = program + " is not installed (Debian packages iproute2, util-linux, iputils-arping, munge, slurm-wlm)";
                }
            }
        }
        if (missing != null) {
            if ("true".equalsIgnoreCase(System.getenv("HPCHA_REQUIRE_REAL_BACKENDS"))) {
                fail("HPCHA_REQUIRE_REAL_BACKENDS=true but " + missing);
            }
            Assumptions.abort(missing);
        }
        return new FailoverTestbed(script, Path.of("target/e2e/testbed").toAbsolutePath(), jar);
    }

    /** Builds and starts everything; returns once ctl1 is active, ctl2 standby and n1 idle. */
    void start() {
        script("start");
    }

    /** SIGKILLs the active controller's daemon and slurmctld; returns its name. */
    String killActive() {
        return script("kill-active").strip();
    }

    void startDaemon(String controller) {
        script("start-daemon", controller);
    }

    /** The nodes (any namespace of the testbed) that have the floating address now. */
    List<String> addressHolders() {
        CommandResult r = run(argv("active"));
        return r.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** The controllers whose slurmctld process runs now. */
    List<String> runningSlurmctlds() {
        return CONTROLLERS.stream().filter(c -> run(argv("slurmctld-status", c)).succeeded()).toList();
    }

    /** Runs a command on {@code node} (a controller uses its own slurm.conf, others the floating address's). */
    CommandResult exec(String node, Duration timeout, String... command) {
        List<String> argv = argv("exec", node, "--");
        argv.addAll(Arrays.asList(command));
        return local.run(Command.of(timeout, argv));
    }

    /**
     * {@code scontrol ping} from the client through the floating address, run directly (no script in
     * between) so that polling it measures the failover and not bash.
     */
    CommandResult clientPing() {
        return local.run(Command.of(Duration.ofSeconds(5), "ip", "netns", "exec", "hpcha-e2e-client", "env",
                "SLURM_CONF=" + dir.resolve("etc/vip/slurm.conf"), "timeout", "2", "scontrol", "ping"));
    }

    /** When the controllers last saved Slurm's job state to the shared StateSaveLocation. */
    Instant jobStateSavedAt() {
        try {
            Path state = dir.resolve("state/job_state");
            return Files.exists(state) ? Files.getLastModifiedTime(state).toInstant() : Instant.EPOCH;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGSTOPs the active controller's daemon (a hung process: it stops renewing, its slurmctld serves on); returns its name. */
    String freezeActive() {
        return script("freeze-active").strip();
    }

    /**
     * When the daemon on {@code controller} first logged a line containing {@code text} at or after
     * {@code since}, by the time stamp that starts each line of its text log.
     */
    Optional<Instant> logged(String controller, String text, Instant since) {
        try {
            Path file = dir.resolve("log/daemon-" + controller + ".log");
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            for (String line : Files.readAllLines(file)) {
                int space = line.indexOf(' ');
                if (space < 0 || !line.contains(text)) {
                    continue;
                }
                try {
                    Instant at = Instant.parse(line.substring(0, space));
                    if (!at.isBefore(since)) {
                        return Optional.of(at);
                    }
                } catch (DateTimeParseException e) {
                    // a continuation line (stack trace): no time stamp
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest fencing token the testbed's fence agent obeyed (0 when it never fenced). */
    long newestFencingToken() {
        try {
            Path file = dir.resolve("run/fence-token");
            return Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fencing token of the lease {@code controller}'s daemon took at or after {@code since}, from its log. */
    long grantedToken(String controller, Instant since) {
        Pattern granted = Pattern.compile("acquired by " + controller + " with fencing token (\\d+)");
        try {
            for (String line : Files.readAllLines(dir.resolve("log/daemon-" + controller + ".log"))) {
                Matcher m = granted.matcher(line);
                if (m.find() && !Instant.parse(line.substring(0, line.indexOf(' '))).isBefore(since)) {
                    return Long.parseLong(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError(controller + " took no lease since " + since);
    }

    /** The last lines of the daemon's log on {@code controller}. */
    String daemonLog(String controller) {
        return tail(dir.resolve("log/daemon-" + controller + ".log"), 4000);
    }

    /**
     * Whether the daemon on {@code controller}, in its latest run (its log is appended to across
     * restarts), has asked the lease and found it held by the other one.
     */
    boolean isStandby(String controller) {
        String log;
        try {
            Path file = dir.resolve("log/daemon-" + controller + ".log");
            log = Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int started = log.lastIndexOf("controller-failover running");
        return started >= 0 && log.indexOf("lease held by another node", started) >= 0;
    }

    String diagnostics() {
        StringBuilder b = new StringBuilder(run(argv("status")).combinedOutput());
        for (String c : CONTROLLERS) {
            b.append("\n--- daemon on ").append(c).append(" (last lines)\n").append(tail(dir.resolve("log/daemon-" + c + ".log"), 3000));
            b.append("\n--- slurmctld on ").append(c).append(" (last lines)\n").append(tail(dir.resolve("log/slurmctld-" + c + ".log"), 1500));
        }
        return b.toString();
    }

    @Override
    public void close() {
        run(argv("stop"));
    }

    private String script(String... args) {
        CommandResult r = run(argv(args));
        if (!r.succeeded()) {
            fail("`" + r.command().display() + "` exited " + r.exitCode() + ":\n" + r.combinedOutput() + "\n" + diagnostics());
        }
        return r.stdout();
    }

    private CommandResult run(List<String> argv) {
        return local.run(Command.of(SCRIPT_TIMEOUT, argv));
    }

    private List<String> argv(String... args) {
        List<String> argv = new ArrayList<>(List.of(script.toString(), "--dir", dir.toString(), "--jar", jar.toString(), "--verbose"));
        argv.addAll(Arrays.asList(args));
        return argv;
    }

    private static String tail(Path file, int chars) {
        try {
            if (!Files.exists(file)) {
                return "(no " + file + ")";
            }
            String s = Files.readString(file);
            return s.length() <= chars ? s : s.substring(s.length() - chars);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", program)) || Files.isExecutable(Path.of("/sbin", program));
    }
}
