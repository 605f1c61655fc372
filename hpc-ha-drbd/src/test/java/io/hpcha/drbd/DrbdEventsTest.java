package io.hpcha.drbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.ConnectionState;
import io.hpcha.ReplicaRole;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.VolumeStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The events2 follower on drbd-utils' recorded streams, with exits, restarts and bad lines. */
class DrbdEventsTest {
    private static final String RES = "some-resource";
    private final PlaybackLauncher launcher = new PlaybackLauncher();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final Recorder recorder = new Recorder();
    private DrbdEvents events;

    private DrbdEvents start() {
        events = DrbdEvents.builder().resource(RES).launcher(launcher).sleeper(sleeps::add)
                .restartDelay(Duration.ofMillis(250)).listener(recorder).build().start();
        return events;
    }

    @AfterEach
    void close() {
        if (events != null) {
            events.close();
        }
    }

    @Test
    void followsTheStreamAndAnswersStatusFromMemory() throws InterruptedException {
        launcher.thenStayOpen(Fixture.events2("events2-all-create-change.test", ""));
        start();
        recorder.awaitEvents(12);
        assertThat(launcher.started()).containsExactly(List.of("drbdsetup", "events2", "--full", "--poll", RES));
        assertThat(recorder.initialStates).isEqualTo(1);
        assertThat(recorder.events.get(0).kind()).isEqualTo("create");
        assertThat(recorder.events.get(0).resource()).contains(RES);
        assertThat(recorder.events.get(recorder.events.size() - 1).fields()).containsEntry("role", "Primary");
        VolumeStatus s = events.status(RES).orElseThrow();
        assertThat(s.local().orElseThrow().role()).isEqualTo(ReplicaRole.PRIMARY);
        assertThat(s.peers().get(0).connection()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(events.initialStateReceived()).isTrue();
        assertThat(events.starts()).isEqualTo(1);
        events.requestFullState();
        assertThat(launcher.written()).containsExactly("n\n");
    }

    @Test
    void restartsAProcessThatExitsAndStartsOverFromItsInitialState() throws InterruptedException {
        launcher.thenExit(Fixture.events2("events2-all-create-change.test", ""), 0)
                .thenStayOpen(Fixture.events2("events2-create-before-exists.test", ""));
        start();
        recorder.awaitInitialStates(2);
        recorder.awaitFailures(1);
        assertThat(recorder.failures.get(0)).isInstanceOf(BackendUnavailableException.class).hasMessageContaining("exited with code 0");
        assertThat(sleeps).startsWith(Duration.ofMillis(250));
        assertThat(events.starts()).isEqualTo(2);
        // the second stream says the resource is Secondary and Diskless; nothing of the first survives
        VolumeStatus s = events.status(RES).orElseThrow();
        assertThat(s.local().orElseThrow().role()).isEqualTo(ReplicaRole.SECONDARY);
        assertThat(s.peers()).isEmpty();
    }

    @Test
    void aSplitBrainIsRememberedAcrossRestartsUntilThePeerConnects() throws InterruptedException {
        List<String> first = new ArrayList<>(Fixture.events2("events2-all-create-helper.test", ""));
        first.add("call helper name:some-resource peer-node-id:1 conn-name:some-peer volume:0 helper:split-brain");
        launcher.thenExit(first, 1).thenStayOpen(Fixture.events2("events2-all-create-helper.test", ""));
        start();
        recorder.awaitInitialStates(2);
        assertThat(recorder.events).anySatisfy(e -> assertThat(e.isSplitBrain()).isTrue());
        assertThat(events.splitBrainPeers(RES)).containsExactly("some-peer");
        assertThat(events.status(RES).orElseThrow().splitBrain()).isTrue();
    }

    @Test
    void aVolumeGivenTheFollowerReportsDrbdsSplitBrainCall() throws InterruptedException {
        List<String> lines = new ArrayList<>(Fixture.events2("events2-all-create-helper.test", ""));
        lines.add("call helper name:some-resource peer-node-id:1 conn-name:some-peer volume:0 helper:split-brain");
        launcher.thenStayOpen(lines);
        start();
        recorder.awaitEvents(7);
        FakeDrbd fake = new FakeDrbd(RES).peer("some-peer", "StandAlone", "Unknown", "DUnknown", "Off");
        DrbdVolume volume = DrbdVolume.builder().resource(RES).events(events)
                .runner(new io.hpcha.testkit.ScriptedCommandRunner().respond(fake)).build();
        assertThat(volume.status().splitBrain()).isTrue();
        assertThat(DrbdProbe.builder().volume(volume).build().probe().get(0).detail()).contains("split brain");
    }

    @Test
    void anUnreadableLineRestartsTheStream() throws InterruptedException {
        List<String> broken = new ArrayList<>(Fixture.events2("events2-sync.test", "").subList(0, 3));
        broken.add("this is not events2");
        launcher.thenExit(broken, 0).thenStayOpen(Fixture.events2("events2-sync.test", ""));
        start();
        recorder.awaitFailures(1);
        recorder.awaitInitialStates(2);
        assertThat(recorder.failures.get(0)).isInstanceOf(UnexpectedOutputException.class);
        recorder.awaitEvents(2 + 10); // the first stream got 2 events before its bad line
        assertThat(events.status(RES).orElseThrow().isSyncing()).isTrue();
    }

    @Test
    void aFailingListenerDoesNotStopTheFollower() throws InterruptedException {
        launcher.thenStayOpen(Fixture.events2("events2-all-create-change.test", ""));
        events = DrbdEvents.builder().resource(RES).launcher(launcher).sleeper(sleeps::add)
                .listener(e -> {
                    throw new IllegalStateException("listener bug");
                }).listener(recorder).build().start();
        recorder.awaitEvents(12);
        assertThat(events.status(RES)).isPresent();
    }

    @Test
    void closeStopsTheThreadAndTheProcess() throws InterruptedException {
        launcher.thenStayOpen(Fixture.events2("events2-no-resources.test", ""));
        start();
        recorder.awaitInitialStates(1);
        events.close();
        events.close(); // idempotent
        assertThat(launcher.started()).hasSize(1);
        assertThatThrownBy(events::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void builderValidatesNames() {
        assertThatThrownBy(() -> DrbdEvents.builder().resource("--now").build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> DrbdEvents.builder().drbdsetup("drbdsetup events2").build()).isInstanceOf(ConfigurationException.class);
        assertThat(DrbdEvents.builder().build().command()).containsExactly("drbdsetup", "events2", "--full", "--poll");
    }

    /** Records what the follower delivers; waits on conditions with deadlines. */
    private static final class Recorder implements DrbdEventListener {
        final List<DrbdEvent> events = new CopyOnWriteArrayList<>();
        final List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        volatile int initialStates;
        private final Object signal = new Object();

        @Override
        public void onEvent(DrbdEvent event) {
            events.add(event);
            ping();
        }

        @Override
        public void onInitialState() {
            initialStates++;
            ping();
        }

        @Override
        public void onStreamFailure(RuntimeException cause) {
            failures.add(cause);
            ping();
        }

        private void ping() {
            synchronized (signal) {
                signal.notifyAll();
            }
        }

        void awaitEvents(int n) throws InterruptedException {
            await(() -> events.size() >= n, n + " events");
        }

        void awaitInitialStates(int n) throws InterruptedException {
            await(() -> initialStates >= n, n + " initial states");
        }

        void awaitFailures(int n) throws InterruptedException {
            await(() -> failures.size() >= n, n + " stream failures");
        }

        private void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            synchronized (signal) {
                while (!condition.getAsBoolean()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("timed out waiting for " + what);
                    }
                    TimeUnit.NANOSECONDS.timedWait(signal, left);
                }
            }
        }
    }
}
