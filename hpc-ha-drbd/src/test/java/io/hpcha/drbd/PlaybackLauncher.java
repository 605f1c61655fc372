package io.hpcha.drbd;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A {@link LineProcessLauncher} whose processes play back recorded {@code drbdsetup events2} lines:
 * each start takes the next script; a script either ends (the process exits) or stays open after
 * its last line until closed, like a real follower waiting for the next event.
 */
final class PlaybackLauncher implements LineProcessLauncher {
    private final Deque<Script> scripts = new ConcurrentLinkedDeque<>();
    private final List<List<String>> started = new CopyOnWriteArrayList<>();
    private final List<String> written = new CopyOnWriteArrayList<>();

    /** A process printing {@code lines}, then exiting with {@code exitCode}. */
    PlaybackLauncher thenExit(List<String> lines, int exitCode) {
        scripts.add(new Script(lines, false, exitCode));
        return this;
    }

    /** A process printing {@code lines}, then waiting until it is closed. */
    PlaybackLauncher thenStayOpen(List<String> lines) {
        scripts.add(new Script(lines, true, 0));
        return this;
    }

    List<List<String>> started() {
        return List.copyOf(started);
    }

    List<String> written() {
        return List.copyOf(written);
    }

    @Override
    public LineProcess start(List<String> argv) {
        started.add(List.copyOf(argv));
        Script s = scripts.poll();
        if (s == null) {
            s = new Script(List.of(), true, 0); // nothing more scripted: a quiet, open stream
        }
        return new Playback(s);
    }

    private record Script(List<String> lines, boolean stayOpen, int exitCode) {
    }

    private final class Playback implements LineProcess {
        private final Script script;
        private final List<String> remaining;
        private final CountDownLatch closed = new CountDownLatch(1);

        Playback(Script script) {
            this.script = script;
            this.remaining = new ArrayList<>(script.lines());
        }

        @Override
        public String readLine() {
            synchronized (this) {
                if (!remaining.isEmpty()) {
                    return remaining.remove(0);
                }
            }
            if (script.stayOpen()) {
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return null;
        }

        @Override
        public void write(String text) {
            written.add(text);
        }

        @Override
        public OptionalInt exitCode() {
            return script.stayOpen() ? OptionalInt.empty() : OptionalInt.of(script.exitCode());
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
