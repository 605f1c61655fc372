package io.hpcha.examples.recovery;

import io.hpcha.ComputeFleet;
import io.hpcha.Scheduler;
import io.hpcha.examples.DaemonProcess;
import io.hpcha.examples.HpcHa;
import io.hpcha.examples.config.Backends;
import io.hpcha.examples.config.ConfigDocument;
import io.hpcha.examples.config.YamlConfig;
import io.hpcha.examples.observability.DaemonMetrics;
import io.hpcha.examples.observability.MetricsServer;
import io.hpcha.policy.PassReport;
import io.hpcha.policy.RemediationBudget;
import io.hpcha.spi.LocalCommandRunner;
import io.hpcha.spi.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code hpc-ha recovery-agent}: the AWS HA cluster's compute self-healing agent. */
@Command(name = "recovery-agent", mixinStandardHelpOptions = true,
        description = {"Compute self-healing: starts the cold standby of a failed compute node.",
                "Every pass reads EC2 status checks and Slurm node states; a compute node that is impaired, stopped or DOWN",
                "gets its cold standby started, is taken out of Slurm, and the agent waits for the standby to be IDLE."})
public final class RecoveryAgentCommand implements Callable<Integer> {
    @ParentCommand
    HpcHa parent;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The agent's YAML configuration (see config/recovery-agent.yaml).")
    Path config;

    @Option(names = "--dry-run", description = "Decide and log, but never act.")
    boolean dryRun;

    @Option(names = "--once", description = "Run a single pass and exit: 0 when it completed, 1 when the observation failed.")
    boolean once;

    @Override
    public Integer call() {
        ConfigDocument doc = YamlConfig.load(config);
        RecoveryAgentSettings s = RecoveryAgentSettings.parse(doc);
        parent.applyLogging(s.logFormat());
        Clock clock = Clock.systemUTC();
        Backends backends = new Backends(LocalCommandRunner.create(), clock, Sleeper.system());
        ComputeFleet fleet = backends.create(doc, "fleet", ComputeFleet.class);
        Scheduler scheduler = backends.create(doc, "scheduler", Scheduler.class);
        DaemonMetrics metrics = DaemonMetrics.prometheus();
        RemediationBudget budget = RecoveryAgentSettings.budgetBuilder(s.budget(), clock)
                .listener(metrics.budgetListener(RecoveryAgent.LOOP)).build();
        try (DaemonProcess process = new DaemonProcess("recovery-agent")) {
            RecoveryAgent.Builder b = RecoveryAgent.builder(fleet, scheduler)
                    .mode(s.mode()).takeOut(s.takeOut()).reason(s.reason()).standbyReadyTimeout(s.standbyReadyTimeout())
                    .interval(s.interval()).jitter(s.jitter()).clock(clock).taskScheduler(process.scheduler())
                    .budget(budget).dryRun(dryRun || s.dryRun())
                    .listener(metrics.loopListener())
                    .censusListener(c -> metrics.census(RecoveryAgent.LOOP, c))
                    .observationListener(metrics::probeResults);
            s.pairs().forEach(b::pair);
            if (s.mode() == RecoveryMode.LAUNCH_REPLACEMENT) {
                b.launcher(Launchers.forFleet(fleet));
            }
            RecoveryAgent agent = b.build();
            if (once) {
                return agent.runOnce().status() == PassReport.Status.COMPLETED ? 0 : 1;
            }
            MetricsServer server = s.metrics().enabled() ? MetricsServer.start(metrics, s.metrics().host(), s.metrics().port()).operate(budget) : null;
            try {
                agent.start();
                process.awaitShutdown(() -> agent.stop(Duration.ofSeconds(20)));
            } finally {
                if (server != null) {
                    server.close();
                }
            }
        }
        return 0;
    }
}
