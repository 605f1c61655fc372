package io.hpcha.testkit;

import io.hpcha.FleetInstance;
import io.hpcha.Health;
import io.hpcha.HealthProbe;
import io.hpcha.InstanceState;
import io.hpcha.NodeFlag;
import io.hpcha.NodeState;
import io.hpcha.ProbeResult;
import io.hpcha.SchedulerNode;
import io.hpcha.StatusCheck;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * An in-memory {@link HealthProbe}: results a test scripts per subject, or results derived from a
 * {@link FakeScheduler} or {@link FakeComputeFleet} (with scripted results overriding derived ones for
 * the same subject).
 *
 * <p>Derived probes read their source through its SPI, so the source's own faults (an unreachable
 * slurmctld) reach the probe as {@link io.hpcha.BackendUnavailableException}, as they would for the real
 * probe. Mappings: a scheduler node that is DOWN, not responding or FAIL is UNHEALTHY, a drained or MAINT
 * one DEGRADED, UNKNOWN state UNKNOWN, otherwise HEALTHY. An instance with an impaired check is UNHEALTHY,
 * one not running UNHEALTHY, one pending or initializing DEGRADED, one with insufficient data UNKNOWN,
 * otherwise HEALTHY. A controller is HEALTHY when it responds, UNHEALTHY when not.
 *
 * <p>Every {@link #probe()} first passes through {@link #faults()}. Thread-safe.
 */
public final class FakeHealthProbe implements HealthProbe, FaultInjectable {
    private final String name;
    private final Clock clock;
    private final Function<Instant, List<ProbeResult>> source;
    private final FaultInjector faults;
    private final Map<String, ProbeResult> scripted = new LinkedHashMap<>(); // guarded by this

    private FakeHealthProbe(String name, Clock clock, Function<Instant, List<ProbeResult>> source) {
        this.name = Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("blank probe name");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.source = source;
        this.faults = FaultInjector.forClock(clock);
    }

    /** A probe that reports only what the test {@linkplain #set sets}. */
    public static FakeHealthProbe scripted(String name, Clock clock) {
        return new FakeHealthProbe(name, clock, now -> List.of());
    }

    /** A probe named {@code "slurm-nodes"} reporting each node of {@code scheduler}. */
    public static FakeHealthProbe ofSchedulerNodes(FakeScheduler scheduler) {
        return new FakeHealthProbe("slurm-nodes", scheduler.clock(), now -> scheduler.nodes().stream()
                .map(n -> new ProbeResult("slurm-nodes", n.name().value(), nodeHealth(n), nodeDetail(n), now))
                .toList());
    }

    /** A probe named {@code "slurm-controllers"} reporting each controller of {@code scheduler}. */
    public static FakeHealthProbe ofControllers(FakeScheduler scheduler) {
        return new FakeHealthProbe("slurm-controllers", scheduler.clock(), now -> scheduler.controllers().stream()
                .map(c -> new ProbeResult("slurm-controllers", c.host(),
                        c.responding() ? Health.HEALTHY : Health.UNHEALTHY,
                        c.role() + (c.responding() ? " UP" : " DOWN"), now))
                .toList());
    }

    /** A probe named {@code "ec2-status"} reporting each instance of {@code fleet}. */
    public static FakeHealthProbe ofFleet(FakeComputeFleet fleet) {
        return new FakeHealthProbe("ec2-status", fleet.clock(), now -> fleet.instances().stream()
                .map(i -> new ProbeResult("ec2-status", i.instanceId(), instanceHealth(i), instanceDetail(i), now))
                .toList());
    }

    @Override
    public FaultInjector faults() {
        return faults;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ProbeResult> probe() {
        faults.beforeCall("probe");
        Instant now = clock.instant();
        Map<String, ProbeResult> results = new LinkedHashMap<>();
        for (ProbeResult r : source.apply(now)) {
            results.put(r.subject(), r);
        }
        synchronized (this) {
            scripted.forEach((subject, r) -> results.put(subject,
                    new ProbeResult(name, subject, r.health(), r.detail(), now)));
        }
        return List.copyOf(new ArrayList<>(results.values()));
    }

    /** From now on {@code subject} is reported with {@code health} and {@code detail}, overriding any derived result. */
    public synchronized FakeHealthProbe set(String subject, Health health, String detail) {
        scripted.put(subject, new ProbeResult(name, subject, health, detail, clock.instant()));
        return this;
    }

    /** Stops scripting {@code subject}; a derived result for it shows again. */
    public synchronized FakeHealthProbe unset(String subject) {
        scripted.remove(subject);
        return this;
    }

    static Health nodeHealth(SchedulerNode n) {
        if (n.state() == NodeState.UNKNOWN) {
            return Health.UNKNOWN;
        }
        if (!n.isResponding() || n.has(NodeFlag.FAIL) || n.state() == NodeState.ERROR) {
            return Health.UNHEALTHY;
        }
        if (n.isDrained() || n.has(NodeFlag.MAINT)) {
            return Health.DEGRADED;
        }
        return Health.HEALTHY;
    }

    private static String nodeDetail(SchedulerNode n) {
        return n.rawState() + n.reason().map(r -> ": " + r.text()).orElse("");
    }

    static Health instanceHealth(FleetInstance i) {
        if (i.isImpaired() || !i.state().isUp()) {
            return Health.UNHEALTHY;
        }
        if (i.systemStatus() == StatusCheck.INSUFFICIENT_DATA || i.instanceStatus() == StatusCheck.INSUFFICIENT_DATA) {
            return Health.UNKNOWN;
        }
        if (i.state() == InstanceState.PENDING || i.systemStatus() != StatusCheck.OK
                || i.instanceStatus() != StatusCheck.OK) {
            return Health.DEGRADED;
        }
        return Health.HEALTHY;
    }

    private static String instanceDetail(FleetInstance i) {
        return i.state() + " system:" + i.systemStatus() + " instance:" + i.instanceStatus()
                + i.node().map(n -> " node:" + n).orElse("");
    }
}
