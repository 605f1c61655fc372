package io.hpcha.examples.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.examples.failover.files.FileLease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hpc-ha controller-failover} as a real process: it takes the lease, runs its plan (slurmctld
 * started by the operator's own commands, fencing configured off), and on SIGTERM stops cleanly —
 * stopping the group or not, as configured — and releases its lease. The lease, address and scheduler
 * are file-backed test providers; the services are real processes (touch, rm, test).
 */
class ControllerFailoverProcessIT {
    @TempDir
    Path dir;
    private Process process;

    @AfterEach
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private Path config(String onShutdown) throws IOException {
        Path flag = dir.resolve("slurmctld.running");
        String yaml = """
                node: ctl-a
                lease: {provider: test-file-lease, path: %1$s/lease, duration: 6s}
                address: {provider: test-file-address, path: %1$s/address, address: 10.0.0.100}
                scheduler: {provider: test-file-scheduler, path: %2$s}
                fence: {method: none}
                services:
                  - name: slurmctld
                    start: [touch, %2$s]
                    stop: [rm, -f, %2$s]
                    status: [test, -e, %2$s]
                commandTimeout: 10s
                onShutdown: %3$s
                election: {tickEvery: 1s, safetyMargin: 2s}
                metrics: {enabled: false}
                """.formatted(dir, flag, onShutdown);
        Path file = dir.resolve("controller-failover.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private void start(Path config) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.hpcha.examples.HpcHa",
                "controller-failover", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile()).start();
    }

    private String log() throws IOException {
        return Files.readString(dir.resolve("daemon.log"));
    }

    private String lease() throws IOException {
        Path p = dir.resolve("lease");
        return Files.exists(p) ? Files.readString(p).strip() : "";
    }

    private void await(String what, BooleanSupplier condition) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                throw new AssertionError("no " + what + " (daemon " + (process.isAlive() ? "running" : "exited " + process.exitValue())
                        + "); its log:\n" + log());
            }
            Thread.sleep(50);
        }
    }

    private boolean active() {
        try {
            return Files.exists(dir.resolve("slurmctld.running")) && Files.exists(dir.resolve("address"))
                    && Files.readString(dir.resolve("address")).strip().equals("ctl-a")
                    && FileLease.holder(lease(), Instant.now()).filter(h -> h.startsWith("ctl-a ")).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void onSigtermTheActiveControllerStopsItsGroupAndReleasesTheLease() throws Exception {
        start(config("stop-group"));
        await("takeover", this::active);
        await("completed plan", () -> {
            try {
                return log().contains("This controller is active");
            } catch (IOException e) {
                return false;
            }
        });

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();

        assertThat(Files.exists(dir.resolve("slurmctld.running"))).as("slurmctld stopped by its own stop command").isFalse();
        assertThat(FileLease.holder(lease(), Instant.now())).as("lease released, not left to expire: " + lease()).isEmpty();
        assertThat(log()).contains("UNSAFE: fence.method is none").contains("Hand-over: stop slurmctld").contains("Lease released");
    }

    @Test
    void withLeaveRunningSigtermOnlyReleasesTheLease() throws Exception {
        start(config("leave-running"));
        await("takeover", this::active);

        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(Files.exists(dir.resolve("slurmctld.running"))).isTrue();
        assertThat(FileLease.holder(lease(), Instant.now())).isEmpty();
        assertThat(List.of(lease().split(" "))).as("the token survives the release, so the next holder gets a newer one")
                .containsExactly("-", "1", "0");
    }
}
