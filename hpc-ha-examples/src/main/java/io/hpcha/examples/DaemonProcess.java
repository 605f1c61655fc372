package io.hpcha.examples;

import io.hpcha.policy.TaskScheduler;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of a running daemon: one scheduler thread for its periodic work, and a shutdown hook
 * that lets {@link #awaitShutdown(Runnable)} stop the daemon cleanly on SIGTERM or Ctrl-C.
 */
public final class DaemonProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonProcess.class);

    /** How long the JVM waits on SIGTERM for the daemon's clean stop (a running plan, the hand-over, the lease release). */
    public static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final String name;
    private final ScheduledExecutorService executor;
    private final CountDownLatch shutdown = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    public DaemonProcess(String name) {
        this.name = name;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, name));
    }

    /** Schedules on the daemon's thread. */
    public TaskScheduler scheduler() {
        return TaskScheduler.of(executor);
    }

    /** Blocks until the process is asked to stop, then runs {@code stop} before the JVM exits. */
    public void awaitShutdown(Runnable stop) {
        Thread hook = new Thread(() -> {
            shutdown.countDown();
            try {
                stopped.await(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LOG.atInfo().setMessage("{} running; stop with SIGTERM or Ctrl-C").addArgument(name).log();
        try {
            shutdown.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            LOG.atInfo().setMessage("{} stopping").addArgument(name).log();
            try {
                stop.run();
            } finally {
                stopped.countDown();
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
