package io.hpcha.examples.failover.files;

import io.hpcha.BackendUnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.UnaryOperator;

/** One line of shared state in a file, read and replaced under an exclusive file lock, so that processes agree. */
final class StateFile {
    private final Path path;

    StateFile(Path path) {
        this.path = path;
    }

    /** Replaces the content with {@code change(old)} atomically across processes; returns the new content. */
    synchronized String update(UnaryOperator<String> change) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = ch.lock()) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.max(ch.size(), 1));
            ch.read(buf, 0);
            String old = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
            String now = change.apply(old);
            if (!now.equals(old)) {
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(now.getBytes(StandardCharsets.UTF_8)), 0);
                ch.force(true);
            }
            return now;
        } catch (IOException e) {
            throw new BackendUnavailableException("state file " + path + ": " + e.getMessage(), e);
        }
    }

    String read() {
        return update(UnaryOperator.identity());
    }
}
