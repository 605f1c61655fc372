package io.hpcha.examples.demo;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.hpcha.examples.HpcHa;
import io.hpcha.testkit.ManualClock;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hpc-ha demo}: both reference playbooks on an embedded simulated cluster, printed as a timeline
 * of simulated time. Exit code 0 when every scenario ended as expected, 1 otherwise.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs both reference playbooks on an embedded, simulated cluster.",
                "A: controller failover with an overlay IP; B: compute node auto-recovery. No cloud, root or Slurm needed.",
                "Time is simulated: minutes of cluster time take well under a second."})
public final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    HpcHa parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "a|b|all", defaultValue = "all",
            description = "Which scenario to run: a, b or all (default).")
    String scenario;

    @Override
    public Integer call() {
        String which = scenario.toLowerCase(Locale.ROOT);
        if (!List.of("a", "b", "all").contains(which)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--scenario: expected a, b or all, found '" + scenario + "'");
        }
        parent.applyLogging("text");
        if (!parent.verbose()) {
            quietConsole(); // the timeline shows the daemons' words; the raw log would repeat them
        }
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        List<ScenarioResult> results = new ArrayList<>();
        if (!which.equals("b")) {
            SimulatedTime time = new SimulatedTime(new ManualClock());
            results.add(new ControllerFailoverScenario(time, new Timeline(time.clock(), out)).run());
        }
        if (!which.equals("a")) {
            SimulatedTime time = new SimulatedTime(new ManualClock());
            results.add(new ComputeRecoveryScenario(time, new Timeline(time.clock(), out)).run());
        }
        out.println();
        boolean ok = true;
        for (ScenarioResult r : results) {
            out.printf("%s %s%n", r.succeeded() ? "PASSED" : "FAILED", r.name());
            ok &= r.succeeded();
        }
        out.printf("demo finished in %.1f s of wall time%n", (System.nanoTime() - started) / 1e9);
        out.flush();
        return ok ? 0 : 1;
    }

    private static void quietConsole() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.detachAppender("STDERR");
        }
    }
}
