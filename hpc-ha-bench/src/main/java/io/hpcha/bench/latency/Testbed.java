package io.hpcha.bench.latency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/slurm-testbed.sh} with its own {@code --dir}: start, stop, and one slurmd stopped or
 * started. Every call is an argument vector with a timeout. Not thread-safe.
 */
final class Testbed {
    private final Path script;
    private final Path dir;

    Testbed(Path script, Path dir) {
        this.script = script;
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path slurmConf() {
        return dir.resolve("etc/slurm.conf");
    }

    void start() {
        run(180, "start");
    }

    void stop() {
        run(120, "stop");
    }

    void stopSlurmd(String node) {
        run(60, "stop-slurmd", node);
    }

    void startSlurmd(String node) {
        run(60, "start-slurmd", node);
    }

    /** Runs a Slurm client command against this testbed; returns its standard output (exit status ignored). */
    String slurm(long timeoutSeconds, String... argv) {
        return exec(timeoutSeconds, List.of(argv)).output;
    }

    private void run(long timeoutSeconds, String... args) {
        List<String> argv = new ArrayList<>(List.of(script.toString(), "--dir", dir.toString()));
        argv.addAll(List.of(args));
        Result r = exec(timeoutSeconds, argv);
        if (r.exit != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " exited " + r.exit + ": " + r.output);
        }
    }

    private record Result(int exit, String output) {
    }

    private Result exec(long timeoutSeconds, List<String> argv) {
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
            pb.environment().put("SLURM_CONF", slurmConf().toString());
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", argv) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
