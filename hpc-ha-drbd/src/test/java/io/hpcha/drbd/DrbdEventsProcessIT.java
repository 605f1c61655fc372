package io.hpcha.drbd;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.UnexpectedOutputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The follower on real processes (through {@link LineProcessLauncher#system()}'s implementation):
 * {@code cat} of a recorded events2 stream exits and is restarted; a {@code cat} that echoes its
 * standard input shows the {@code --poll} request really reaches the process; close kills it.
 */
class DrbdEventsProcessIT {
    @TempDir
    Path dir;

    @Test
    void realProcessesAreReadRestartedPolledAndKilled() throws Exception {
        Path stream = dir.resolve("events2.txt");
        Files.write(stream, Fixture.events2("events2-all-create-change.test", ""));
        AtomicInteger starts = new AtomicInteger();
        List<LineProcess> processes = new CopyOnWriteArrayList<>();
        LineProcessLauncher launcher = argv -> {
            // first a finished stream, then a process that stays up and echoes what it is sent
            LineProcess p = SystemLineProcess.start(starts.getAndIncrement() == 0
                    ? List.of("cat", stream.toString()) : List.of("cat"));
            processes.add(p);
            return p;
        };
        List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        List<DrbdEvent> events = new CopyOnWriteArrayList<>();
        try (DrbdEvents follower = DrbdEvents.builder().resource("some-resource").launcher(launcher)
                .restartDelay(Duration.ofMillis(50)).listener(new DrbdEventListener() {
                    @Override
                    public void onEvent(DrbdEvent event) {
                        events.add(event);
                    }

                    @Override
                    public void onStreamFailure(RuntimeException cause) {
                        failures.add(cause);
                    }
                }).build().start()) {
            waitFor(() -> follower.starts() >= 2 && failures.size() >= 1);
            assertThat(events).hasSize(12);
            assertThat(failures.get(0)).hasMessageContaining("exited");
            waitFor(() -> processes.size() == 2);
            follower.requestFullState(); // "n\n" into the second cat, which prints it back
            waitFor(() -> failures.size() >= 2);
            assertThat(failures.get(1)).isInstanceOf(UnexpectedOutputException.class).hasMessageContaining("\"n\"");
        }
        for (LineProcess p : processes) {
            waitFor(() -> p.exitCode().isPresent());
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
