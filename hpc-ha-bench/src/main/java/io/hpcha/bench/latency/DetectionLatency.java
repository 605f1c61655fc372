package io.hpcha.bench.latency;

import io.hpcha.examples.recovery.ComputePair;
import io.hpcha.examples.recovery.RecoveryAgent;
import io.hpcha.slurm.SlurmScheduler;
import io.hpcha.spi.LocalCommandRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Detection latency on a real Slurm, a plain {@code main}. Starts {@code scripts/slurm-testbed.sh}'s
 * cluster in its own directory, then per trial: starts recovery agents watching the pair
 * {@code n2}/{@code n3} (real {@link SlurmScheduler} over the real sinfo, a {@link RecordingFleet}),
 * one per polling interval, waits a random phase, stops {@code n2}'s slurmd, and times each agent's
 * remediation call (starting the standby), Slurm's own view (a 100 ms sinfo watcher), and an agent
 * that polls not at all but runs one pass when Slurm's {@code strigger --node --down} program fires.
 *
 * <pre>
 * DetectionLatency [--script scripts/slurm-testbed.sh] [--dir /tmp/hpcha-bench-slurm] [--intervals 1,5]
 *                  [--trials 3] [--out FILE] [--keep]
 * </pre>
 *
 * The testbed's ports are fixed (slurmctld 16817, slurmd 17001-17003): it refuses to start when they
 * are taken, rather than disturb another testbed.
 */
public final class DetectionLatency {
    static final String NODE = "n2";
    static final String STANDBY = "n3";
    static final Duration DEADLINE = Duration.ofSeconds(150);

    private DetectionLatency() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-bench.xml");
        }
        Path script = Path.of("scripts/slurm-testbed.sh");
        Path dir = Path.of("/tmp/hpcha-bench-slurm");
        List<Integer> intervals = List.of(1, 5);
        int trials = 3;
        Path out = null;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--script" -> script = Path.of(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--intervals" -> intervals = java.util.Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--keep" -> keep = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        for (int port : new int[] {16817, 17001, 17002, 17003}) {
            if (!free(port)) {
                System.err.println("latency: port " + port + " is taken (another Slurm testbed runs); not measuring");
                System.exit(3);
            }
        }
        Testbed testbed = new Testbed(script.toAbsolutePath(), dir);
        testbed.start();
        List<Trial> results = new ArrayList<>();
        String push;
        try {
            awaitIdle(testbed);
            push = setTrigger(testbed);
            for (int t = 0; t < trials; t++) {
                Trial r = trial(testbed, intervals, push == null);
                results.add(r);
                System.err.println("latency: trial " + (t + 1) + ": " + r);
            }
            clearTriggers(testbed);
        } finally {
            if (!keep) {
                testbed.stop();
            }
        }
        String table = LatencyTable.of(results, intervals, push, slurmdTimeout(testbed));
        System.out.println(table);
        if (out != null) {
            Files.writeString(out, table);
        }
    }

    /** One trial's timings, in ms from the slurmd stop; -1 when not seen before the deadline. */
    record Trial(double notResponding, double down, Map<String, Double> remediation) {
    }

    static Trial trial(Testbed testbed, List<Integer> intervals, boolean withPush) throws Exception {
        awaitIdle(testbed);
        Map<String, RecordingFleet> fleets = new LinkedHashMap<>();
        List<RecoveryAgent> agents = new ArrayList<>();
        for (int s : intervals) {
            RecordingFleet fleet = fleet();
            RecoveryAgent agent = agent(testbed, fleet, Duration.ofSeconds(s));
            fleets.put("poll every " + s + " s", fleet);
            agents.add(agent);
            agent.start();
        }
        RecordingFleet pushFleet = fleet();
        TriggerWatcher trigger = null;
        if (withPush) {
            RecoveryAgent pushAgent = agent(testbed, pushFleet, Duration.ofHours(1));
            fleets.put("strigger push", pushFleet);
            trigger = new TriggerWatcher(testbed.dir().resolve("trigger-fired.log"), pushAgent::runOnce);
        }
        int maxInterval = intervals.stream().mapToInt(Integer::intValue).max().orElse(1);
        Thread.sleep(ThreadLocalRandom.current().nextLong(maxInterval * 1000L) + 1000);
        try (SlurmStateWatcher watcher = new SlurmStateWatcher(testbed, NODE)) {
            long t0 = System.nanoTime();
            testbed.stopSlurmd(NODE);
            long deadline = t0 + DEADLINE.toNanos();
            while (System.nanoTime() < deadline
                    && (watcher.downNanos() < 0 || fleets.values().stream().anyMatch(f -> f.firstStartNanos() < 0))) {
                Thread.sleep(50);
            }
            agents.forEach(a -> a.stop(Duration.ofSeconds(10)));
            if (trigger != null) {
                trigger.close();
            }
            Map<String, Double> remediation = new LinkedHashMap<>();
            fleets.forEach((name, f) -> remediation.put(name, ms(f.firstStartNanos(), t0)));
            Trial r = new Trial(ms(watcher.notRespondingNanos(), t0), ms(watcher.downNanos(), t0), remediation);
            testbed.startSlurmd(NODE);
            return r;
        }
    }

    private static double ms(long at, long t0) {
        return at < 0 ? -1 : (at - t0) / 1e6;
    }

    private static RecordingFleet fleet() {
        return new RecordingFleet(List.of("n1", NODE), STANDBY);
    }

    private static RecoveryAgent agent(Testbed testbed, RecordingFleet fleet, Duration interval) {
        SlurmScheduler scheduler = SlurmScheduler.builder().runner(LocalCommandRunner.create()).slurmConf(testbed.slurmConf())
                .commandTimeout(Duration.ofSeconds(30)).build();
        java.util.concurrent.ScheduledExecutorService executor = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agent-" + interval.toSeconds() + "s");
            t.setDaemon(true);
            return t;
        });
        return RecoveryAgent.builder(fleet, scheduler).pair(ComputePair.of(NODE, STANDBY)).interval(interval).jitter(0)
                .taskScheduler(io.hpcha.policy.TaskScheduler.of(executor)).build();
    }

    /** Waits until the node is idle and responding again (ReturnToService=1 brings it back on registration). */
    static void awaitIdle(Testbed testbed) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            state = testbed.slurm(10, "sinfo", "-h", "-n", NODE, "-o", "%T").trim();
            if (state.equals("idle")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(NODE + " did not become idle: " + state);
    }

    /** Sets the permanent node-down trigger; returns null when set, else why Slurm refused. */
    static String setTrigger(Testbed testbed) throws IOException {
        Path program = testbed.dir().resolve("trigger.sh");
        Path log = testbed.dir().resolve("trigger-fired.log");
        Files.writeString(program, "#!/bin/sh\n# run by slurmctld as SlurmUser when a node goes DOWN; arguments: the nodes\n"
                + "echo \"$(date +%s%N) $*\" >> " + log + "\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.deleteIfExists(log);
        Files.createFile(log);
        String outText = testbed.slurm(30, "strigger", "--set", "--node=" + NODE, "--down", "--flags=PERM",
                "--program=" + program);
        String get = testbed.slurm(30, "strigger", "--get");
        if (!get.contains(program.toString())) {
            return "strigger --set failed: " + outText.trim();
        }
        return null;
    }

    static void clearTriggers(Testbed testbed) {
        for (String line : testbed.slurm(30, "strigger", "--get", "--noheader").split("\n")) {
            String id = line.trim().split("\\s+")[0];
            if (id.matches("\\d+")) {
                testbed.slurm(30, "strigger", "--clear", "--id=" + id);
            }
        }
    }

    /** The testbed's SlurmdTimeout, from its slurm.conf (Slurm's default, 300, when not set). */
    static String slurmdTimeout(Testbed testbed) throws IOException {
        for (String line : Files.readAllLines(testbed.slurmConf())) {
            if (line.trim().startsWith("SlurmdTimeout=")) {
                return line.trim().substring("SlurmdTimeout=".length());
            }
        }
        return "300 (default)";
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String format(double v) {
        return v < 0 ? "not seen" : String.format(Locale.ROOT, "%.1f", v / 1000);
    }
}
