package io.hpcha.spi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a process stream on its own thread, keeping at most {@code limit} bytes and discarding the
 * rest, so a chatty program neither blocks on a full pipe nor fills the heap.
 */
final class BoundedCapture {
    private final Thread thread;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int limit;
    private long total;

    BoundedCapture(InputStream in, int limit, String name) {
        this.limit = limit;
        this.thread = new Thread(() -> drain(in), name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void drain(InputStream in) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) != -1) {
                synchronized (this) {
                    int room = (int) Math.max(0, limit - kept.size());
                    kept.write(buf, 0, Math.min(room, n));
                    total += n;
                }
            }
        } catch (IOException ignored) {
            // the stream closes when the process is killed; what was read so far is kept
        }
    }

    /** Waits up to {@code millis} for the stream to end. */
    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    synchronized boolean truncated() {
        return total > limit;
    }

    synchronized String text() {
        String s = kept.toString(StandardCharsets.UTF_8);
        return truncated() ? s + "\n…[truncated " + (total - limit) + " bytes]" : s;
    }
}
