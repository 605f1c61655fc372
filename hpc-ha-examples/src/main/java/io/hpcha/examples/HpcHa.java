package io.hpcha.examples;

import ch.qos.logback.classic.Level;
import io.hpcha.ConfigurationException;
import io.hpcha.examples.demo.DemoCommand;
import io.hpcha.examples.failover.ControllerFailoverCommand;
import io.hpcha.examples.observability.LogFormat;
import io.hpcha.examples.recovery.RecoveryAgentCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code hpc-ha} command line: {@code recovery-agent}, {@code controller-failover} and
 * {@code demo}. Exit codes: 0 success, 1 a failure at run time, 2 a usage or configuration error.
 */
@Command(name = "hpc-ha", mixinStandardHelpOptions = true, versionProvider = HpcHa.Version.class,
        description = "High availability and self-healing for HPC (Slurm) clusters.",
        subcommands = {RecoveryAgentCommand.class, ControllerFailoverCommand.class, DemoCommand.class,
                CommandLine.HelpCommand.class})
public final class HpcHa implements Runnable {
    /** Exit code of a configuration or usage error. */
    public static final int CONFIG_ERROR = 2;

    @Option(names = "--log-format", scope = ScopeType.INHERIT, paramLabel = "text|json",
            description = "Log format on standard error: text (default) or json (one object per line, for ELK).")
    String logFormat;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Log at DEBUG level.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with {@code args}, printing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new HpcHa());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigurationException) {
                commandLine.getErr().println("hpc-ha: configuration error: " + e.getMessage());
                return CONFIG_ERROR;
            }
            commandLine.getErr().println("hpc-ha: " + e);
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Whether {@code --verbose} was given. */
    public boolean verbose() {
        return verbose;
    }

    /** Applies the log options, letting a command's configuration file supply the format. */
    public void applyLogging(String configuredFormat) {
        String format = logFormat != null ? logFormat : configuredFormat;
        LogFormat.parse("--log-format", format == null ? "text" : format).apply(verbose ? Level.DEBUG : Level.INFO);
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = HpcHa.class.getPackage().getImplementationVersion();
            return new String[] {"hpc-ha " + (v == null ? "development build" : v)};
        }
    }
}
