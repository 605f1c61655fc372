package io.hpcha.examples.failover.files;

import io.hpcha.ControllerRole;
import io.hpcha.ControllerStatus;
import io.hpcha.FloatingAddress;
import io.hpcha.Lease;
import io.hpcha.NodeId;
import io.hpcha.Scheduler;
import io.hpcha.SchedulerNode;
import io.hpcha.spi.Provider;
import io.hpcha.spi.ProviderContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * File-backed test providers for running the controller failover daemon as a real process without a
 * cloud, root or Slurm: {@code test-file-lease}, {@code test-file-address} and {@code test-file-scheduler}
 * (a controller answers while its flag file exists). Registered for the tests only.
 */
public final class FileProviders {
    private FileProviders() {
    }

    /** {@code lease: {provider: test-file-lease, path: …, duration: 15s}}. */
    public static final class LeaseProvider implements Provider<Lease> {
        @Override
        public String name() {
            return "test-file-lease";
        }

        @Override
        public Class<Lease> type() {
            return Lease.class;
        }

        @Override
        public Lease create(ProviderContext c) {
            var cfg = c.config().requireOnly(Set.of("path", "duration"));
            return new FileLease(new StateFile(Path.of(cfg.string("path"))), c.clock(), cfg.duration("duration", Duration.ofSeconds(15)));
        }
    }

    /** {@code address: {provider: test-file-address, path: …, address: 10.0.0.100}}: the holder's name in the file. */
    public static final class AddressProvider implements Provider<FloatingAddress> {
        @Override
        public String name() {
            return "test-file-address";
        }

        @Override
        public Class<FloatingAddress> type() {
            return FloatingAddress.class;
        }

        @Override
        public FloatingAddress create(ProviderContext c) {
            var cfg = c.config().requireOnly(Set.of("path", "address"));
            StateFile file = new StateFile(Path.of(cfg.string("path")));
            String address = cfg.string("address");
            return new FloatingAddress() {
                @Override
                public String address() {
                    return address;
                }

                @Override
                public Optional<NodeId> holder() {
                    String h = file.read();
                    return h.isEmpty() ? Optional.empty() : Optional.of(NodeId.of(h));
                }

                @Override
                public void assignTo(NodeId node) {
                    file.update(old -> node.value());
                }
            };
        }
    }

    /** {@code scheduler: {provider: test-file-scheduler, path: …}}: the controller answers while {@code path} exists. */
    public static final class SchedulerProvider implements Provider<Scheduler> {
        @Override
        public String name() {
            return "test-file-scheduler";
        }

        @Override
        public Class<Scheduler> type() {
            return Scheduler.class;
        }

        @Override
        public Scheduler create(ProviderContext c) {
            Path flag = Path.of(c.config().requireOnly(Set.of("path")).string("path"));
            return new Scheduler() {
                @Override
                public List<SchedulerNode> nodes() {
                    return List.of();
                }

                @Override
                public List<ControllerStatus> controllers() {
                    return List.of(new ControllerStatus("ctl-vip", ControllerRole.PRIMARY, 0, Files.exists(flag)));
                }

                @Override
                public void drain(Collection<NodeId> nodes, String reason) {
                }

                @Override
                public void resume(Collection<NodeId> nodes) {
                }

                @Override
                public void markDown(Collection<NodeId> nodes, String reason) {
                }

                @Override
                public void takeover() {
                }
            };
        }
    }
}
