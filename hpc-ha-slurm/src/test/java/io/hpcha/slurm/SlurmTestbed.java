package io.hpcha.slurm;

import io.hpcha.ControllerStatus;
import io.hpcha.NodeFlag;
import io.hpcha.NodeState;
import io.hpcha.spi.Await;
import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import io.hpcha.spi.LocalCommandRunner;
import io.hpcha.spi.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code scripts/slurm-testbed.sh} cluster: three slurmd ({@code n1..n3}) and one
 * slurmctld, or two slurmctld in network namespaces ({@link #ha()}). Started by
 * {@link SlurmTestbedExtension} once per test run. The runner given to the code under test is a
 * {@link LocalCommandRunner} with {@code SLURM_CONF} in its environment, as a deployment would have it.
 */
final class SlurmTestbed {
    static final List<String> NODES = List.of("n1", "n2", "n3");

    private final Path script;
    private final boolean ha;
    private final Path slurmConf;
    private final LocalCommandRunner runner;
    private final LocalCommandRunner tools;

    SlurmTestbed(Path script, boolean ha, Path slurmConf) {
        this.script = script;
        this.ha = ha;
        this.slurmConf = slurmConf;
        this.runner = LocalCommandRunner.builder().environment("SLURM_CONF", slurmConf.toString()).build();
        // the tests' own commands may print a lot (scontrol show hostnames of a large expression)
        this.tools = LocalCommandRunner.builder().environment("SLURM_CONF", slurmConf.toString())
                .outputLimitBytes(64 << 20).build();
    }

    boolean ha() {
        return ha;
    }

    Path slurmConf() {
        return slurmConf;
    }

    /** The testbed's directory (pid files under {@code run/}, logs under {@code log/}). */
    Path dir() {
        return slurmConf.getParent().getParent();
    }

    /** The pid of a running slurmd. */
    long slurmdPid(String node) {
        return pid(dir().resolve("run/slurmd-" + node + ".pid"));
    }

    /** The pid of a running slurmctld ({@code 0} the primary). */
    long slurmctldPid(int index) {
        return pid(dir().resolve(ha ? "run/ctl" + index + "/slurmctld.pid" : "run/slurmctld.pid"));
    }

    /** Whether slurmctld {@code index} runs (its pid file names a live process). */
    boolean slurmctldRunning(int index) {
        try {
            return ProcessHandle.of(slurmctldPid(index)).map(ProcessHandle::isAlive).orElse(false);
        } catch (UncheckedIOException | NumberFormatException e) {
            return false; // no pid file, or one being written or removed
        }
    }

    private static long pid(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the code under test runs Slurm's commands with. */
    CommandRunner runner() {
        return runner;
    }

    /** A scheduler on this cluster; the timeout is short because the testbed's SlurmctldTimeout is 6 s. */
    SlurmScheduler scheduler() {
        return SlurmScheduler.builder().runner(runner).commandTimeout(Duration.ofSeconds(60)).build();
    }

    /** The testbed's SlurmdTimeout (scripts/slurm-testbed.sh sets it short). */
    Duration slurmdTimeout() {
        try {
            for (String line : Files.readAllLines(slurmConf)) {
                if (line.startsWith("SlurmdTimeout=")) {
                    return Duration.ofSeconds(Long.parseLong(line.substring("SlurmdTimeout=".length()).trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no SlurmdTimeout in " + slurmConf);
    }

    /**
     * Runs a Slurm command directly (for setting up and checking, not as the code under test); its
     * output is kept up to 64 MiB.
     */
    CommandResult slurm(String... argv) {
        return tools.run(Command.of(Duration.ofSeconds(60), argv));
    }

    void stopSlurmd(String node) {
        script("stop-slurmd", node);
    }

    void startSlurmd(String node) {
        script("start-slurmd", node);
    }

    void stopSlurmctld(int index) {
        script("stop-slurmctld", Integer.toString(index));
    }

    void startSlurmctld(int index) {
        script("start-slurmctld", Integer.toString(index));
    }

    /**
     * Puts the cluster back as every test expects to find it, whatever an earlier test (of any class)
     * left behind: every daemon running, every controller answering, no jobs, every node idle and
     * responding with no flags and no reason. Each test class calls it before and after its tests.
     */
    void restore() {
        for (int i = 0; i < (ha ? 2 : 1); i++) {
            startSlurmctld(i);
        }
        NODES.forEach(this::startSlurmd);
        SlurmScheduler s = scheduler();
        await(Duration.ofSeconds(60), "every slurmctld answering", () -> {
            try {
                return s.controllers().stream().allMatch(ControllerStatus::responding) && s.nodes().size() == NODES.size();
            } catch (RuntimeException e) {
                return false;
            }
        });
        slurm("scancel", "--user=root");
        List<String> outOfService = s.nodes().stream()
                .filter(n -> n.isDrained() || n.state() == NodeState.DOWN || n.has(NodeFlag.FAIL))
                .map(n -> n.name().value()).toList();
        if (!outOfService.isEmpty()) {
            slurm("scontrol", "update", "nodename=" + Hostlist.compress(outOfService), "state=RESUME");
        }
        await(Duration.ofSeconds(60), "every node idle and responding", () ->
                s.nodes().stream().allMatch(n -> n.state() == NodeState.IDLE && n.flags().isEmpty()
                        && n.otherFlags().isEmpty() && n.reason().isEmpty()));
    }

    /** Waits for {@code condition} on the real clock, polling every 200 ms. */
    static void await(Duration timeout, String what, java.util.function.BooleanSupplier condition) {
        Await.of(Clock.systemUTC(), Sleeper.system(), timeout, Duration.ofMillis(200)).until(what, condition);
    }

    /** Checks {@code invariant} every 500 ms for {@code window}; fails as soon as it does not hold. */
    static void holdsFor(Duration window, String what, java.util.function.BooleanSupplier invariant) {
        long end = System.nanoTime() + window.toNanos();
        while (true) {
            if (!invariant.getAsBoolean()) {
                throw new AssertionError("no longer true: " + what);
            }
            if (System.nanoTime() >= end) {
                return;
            }
            Sleeper.system().sleep(Duration.ofMillis(500)); // the poll interval of this check
        }
    }

    void start() {
        script("start");
    }

    void stop() {
        script("stop");
    }

    private void script(String... args) {
        List<String> argv = new ArrayList<>(List.of(script.toString()));
        if (ha) {
            argv.add("--ha");
        }
        argv.addAll(Arrays.asList(args));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out;
            try (var in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", argv) + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
