package io.hpcha.aws;

import io.hpcha.ConfigurationException;
import io.hpcha.FleetInstance;
import io.hpcha.Health;
import io.hpcha.HealthProbe;
import io.hpcha.InstanceState;
import io.hpcha.NodeId;
import io.hpcha.ProbeResult;
import io.hpcha.ScheduledEvent;
import io.hpcha.StatusCheck;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * EC2's view of a cluster's instances as health: one result per instance of an {@link Ec2ComputeFleet},
 * subject = instance id.
 *
 * <ul>
 *   <li>an impaired system or instance status check → UNHEALTHY</li>
 *   <li>an instance that should run but is stopped, stopping, shutting down or terminated → UNHEALTHY
 *       (a terminated instance whose node already runs on another instance is HEALTHY: it was replaced)</li>
 *   <li>a scheduled event (reboot, retirement, maintenance, stop) → DEGRADED, naming the event and when it starts</li>
 *   <li>checks still initializing, or an instance still pending → DEGRADED; checks with insufficient data → UNKNOWN</li>
 * </ul>
 *
 * <p>Which instances should run is a predicate; by default every instance outside the fleet's
 * standby pool. When EC2 cannot be asked, {@link #probe()} throws
 * {@link io.hpcha.BackendUnavailableException}: it never reports instances unhealthy because it could
 * not see them. Thread-safe; read-only.
 */
public final class Ec2StatusProbe implements HealthProbe {
    /** The default {@link #name()}. */
    public static final String NAME = "ec2-status";

    private final Ec2ComputeFleet fleet;
    private final String name;
    private final Clock clock;
    private final Predicate<FleetInstance> shouldRun;

    private Ec2StatusProbe(Builder b) {
        if (b.fleet == null) {
            throw new ConfigurationException("Ec2StatusProbe: fleet missing");
        }
        this.fleet = b.fleet;
        this.name = b.name;
        this.clock = b.clock;
        this.shouldRun = b.shouldRun != null ? b.shouldRun : i -> !fleet.isStandby(i);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ProbeResult> probe() {
        Instant observedAt = clock.instant();
        List<FleetInstance> instances = fleet.instances();
        Map<NodeId, String> liveInstanceOfNode = new HashMap<>();
        for (FleetInstance i : instances) {
            if (i.state() != InstanceState.TERMINATED && i.state() != InstanceState.SHUTTING_DOWN) {
                i.node().ifPresent(n -> liveInstanceOfNode.put(n, i.instanceId()));
            }
        }
        List<ProbeResult> results = new ArrayList<>(instances.size());
        for (FleetInstance i : instances) {
            results.add(judge(i, liveInstanceOfNode, observedAt));
        }
        return List.copyOf(results);
    }

    private ProbeResult judge(FleetInstance i, Map<NodeId, String> liveInstanceOfNode, Instant observedAt) {
        Health health = Health.HEALTHY;
        List<String> why = new ArrayList<>();
        boolean run = shouldRun.test(i);
        switch (i.state()) {
            case RUNNING -> {
                health = health.worst(check("system status check", i.systemStatus(), why));
                health = health.worst(check("instance status check", i.instanceStatus(), why));
            }
            case PENDING -> {
                health = Health.DEGRADED;
                why.add("pending");
            }
            case TERMINATED -> {
                String replacement = i.node().map(liveInstanceOfNode::get).orElse(null);
                if (!run || replacement != null) {
                    why.add(replacement != null ? "terminated; replaced by " + replacement : "terminated");
                } else {
                    health = Health.UNHEALTHY;
                    why.add("terminated but should be running");
                }
            }
            default -> {
                String state = i.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
                if (run) {
                    health = Health.UNHEALTHY;
                    why.add(state + " but should be running");
                } else {
                    why.add(state + " (standby)");
                }
            }
        }
        if (i.state() != InstanceState.TERMINATED) {
            for (ScheduledEvent e : i.events()) {
                health = health.worst(Health.DEGRADED);
                why.add("scheduled " + e.code() + " from " + e.notBefore()
                        + e.notAfter().map(t -> " to " + t).orElse("")
                        + (e.description().isEmpty() ? "" : ": " + e.description()));
            }
        }
        String node = i.node().map(n -> "node " + n + ": ").orElse("");
        String detail = node + (why.isEmpty() ? "running, checks ok" : String.join("; ", why));
        return new ProbeResult(name, i.instanceId(), health, detail, observedAt);
    }

    private static Health check(String what, StatusCheck check, List<String> why) {
        return switch (check) {
            case OK, NOT_APPLICABLE -> Health.HEALTHY;
            case IMPAIRED -> {
                why.add(what + " impaired");
                yield Health.UNHEALTHY;
            }
            case INITIALIZING -> {
                why.add(what + " initializing");
                yield Health.DEGRADED;
            }
            case INSUFFICIENT_DATA -> {
                why.add(what + " has insufficient data");
                yield Health.UNKNOWN;
            }
        };
    }

    @Override
    public String toString() {
        return "Ec2StatusProbe[" + name + " over " + fleet + "]";
    }

    /** Builds {@link Ec2StatusProbe}; not thread-safe. */
    public static final class Builder {
        private Ec2ComputeFleet fleet;
        private String name = NAME;
        private Clock clock = Clock.systemUTC();
        private Predicate<FleetInstance> shouldRun;

        private Builder() {
        }

        /** The instances to observe. */
        public Builder fleet(Ec2ComputeFleet fleet) {
            this.fleet = Objects.requireNonNull(fleet, "fleet");
            return this;
        }

        /** The probe's name in results; {@value Ec2StatusProbe#NAME} unless told otherwise. */
        public Builder name(String name) {
            if (name == null || name.isBlank()) {
                throw new ConfigurationException("Ec2StatusProbe: name is blank");
            }
            this.name = name;
            return this;
        }

        /** Time source for {@link ProbeResult#observedAt()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Which instances should be running; by default those outside the standby pool. */
        public Builder shouldRun(Predicate<FleetInstance> shouldRun) {
            this.shouldRun = Objects.requireNonNull(shouldRun, "shouldRun");
            return this;
        }

        public Ec2StatusProbe build() {
            return new Ec2StatusProbe(this);
        }
    }
}
