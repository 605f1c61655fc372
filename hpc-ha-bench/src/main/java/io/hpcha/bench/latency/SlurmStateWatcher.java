package io.hpcha.bench.latency;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference clock for "inside Slurm": polls {@code sinfo -h -n NODE -o %T} every 100 ms and
 * records when the node first shows as not responding ({@code *} suffix) and as DOWN. Resolution is
 * the poll period plus one sinfo call (~10-30 ms here). Thread-safe.
 */
final class SlurmStateWatcher implements AutoCloseable {
    private final Testbed testbed;
    private final String node;
    private final AtomicLong notResponding = new AtomicLong(-1);
    private final AtomicLong down = new AtomicLong(-1);
    private final Thread thread;
    private volatile boolean running = true;

    SlurmStateWatcher(Testbed testbed, String node) {
        this.testbed = testbed;
        this.node = node;
        this.thread = new Thread(this::loop, "slurm-state-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            String state = testbed.slurm(10, "sinfo", "-h", "-n", node, "-o", "%T").trim().toLowerCase(Locale.ROOT);
            long now = System.nanoTime();
            if (state.endsWith("*")) {
                notResponding.compareAndSet(-1, now);
            }
            if (state.startsWith("down")) {
                down.compareAndSet(-1, now);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long notRespondingNanos() {
        return notResponding.get();
    }

    long downNanos() {
        return down.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
