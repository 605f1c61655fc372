package io.hpcha.slurm;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.Health;
import io.hpcha.HealthProbe;
import io.hpcha.NodeFlag;
import io.hpcha.ProbeResult;
import io.hpcha.Scheduler;
import io.hpcha.SchedulerNode;
import io.hpcha.spi.KnownSubjects;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One {@link ProbeResult} per scheduler node, from the node's state in Slurm:
 * <ul>
 *   <li>UNHEALTHY: DOWN or ERROR, not responding ({@code *}), FAIL, or registered with an invalid
 *       configuration (INVALID_REG);</li>
 *   <li>UNKNOWN: Slurm's own state is UNKNOWN (slurmctld restarted and the node has not registered yet);</li>
 *   <li>DEGRADED: drained or draining, in maintenance, powered or powering down, powering up, a reboot
 *       pending, or FUTURE;</li>
 *   <li>HEALTHY: idle, allocated or mixed with none of the above.</li>
 * </ul>
 * Not responding without DOWN also shows for a moment right after a node is resumed and until the
 * next ping; policies should act on UNHEALTHY only when it persists.
 *
 * <p>When the controller cannot be reached the probe reports every node it last saw as UNKNOWN, never
 * UNHEALTHY (a controller that cannot be asked says nothing about its nodes); when it has never seen
 * the nodes it throws {@link BackendUnavailableException}.
 *
 * <p>Thread-safe; a probe only reads.
 */
public final class SlurmNodeProbe implements HealthProbe {
    /** The provider and default probe name. */
    public static final String NAME = "slurm-nodes";

    private static final Set<NodeFlag> UNHEALTHY_FLAGS = EnumSet.of(NodeFlag.NOT_RESPONDING, NodeFlag.FAIL, NodeFlag.INVALID_REG);
    private static final Set<NodeFlag> DEGRADED_FLAGS = EnumSet.of(NodeFlag.DRAIN, NodeFlag.DRAINED, NodeFlag.DRAINING,
            NodeFlag.MAINT, NodeFlag.POWER_DOWN, NodeFlag.POWERED_DOWN, NodeFlag.POWERING_DOWN, NodeFlag.POWERING_UP,
            NodeFlag.POWER_DRAIN, NodeFlag.REBOOT_REQUESTED, NodeFlag.REBOOT_ISSUED);

    private final Scheduler scheduler;
    private final Clock clock;
    private final String name;
    private final KnownSubjects known = new KnownSubjects();

    private SlurmNodeProbe(Builder b) {
        if (b.scheduler == null) {
            throw new ConfigurationException("SlurmNodeProbe needs a Scheduler");
        }
        this.scheduler = b.scheduler;
        this.clock = b.clock;
        this.name = b.name;
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
        Instant now = clock.instant();
        List<SchedulerNode> nodes;
        try {
            nodes = scheduler.nodes();
        } catch (BackendUnavailableException e) {
            return known.unknown(name, now, "slurmctld unreachable, node state unknown", e);
        }
        List<ProbeResult> out = new ArrayList<>(nodes.size());
        for (SchedulerNode node : nodes) {
            out.add(new ProbeResult(name, node.name().value(), health(node), detail(node), now));
        }
        return known.remember(out);
    }

    /** The health a node's Slurm state means (see the class description). */
    public static Health health(SchedulerNode node) {
        switch (node.state()) {
            case DOWN, ERROR:
                return Health.UNHEALTHY;
            default:
                break;
        }
        for (NodeFlag f : UNHEALTHY_FLAGS) {
            if (node.has(f)) {
                return Health.UNHEALTHY;
            }
        }
        if (node.state() == io.hpcha.NodeState.UNKNOWN) {
            return Health.UNKNOWN;
        }
        if (node.state() == io.hpcha.NodeState.FUTURE) {
            return Health.DEGRADED;
        }
        for (NodeFlag f : DEGRADED_FLAGS) {
            if (node.has(f)) {
                return Health.DEGRADED;
            }
        }
        return Health.HEALTHY;
    }

    private static String detail(SchedulerNode node) {
        StringBuilder b = new StringBuilder(node.rawState());
        node.reason().ifPresent(r -> {
            b.append(": ").append(r.text());
            r.setBy().ifPresent(u -> b.append(" (by ").append(u));
            r.since().ifPresent(t -> b.append(r.setBy().isPresent() ? ", " : " (").append("since ").append(t));
            if (r.setBy().isPresent() || r.since().isPresent()) {
                b.append(')');
            }
        });
        return b.toString();
    }

    /** Builds a {@link SlurmNodeProbe}. Not thread-safe. */
    public static final class Builder {
        private Scheduler scheduler;
        private Clock clock = Clock.systemUTC();
        private String name = NAME;

        private Builder() {
        }

        /** Where the node states come from, usually a {@link SlurmScheduler}; required. */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** Stamps the results; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The probe's name in results; default {@value #NAME}. */
        public Builder name(String name) {
            if (name == null || name.isBlank()) {
                throw new ConfigurationException("probe name is blank");
            }
            this.name = name;
            return this;
        }

        public SlurmNodeProbe build() {
            return new SlurmNodeProbe(this);
        }
    }
}
