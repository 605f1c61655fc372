package io.hpcha.bench.latency;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * The push side: watches the file Slurm's trigger program appends to (inotify through
 * {@link WatchService}, no polling) and runs {@code onFire} each time it grows. Thread-safe.
 */
final class TriggerWatcher implements AutoCloseable {
    private final WatchService watch;
    private final Thread thread;
    private volatile boolean running = true;

    TriggerWatcher(Path file, Runnable onFire) throws IOException {
        this.watch = FileSystems.getDefault().newWatchService();
        file.getParent().register(watch, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
        long[] size = {Files.size(file)};
        this.thread = new Thread(() -> {
            while (running) {
                try {
                    WatchKey key = watch.poll(1, TimeUnit.SECONDS);
                    if (key == null) {
                        continue;
                    }
                    key.pollEvents();
                    key.reset();
                    long now = Files.size(file);
                    if (now > size[0]) {
                        size[0] = now;
                        onFire.run();
                    }
                } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
                    return;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }, "trigger-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        running = false;
        thread.interrupt();
        watch.close();
    }
}
