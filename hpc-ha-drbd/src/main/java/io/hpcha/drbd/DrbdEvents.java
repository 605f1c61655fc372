package io.hpcha.drbd;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.VolumeStatus;
import io.hpcha.drbd.internal.DrbdNames;
import io.hpcha.drbd.internal.Events2Parser;
import io.hpcha.drbd.internal.Events2Record;
import io.hpcha.drbd.internal.Events2State;
import io.hpcha.drbd.internal.VolumeStatusMapper;
import io.hpcha.spi.Sleeper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code drbdsetup events2 --full --poll [resource]} as one long-running process, so that a
 * policy learns of a lost peer, a finished resync or a split brain within milliseconds instead of
 * polling. The process is restarted (after {@link Builder#restartDelay}) whenever it exits or prints
 * a line that cannot be read; each start begins with DRBD's full initial state ({@code exists …}
 * lines ending in {@code exists -}), which replaces what the follower knew.
 *
 * <p>Besides calling {@linkplain DrbdEventListener listeners}, the follower keeps the state the
 * stream describes: {@link #status(String)} answers from memory, without running a command, and
 * {@link #splitBrainPeers(String)} remembers DRBD's {@code split-brain} helper calls (which are
 * announced once, never repeated in a later initial state) until that peer is {@code Connected}
 * again. {@link DrbdVolume.Builder#events(DrbdEvents)} lets a volume report them.
 *
 * <p><b>Threading.</b> {@link #start()} starts one daemon thread that reads the process, updates
 * the state and calls the listeners, in stream order, one at a time. Listeners must not block; an
 * exception from a listener is logged and does not stop the follower. Every public method is
 * thread-safe. {@link #close()} kills the process and stops the thread; a follower cannot be
 * restarted after it.
 */
public final class DrbdEvents implements AutoCloseable {
    /** The default pause before restarting a process that exited. */
    public static final Duration DEFAULT_RESTART_DELAY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(DrbdEvents.class);

    private final List<String> argv;
    private final LineProcessLauncher launcher;
    private final Sleeper sleeper;
    private final Duration restartDelay;
    private final String localName;
    private final List<DrbdEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Events2State state = new Events2State();
    private final AtomicLong starts = new AtomicLong();
    private final Object lock = new Object();
    private Thread thread;              // guarded by lock
    private LineProcess current;        // guarded by lock
    private volatile boolean closed;

    private DrbdEvents(Builder b) {
        List<String> args = new ArrayList<>(List.of(DrbdNames.program("drbdsetup", b.drbdsetup), "events2", "--full", "--poll"));
        if (b.resource != null) {
            args.add(DrbdNames.resource("resource", b.resource));
        }
        this.argv = List.copyOf(args);
        this.launcher = Objects.requireNonNull(b.launcher, "launcher");
        this.sleeper = Objects.requireNonNull(b.sleeper, "sleeper");
        this.restartDelay = Objects.requireNonNull(b.restartDelay, "restartDelay");
        if (restartDelay.isNegative()) {
            throw new ConfigurationException("DrbdEvents: restartDelay must not be negative: " + restartDelay);
        }
        this.localName = DrbdNames.peer("localName", b.localName);
        this.listeners.addAll(b.listeners);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The command the follower runs. */
    public List<String> command() {
        return argv;
    }

    /** Adds a listener; it sees the events read from now on. */
    public DrbdEvents addListener(DrbdEventListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Starts following. Idempotent. */
    public DrbdEvents start() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("DrbdEvents was closed");
            }
            if (thread == null) {
                thread = new Thread(this::follow, "drbd-events2");
                thread.setDaemon(true);
                thread.start();
            }
        }
        return this;
    }

    /** How many times the process was started so far (1 after the first start, more after restarts). */
    public long starts() {
        return starts.get();
    }

    /** Whether the current process has printed its complete initial state. */
    public boolean initialStateReceived() {
        return state.initialStateDone();
    }

    /**
     * The resource as the stream last described it, without running a command; empty before the
     * stream named it or after it was destroyed.
     *
     * @throws UnexpectedOutputException when the stream gave a state this library does not know
     */
    public Optional<VolumeStatus> status(String resource) {
        return state.snapshot(resource).map(r -> VolumeStatusMapper.map(r, localName, state.splitBrainPeers(resource),
                "drbdsetup events2 state of " + resource));
    }

    /** The peers of {@code resource} DRBD called its split-brain handler for and that have not connected since. */
    public Set<String> splitBrainPeers(String resource) {
        return state.splitBrainPeers(resource);
    }

    /** Asks {@code --poll} for a fresh full state (writes a newline to drbdsetup); a no-op between processes. */
    public void requestFullState() {
        LineProcess p;
        synchronized (lock) {
            p = current;
        }
        if (p != null) {
            try {
                p.write("n\n");
            } catch (UncheckedIOException e) {
                log.debug("could not ask drbdsetup events2 for its state: {}", e.toString());
            }
        }
    }

    /** Stops following: kills the process and ends the thread. Idempotent. */
    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            closed = true;
            t = thread;
            if (current != null) {
                current.close();
            }
        }
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void follow() {
        while (!closed) {
            followOnce();
            if (!closed) {
                try {
                    sleeper.sleep(restartDelay);
                } catch (RuntimeException e) {
                    if (closed) {
                        return;
                    }
                }
            }
        }
    }

    private void followOnce() {
        LineProcess p;
        try {
            p = launcher.start(argv);
        } catch (RuntimeException e) {
            failed(e);
            return;
        }
        synchronized (lock) {
            if (closed) {
                p.close();
                return;
            }
            current = p;
        }
        starts.incrementAndGet();
        state.clear();
        try {
            String line;
            while (!closed && (line = p.readLine()) != null) {
                Optional<Events2Record> record = Events2Parser.parseLine(line);
                if (record.isPresent()) {
                    state.apply(record.get());
                    deliver(record.get());
                }
            }
            if (!closed) {
                failed(new BackendUnavailableException(String.join(" ", argv) + " exited"
                        + p.exitCode().stream().mapToObj(c -> " with code " + c).findFirst().orElse("")));
            }
        } catch (UncheckedIOException e) {
            if (!closed) {
                failed(new BackendUnavailableException("reading " + String.join(" ", argv) + ": " + e.getMessage(), e));
            }
        } catch (UnexpectedOutputException e) {
            failed(e);
        } finally {
            p.close();
            synchronized (lock) {
                current = null;
            }
        }
    }

    private void deliver(Events2Record r) {
        DrbdEvent event = new DrbdEvent(r.kind(), r.object(), r.field("name"), r.fields(), r.line());
        if (event.isSplitBrain()) {
            log.error("DRBD detected a split brain: {}", r.line());
        }
        for (DrbdEventListener l : listeners) {
            try {
                if (r.endsInitialState()) {
                    l.onInitialState();
                } else {
                    l.onEvent(event);
                }
            } catch (RuntimeException e) {
                log.warn("DRBD event listener {} failed on '{}'", l, r.line(), e);
            }
        }
    }

    private void failed(RuntimeException cause) {
        log.warn("{}; restarting in {}", cause.getMessage(), restartDelay);
        for (DrbdEventListener l : listeners) {
            try {
                l.onStreamFailure(cause);
            } catch (RuntimeException e) {
                log.warn("DRBD event listener {} failed on a stream failure", l, e);
            }
        }
    }

    /** Builds a {@link DrbdEvents}. Not thread-safe. */
    public static final class Builder {
        private String resource;
        private String drbdsetup = "drbdsetup";
        private LineProcessLauncher launcher = LineProcessLauncher.system();
        private Sleeper sleeper = Sleeper.system();
        private Duration restartDelay = DEFAULT_RESTART_DELAY;
        private String localName = DrbdVolume.DEFAULT_LOCAL_NAME;
        private final List<DrbdEventListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** Follow only this resource; every resource when not set. */
        public Builder resource(String resource) {
            this.resource = resource;
            return this;
        }

        /** The drbdsetup program; {@code drbdsetup} from PATH by default. */
        public Builder drbdsetup(String program) {
            this.drbdsetup = program;
            return this;
        }

        /** How processes are started; {@link LineProcessLauncher#system()} by default. */
        public Builder launcher(LineProcessLauncher launcher) {
            this.launcher = launcher;
            return this;
        }

        /** How the follower waits before a restart. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** The pause before restarting an exited process; {@link #DEFAULT_RESTART_DELAY} by default. */
        public Builder restartDelay(Duration delay) {
            this.restartDelay = delay;
            return this;
        }

        /** The name the local replica gets in {@link DrbdEvents#status}. */
        public Builder localName(String name) {
            this.localName = name;
            return this;
        }

        public Builder listener(DrbdEventListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @throws ConfigurationException for an invalid resource or program name
         */
        public DrbdEvents build() {
            return new DrbdEvents(this);
        }
    }
}
