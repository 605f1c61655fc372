package io.hpcha.examples.failover;

import io.hpcha.ConnectionState;
import io.hpcha.ControllerStatus;
import io.hpcha.FloatingAddress;
import io.hpcha.NodeId;
import io.hpcha.PromoteOptions;
import io.hpcha.ReplicaRole;
import io.hpcha.ReplicatedVolume;
import io.hpcha.Scheduler;
import io.hpcha.VolumeStatus;
import io.hpcha.ConfigurationException;
import io.hpcha.policy.FailoverPlan;
import io.hpcha.policy.PlanListener;
import io.hpcha.policy.PlanStep;
import io.hpcha.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-prem HA controller's resource group, Pacemaker-style, as a {@link FailoverPlan}:
 *
 * <ol>
 *   <li>{@code fence-peer}: the peer is fenced (no compensation: a fenced peer stays fenced). It counts as
 *       done without fencing when the volume proves the peer holds nothing: the local replica is already
 *       primary, or the peer is connected and secondary. So the active controller never fences its
 *       healthy standby. Left out with {@link Fence#none()} (tests only);</li>
 *   <li>{@code promote-volume}: the local replica is primary (compensation: demote), when a volume is
 *       configured;</li>
 *   <li>{@code mount-filesystem}: the volume is mounted (compensation: unmount), when a mount is configured;</li>
 *   <li>{@code start-<service>} for each service in order, usually MariaDB, slurmdbd, slurmctld
 *       (compensation: stop);</li>
 *   <li>{@code move-address}: the floating address points here (no compensation: it has nowhere better to go);</li>
 *   <li>{@code verify-scheduler}: a controller answers the scheduler's ping.</li>
 * </ol>
 *
 * Every step checks before it acts, so running the plan on the node that already serves completes
 * without writing anything. Stateless factory.
 */
public final class ControllerFailoverPlan {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerFailoverPlan.class);

    private ControllerFailoverPlan() {
    }

    public static Builder builder(NodeId self) {
        return new Builder(self);
    }

    /** Builds the plan. Not thread-safe. */
    public static final class Builder {
        private final NodeId self;
        private Fence fence;
        private ReplicatedVolume volume;
        private FilesystemMount mount;
        private ServiceManager services;
        private final List<String> serviceNames = new ArrayList<>();
        private FloatingAddress address;
        private Scheduler scheduler;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private int maxAttempts = 3;
        private Duration attemptTimeout = Duration.ofMinutes(2);
        private Duration initialBackoff = Duration.ofSeconds(2);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private final List<PlanListener> listeners = new ArrayList<>();

        private Builder(NodeId self) {
            this.self = Objects.requireNonNull(self, "self");
        }

        public Builder fence(Fence fence) {
            this.fence = Objects.requireNonNull(fence, "fence");
            return this;
        }

        /** Optional: Slurm state on shared storage (BeeGFS, NFS) needs no promotion. */
        public Builder volume(ReplicatedVolume volume) {
            this.volume = Objects.requireNonNull(volume, "volume");
            return this;
        }

        /** Optional: a volume that is not a block device (BeeGFS) has nothing to mount. */
        public Builder mount(FilesystemMount mount) {
            this.mount = Objects.requireNonNull(mount, "mount");
            return this;
        }

        /** The services to start, in order, through {@code manager}. */
        public Builder services(ServiceManager manager, List<String> names) {
            this.services = Objects.requireNonNull(manager, "manager");
            for (int i = 0; i < names.size(); i++) {
                serviceNames.add(ArgumentChecks.unit("services[" + i + "]", names.get(i)));
            }
            return this;
        }

        public Builder address(FloatingAddress address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        public Builder attemptTimeout(Duration timeout) {
            this.attemptTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = Objects.requireNonNull(initial, "initial");
            this.maxBackoff = Objects.requireNonNull(max, "max");
            return this;
        }

        public Builder listener(PlanListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** @throws ConfigurationException when the fence, address or scheduler is missing */
        public FailoverPlan build() {
            require(fence, "fence");
            require(address, "address");
            require(scheduler, "scheduler");
            FailoverPlan.Builder plan = FailoverPlan.builder("controller-failover")
                    .clock(clock).sleeper(sleeper).maxAttempts(maxAttempts).attemptTimeout(attemptTimeout)
                    .backoff(initialBackoff, maxBackoff)
                    .listener(new Fanout(List.copyOf(listeners)));
            if (fence != Fence.none()) {
                plan.step(PlanStep.builder("fence-peer")
                        .verify(ctx -> peerHoldsNothing() || fence.isFenced())
                        .action(ctx -> {
                            LOG.atWarn().setMessage("Fencing peer: {}").addArgument(fence.describe())
                                    .addKeyValue("fencingToken", ctx.fencingToken()).log();
                            fence.fence(ctx.fencingToken());
                        })
                        .build());
            }
            if (volume != null) {
                plan.step(PlanStep.builder("promote-volume")
                        .verify(ctx -> volume.status().local().map(r -> r.role() == ReplicaRole.PRIMARY).orElse(false))
                        .action(ctx -> volume.promote(PromoteOptions.defaults()))
                        .compensation(ctx -> volume.demote())
                        .build());
            }
            if (mount != null) {
                plan.step(PlanStep.builder("mount-filesystem")
                        .verify(ctx -> mount.isMounted())
                        .action(ctx -> mount.mount())
                        .compensation(ctx -> mount.unmount())
                        .build());
            }
            for (String service : serviceNames) {
                plan.step(PlanStep.builder("start-" + service)
                        .verify(ctx -> services.isActive(service))
                        .action(ctx -> services.start(service))
                        .compensation(ctx -> services.stop(service))
                        .build());
            }
            plan.step(PlanStep.builder("move-address")
                    .verify(ctx -> address.holder().filter(self::equals).isPresent())
                    .action(ctx -> address.assignTo(self))
                    .build());
            plan.step(PlanStep.check("verify-scheduler",
                    ctx -> scheduler.controllers().stream().anyMatch(ControllerStatus::responding)));
            return plan.build();
        }

        /**
         * Whether the volume proves the peer cannot be writing: this replica is already primary (the
         * volume allows one primary), or the peer is connected and secondary. Without a volume nothing is proven.
         */
        private boolean peerHoldsNothing() {
            if (volume == null) {
                return false;
            }
            VolumeStatus s = volume.status();
            boolean localPrimary = s.local().map(r -> r.role() == ReplicaRole.PRIMARY).orElse(false);
            boolean peersPassive = !s.peers().isEmpty() && s.peers().stream()
                    .allMatch(r -> r.connection() == ConnectionState.CONNECTED && r.role() == ReplicaRole.SECONDARY);
            return localPrimary || peersPassive;
        }

        private static void require(Object o, String what) {
            if (o == null) {
                throw new ConfigurationException("controller failover plan needs a " + what);
            }
        }
    }

    /** Passes plan events to several listeners. */
    private record Fanout(List<PlanListener> listeners) implements PlanListener {
        @Override
        public void onStepStarting(String plan, String step) {
            listeners.forEach(l -> l.onStepStarting(plan, step));
        }

        @Override
        public void onStepEvent(String plan, io.hpcha.policy.StepRecord record) {
            listeners.forEach(l -> l.onStepEvent(plan, record));
        }

        @Override
        public void onFinished(io.hpcha.policy.PlanResult result) {
            listeners.forEach(l -> l.onFinished(result));
        }
    }
}
