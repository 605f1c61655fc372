package io.hpcha.examples.failover;

import io.hpcha.ComputeFleet;
import io.hpcha.FloatingAddress;
import io.hpcha.Lease;
import io.hpcha.ReplicatedVolume;
import io.hpcha.Scheduler;
import io.hpcha.examples.DaemonProcess;
import io.hpcha.examples.HpcHa;
import io.hpcha.examples.config.Backends;
import io.hpcha.examples.config.ConfigDocument;
import io.hpcha.examples.config.YamlConfig;
import io.hpcha.examples.observability.DaemonMetrics;
import io.hpcha.examples.observability.MetricsServer;
import io.hpcha.policy.FailoverPlan;
import io.hpcha.policy.StepRecord;
import io.hpcha.spi.CommandRunner;
import io.hpcha.spi.LocalCommandRunner;
import io.hpcha.spi.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hpc-ha controller-failover}: the on-prem HA controller's failover daemon, run on both controllers. */
@Command(name = "controller-failover", mixinStandardHelpOptions = true,
        description = {"Controller failover: the lease holder brings up the controller's resource group.",
                "Competes for the controller lease; the holder brings up the resource group: fence the peer,",
                "promote DRBD, mount, start MariaDB, slurmdbd and slurmctld, move the floating address, verify with the",
                "scheduler's ping. Run it on both controllers: the standby takes over when the active one's lease runs out."})
public final class ControllerFailoverCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerFailoverCommand.class);

    @ParentCommand
    HpcHa parent;

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The daemon's YAML configuration (see config/controller-failover.yaml).")
    Path config;

    @Option(names = "--dry-run", description = "Verify every step of the plan and print which ones a failover would act on; "
            + "take no lease and change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        ConfigDocument doc = YamlConfig.load(config);
        ControllerFailoverSettings s = ControllerFailoverSettings.parse(doc);
        parent.applyLogging(s.logFormat());
        Clock clock = Clock.systemUTC();
        CommandRunner runner = LocalCommandRunner.create();
        Backends backends = new Backends(runner, clock, Sleeper.system());
        ReplicatedVolume volume = doc.has("volume") ? backends.create(doc, "volume", ReplicatedVolume.class) : null;
        FloatingAddress address = backends.create(doc, "address", FloatingAddress.class);
        Scheduler scheduler = backends.create(doc, "scheduler", Scheduler.class);
        Fence fence = switch (s.fence().method()) {
            case "fleet" -> new FleetFence(backends.create(doc, "fleet", ComputeFleet.class), s.fence().instance(), clock,
                    Sleeper.system(), s.commandTimeout());
            case "none" -> Fence.none();
            default -> new CommandFence(runner, s.fence().off(), s.fence().status(), s.commandTimeout());
        };
        if (fence == Fence.none()) {
            LOG.atError().setMessage("UNSAFE: fence.method is none: the peer is never fenced, so both controllers may serve at once. "
                    + "Use this only in tests.").addKeyValue("node", s.node()).log();
        }
        ServiceManager services = new SystemdServices(runner, s.systemctl(), s.commandTimeout());
        if (!s.serviceCommands().isEmpty()) {
            services = new CommandServices(runner, s.serviceCommands(), services, s.commandTimeout());
        }
        DaemonMetrics metrics = DaemonMetrics.prometheus();
        ControllerFailoverPlan.Builder pb = ControllerFailoverPlan.builder(s.node())
                .fence(fence).address(address).scheduler(scheduler)
                .services(services, s.services())
                .clock(clock).maxAttempts(s.maxAttempts()).attemptTimeout(s.attemptTimeout())
                .backoff(s.backoff(), s.maxBackoff()).listener(metrics.planListener());
        if (volume != null) {
            pb.volume(volume);
        }
        FilesystemMount mount = s.mount()
                .map(m -> new FilesystemMount(runner, m.device(), m.directory(), m.type(), s.commandTimeout())).orElse(null);
        if (mount != null) {
            pb.mount(mount);
        }
        FailoverPlan plan = pb.build();
        if (dryRun) {
            List<StepRecord> preview = plan.preview();
            preview.forEach(r -> spec.commandLine().getOut().printf("%-20s %s%s%n", r.step(),
                    r.outcome() == StepRecord.Outcome.ALREADY_DONE ? "in place" : "would act",
                    r.detail().isEmpty() ? "" : " (" + r.detail() + ")"));
            return 0;
        }
        Lease lease = backends.create(doc, "lease", Lease.class);
        ExecutorService planThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "controller-failover-plan"));
        try (DaemonProcess process = new DaemonProcess("controller-failover")) {
            ControllerFailoverDaemon.Builder db = ControllerFailoverDaemon.builder(plan, lease, s.node())
                    .clock(clock).tickEvery(s.tickEvery()).safetyMargin(s.safetyMargin()).retryAfter(s.retryAfter())
                    .scheduler(process.scheduler()).executor(planThread)
                    .planWaitOnStop(DaemonProcess.STOP_GRACE.dividedBy(3)) // leaves time for the hand-over and the release
                    .listener(metrics.leadershipListener(s.node().value()));
            if (s.onShutdown() == ControllerFailoverSettings.OnShutdown.STOP_GROUP) {
                db.handOver(new ResourceGroupStop(services, s.services(), mount, volume));
            }
            ControllerFailoverDaemon daemon = db.build();
            MetricsServer server = s.metrics().enabled() ? MetricsServer.start(metrics, s.metrics().host(), s.metrics().port()) : null;
            try {
                daemon.start();
                process.awaitShutdown(daemon::stop);
            } finally {
                if (server != null) {
                    server.close();
                }
            }
        } finally {
            planThread.shutdownNow();
        }
        return 0;
    }
}
