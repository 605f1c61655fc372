package io.hpcha.testkit;

import io.hpcha.ComputeFleet;
import io.hpcha.FleetInstance;
import io.hpcha.InstanceState;
import io.hpcha.NodeId;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.ScheduledEvent;
import io.hpcha.StatusCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory {@link ComputeFleet} with EC2's semantics, driven by its clock.
 *
 * <ul>
 *   <li>{@link #start} turns a STOPPED instance PENDING; it is RUNNING {@linkplain #bootTime(Duration) boot
 *       time} later, with status checks INITIALIZING for a {@linkplain #checksDelay(Duration) further delay},
 *       then OK. Starting a pending or running instance does nothing.</li>
 *   <li>{@link #stop} turns a running or pending instance STOPPING, then STOPPED after the
 *       {@linkplain #stopTime(Duration) stop time} (a forced stop takes a fifth of it). Stopping a stopped
 *       instance does nothing.</li>
 *   <li>{@link #reboot} restarts a RUNNING instance's status checks and clears an instance-check impairment.</li>
 *   <li>Only RUNNING instances have status checks; all others report {@link StatusCheck#NOT_APPLICABLE}.</li>
 *   <li>An unknown id is a {@link NotFoundException} ({@code InvalidInstanceID.NotFound}); an instance in a
 *       state the action does not apply to (starting a stopping one) is an {@link OperationRefusedException}
 *       ({@code IncorrectInstanceState}). Either way the whole call changes nothing, as EC2 rejects the
 *       whole request.</li>
 * </ul>
 *
 * <p>State moves lazily: every read looks at the clock, so advancing a {@link ManualClock} is all a test
 * needs. Every SPI method first passes through {@link #faults()}; accepted writes are kept in
 * {@link #writes()}. Thread-safe.
 */
public final class FakeComputeFleet implements ComputeFleet, FaultInjectable {
    /** Which status check {@link #impair} breaks. */
    public enum Check {
        /** EC2's system status check: the host or its network. A stop and start moves to a healthy host. */
        SYSTEM,
        /** EC2's instance status check: the guest. A reboot clears it. */
        INSTANCE
    }

    /** Default time from PENDING to RUNNING. */
    public static final Duration DEFAULT_BOOT_TIME = Duration.ofSeconds(30);
    /** Default time status checks stay INITIALIZING after the instance is RUNNING. */
    public static final Duration DEFAULT_CHECKS_DELAY = Duration.ofMinutes(2);
    /** Default time from STOPPING to STOPPED. */
    public static final Duration DEFAULT_STOP_TIME = Duration.ofSeconds(60);

    private final Clock clock;
    private final FaultInjector faults;
    private final Map<String, Instance> instances = new LinkedHashMap<>(); // guarded by this
    private final List<RecordedWrite> writes = new ArrayList<>();          // guarded by this
    private Duration bootTime = DEFAULT_BOOT_TIME;                          // guarded by this
    private Duration checksDelay = DEFAULT_CHECKS_DELAY;                    // guarded by this
    private Duration stopTime = DEFAULT_STOP_TIME;                          // guarded by this
    private volatile Runnable beforeEachCall = () -> { };

    /** An empty fleet on {@code clock}. */
    public FakeComputeFleet(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.faults = FaultInjector.forClock(clock);
    }

    @Override
    public FaultInjector faults() {
        return faults;
    }

    /** The clock this fleet runs on. */
    public Clock clock() {
        return clock;
    }

    /** Sets the time from PENDING to RUNNING for later starts. */
    public synchronized FakeComputeFleet bootTime(Duration bootTime) {
        this.bootTime = nonNegative(bootTime);
        return this;
    }

    /** Sets how long status checks stay INITIALIZING once an instance runs. */
    public synchronized FakeComputeFleet checksDelay(Duration checksDelay) {
        this.checksDelay = nonNegative(checksDelay);
        return this;
    }

    /** Sets the time from STOPPING to STOPPED for later stops. */
    public synchronized FakeComputeFleet stopTime(Duration stopTime) {
        this.stopTime = nonNegative(stopTime);
        return this;
    }

    // ---- the SPI ----

    @Override
    public List<FleetInstance> instances() {
        enter("instances");
        synchronized (this) {
            Instant now = settle();
            return instances.values().stream().map(i -> i.toFleetInstance(now)).toList();
        }
    }

    @Override
    public void start(Collection<String> instanceIds) {
        enter("start");
        synchronized (this) {
            Instant now = settle();
            List<Instance> targets = targets(instanceIds, Set.of(InstanceState.STOPPED, InstanceState.PENDING,
                    InstanceState.RUNNING), "started");
            for (Instance i : targets) {
                if (i.state == InstanceState.STOPPED) {
                    i.state = InstanceState.PENDING;
                    i.since = now;
                    i.bootTime = bootTime;
                    // a start lands on a new host: the old host's troubles stay behind
                    i.impaired.clear();
                }
            }
            record(now, "start", instanceIds, "");
        }
    }

    @Override
    public void stop(Collection<String> instanceIds, boolean force) {
        enter("stop");
        synchronized (this) {
            Instant now = settle();
            List<Instance> targets = targets(instanceIds, Set.of(InstanceState.PENDING, InstanceState.RUNNING,
                    InstanceState.STOPPING, InstanceState.STOPPED), "stopped");
            for (Instance i : targets) {
                if (i.state.isUp()) {
                    i.state = InstanceState.STOPPING;
                    i.since = now;
                    i.stopTime = force ? stopTime.dividedBy(5) : stopTime;
                    i.markUnreachable(now);
                }
            }
            record(now, "stop", instanceIds, force ? "force=true" : "");
        }
    }

    @Override
    public void reboot(Collection<String> instanceIds) {
        enter("reboot");
        synchronized (this) {
            Instant now = settle();
            List<Instance> targets = targets(instanceIds, Set.of(InstanceState.RUNNING), "rebooted");
            for (Instance i : targets) {
                i.runningSince = now;
                i.impaired.remove(Check.INSTANCE);
                i.updateReachability(now);
            }
            record(now, "reboot", instanceIds, "");
        }
    }

    // ---- test helpers ----

    /** Adds an instance running {@code node} (tagged {@code Name=node}); a RUNNING one has passed its checks. */
    public FakeComputeFleet addInstance(String instanceId, NodeId node, InstanceState state) {
        return addInstance(instanceId, Optional.of(node), state, Map.of("Name", node.value()));
    }

    /** Adds an instance; a RUNNING one has passed its checks, any other state began now. */
    public synchronized FakeComputeFleet addInstance(String instanceId, Optional<NodeId> node, InstanceState state,
                                                     Map<String, String> tags) {
        Objects.requireNonNull(instanceId, "instanceId");
        if (instances.containsKey(instanceId)) {
            throw new IllegalArgumentException("instance " + instanceId + " already exists");
        }
        Instant now = clock.instant();
        Instance i = new Instance(instanceId, node, Map.copyOf(tags), state, now, bootTime, stopTime);
        i.runningSince = now.minus(checksDelay);
        if (state != InstanceState.RUNNING) {
            i.markUnreachable(now);
        }
        instances.put(instanceId, i);
        return this;
    }

    /** One instance as {@link #instances()} would show it, without passing through the fault injector. */
    public FleetInstance instance(String instanceId) {
        beforeEachCall.run();
        synchronized (this) {
            Instant now = settle();
            return existing(instanceId).toFleetInstance(now);
        }
    }

    /** Fails one status check of an instance (its host lost power, its guest hung). */
    public synchronized FakeComputeFleet impair(String instanceId, Check check) {
        Instant now = settle();
        Instance i = existing(instanceId);
        i.impaired.add(Objects.requireNonNull(check, "check"));
        i.updateReachability(now);
        return this;
    }

    /** Clears an impairment without any action (the provider fixed it). */
    public synchronized FakeComputeFleet recover(String instanceId, Check check) {
        Instant now = settle();
        Instance i = existing(instanceId);
        i.impaired.remove(Objects.requireNonNull(check, "check"));
        i.updateReachability(now);
        return this;
    }

    /** Schedules maintenance for an instance. */
    public synchronized FakeComputeFleet scheduleEvent(String instanceId, ScheduledEvent event) {
        Instance i = existing(instanceId);
        i.events.add(Objects.requireNonNull(event, "event"));
        i.events.sort(Comparator.comparing(ScheduledEvent::notBefore));
        return this;
    }

    /** The instance dies and is STOPPED at once (a host failure, a spot interruption). */
    public synchronized FakeComputeFleet crash(String instanceId) {
        Instant now = settle();
        Instance i = existing(instanceId);
        i.state = InstanceState.STOPPED;
        i.since = now;
        i.markUnreachable(now);
        return this;
    }

    /** Every write accepted so far, oldest first. */
    public synchronized List<RecordedWrite> writes() {
        return List.copyOf(writes);
    }

    /** Forgets the recorded writes. */
    public synchronized FakeComputeFleet clearWrites() {
        writes.clear();
        return this;
    }

    // ---- for FakeCluster ----

    void beforeEachCall(Runnable hook) {
        this.beforeEachCall = Objects.requireNonNull(hook, "hook");
    }

    /** For each instance that runs a node: since when its guest has not answered, empty when it answers. */
    synchronized Map<NodeId, Optional<Instant>> nodeReachability() {
        settle();
        Map<NodeId, Optional<Instant>> result = new LinkedHashMap<>();
        for (Instance i : instances.values()) {
            i.node.ifPresent(n -> result.put(n, Optional.ofNullable(i.unreachableSince)));
        }
        return result;
    }

    // ---- internals ----

    private void enter(String operation) {
        beforeEachCall.run();
        faults.beforeCall(operation);
    }

    /** Moves every instance along its lifecycle up to now. */
    private Instant settle() {
        Instant now = clock.instant();
        for (Instance i : instances.values()) {
            i.settle(now);
        }
        return now;
    }

    private List<Instance> targets(Collection<String> ids, Set<InstanceState> allowed, String verb) {
        Objects.requireNonNull(ids, "instanceIds");
        List<String> unknown = new ArrayList<>();
        List<Instance> found = new ArrayList<>();
        for (String id : ids) {
            Instance i = instances.get(Objects.requireNonNull(id, "instanceId"));
            if (i == null) {
                unknown.add(id);
            } else {
                found.add(i);
            }
        }
        if (!unknown.isEmpty()) {
            throw new NotFoundException("InvalidInstanceID.NotFound: The instance IDs '" + String.join(", ", unknown)
                    + "' do not exist");
        }
        for (Instance i : found) {
            if (!allowed.contains(i.state)) {
                throw new OperationRefusedException("IncorrectInstanceState", "The instance '" + i.id
                        + "' is not in a state from which it can be " + verb + " (" + i.state + ")");
            }
        }
        return found;
    }

    private void record(Instant now, String operation, Collection<String> ids, String detail) {
        if (!ids.isEmpty()) {
            writes.add(new RecordedWrite(now, operation, List.copyOf(ids), detail));
        }
    }

    private Instance existing(String instanceId) {
        Instance i = instances.get(instanceId);
        if (i == null) {
            throw new IllegalArgumentException("no instance " + instanceId + " in this fake");
        }
        return i;
    }

    private static Duration nonNegative(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration " + d);
        }
        return d;
    }

    private final class Instance {
        final String id;
        final Optional<NodeId> node;
        final Map<String, String> tags;
        final Set<Check> impaired = EnumSet.noneOf(Check.class);
        final List<ScheduledEvent> events = new ArrayList<>();
        InstanceState state;
        Instant since;
        Instant runningSince;
        Duration bootTime;
        Duration stopTime;
        /** When the guest stopped answering; null while it answers. */
        Instant unreachableSince;

        Instance(String id, Optional<NodeId> node, Map<String, String> tags, InstanceState state, Instant since,
                 Duration bootTime, Duration stopTime) {
            this.id = id;
            this.node = Objects.requireNonNull(node, "node");
            this.tags = tags;
            this.state = Objects.requireNonNull(state, "state");
            this.since = since;
            this.bootTime = bootTime;
            this.stopTime = stopTime;
        }

        void settle(Instant now) {
            if (state == InstanceState.PENDING && !now.isBefore(since.plus(bootTime))) {
                state = InstanceState.RUNNING;
                since = since.plus(bootTime);
                runningSince = since;
                updateReachability(since);
            }
            if (state == InstanceState.STOPPING && !now.isBefore(since.plus(stopTime))) {
                state = InstanceState.STOPPED;
                since = since.plus(stopTime);
            }
            if (state == InstanceState.SHUTTING_DOWN) {
                state = InstanceState.TERMINATED;
            }
        }

        void markUnreachable(Instant at) {
            if (unreachableSince == null) {
                unreachableSince = at;
            }
        }

        void updateReachability(Instant at) {
            if (state == InstanceState.RUNNING && impaired.isEmpty()) {
                unreachableSince = null;
            } else {
                markUnreachable(at);
            }
        }

        FleetInstance toFleetInstance(Instant now) {
            StatusCheck system = check(Check.SYSTEM, now);
            StatusCheck instance = check(Check.INSTANCE, now);
            return new FleetInstance(id, node, state, system, instance, events, tags);
        }

        private StatusCheck check(Check which, Instant now) {
            if (state != InstanceState.RUNNING) {
                return StatusCheck.NOT_APPLICABLE;
            }
            if (impaired.contains(which)) {
                return StatusCheck.IMPAIRED;
            }
            return now.isBefore(runningSince.plus(checksDelay)) ? StatusCheck.INITIALIZING : StatusCheck.OK;
        }
    }
}
