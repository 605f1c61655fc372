package io.hpcha.slurm;

import io.hpcha.ConfigurationException;
import io.hpcha.Health;
import io.hpcha.HealthProbe;
import io.hpcha.ProbeResult;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.slurm.internal.JobText;
import io.hpcha.slurm.internal.SlurmCli;
import io.hpcha.slurm.internal.SlurmErrors;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import io.hpcha.spi.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that scheduling works end to end: submits a tiny batch job ({@code exit 0}, one task, a
 * one-minute limit, output discarded) and waits until it completes or a deadline passes. One result,
 * subject the partition ({@code "default-partition"} when none is set):
 * <ul>
 *   <li>HEALTHY: the job completed within the deadline;</li>
 *   <li>UNHEALTHY: Slurm refused the job, it ended in another state (FAILED, NODE_FAIL, …), or it was
 *       still pending or running at the deadline (then it is cancelled; the detail gives Slurm's
 *       reason, for example {@code Resources});</li>
 *   <li>UNKNOWN: slurmctld could not be reached, or the job vanished before its end was seen.</li>
 * </ul>
 * A call blocks up to the deadline (plus one command's time); it submits a job, which is its only
 * side effect. Thread-safe.
 */
public final class SlurmCanaryJobProbe implements HealthProbe {
    /** The provider and default probe name. */
    public static final String NAME = "slurm-canary";
    /** The job name the canary submits under, so that operators recognise it. */
    public static final String JOB_NAME = "hpcha-canary";
    private static final String SCRIPT = "#!/bin/sh\nexit 0\n";
    private static final Pattern JOB_ID = Pattern.compile("\\s*(\\d+)(;\\S*)?\\s*");
    private static final Pattern PARTITION = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final SlurmCli cli;
    private final Optional<String> partition;
    private final Duration deadline;
    private final Duration pollInterval;
    private final Duration commandTimeout;
    private final Clock clock;
    private final Sleeper sleeper;
    private final String name;

    private SlurmCanaryJobProbe(Builder b) {
        if (b.runner == null) {
            throw new ConfigurationException("SlurmCanaryJobProbe needs a CommandRunner");
        }
        this.cli = new SlurmCli(b.runner, Optional.ofNullable(b.binDir), Optional.ofNullable(b.slurmConf));
        this.partition = Optional.ofNullable(b.partition);
        this.deadline = b.deadline;
        this.pollInterval = b.pollInterval;
        this.commandTimeout = b.commandTimeout;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
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
        Instant start = clock.instant();
        List<String> args = new ArrayList<>(List.of("--parsable", "--job-name=" + JOB_NAME, "--time=1", "--nodes=1",
                "--ntasks=1", "--output=/dev/null", "--error=/dev/null", "--chdir=/"));
        partition.ifPresent(p -> args.add("--partition=" + p));
        CommandResult submitted = cli.run(commandTimeout, "sbatch", args, SCRIPT);
        if (!submitted.succeeded()) {
            String text = submitted.combinedOutput().trim();
            return result(start, SlurmErrors.isUnreachable(submitted) ? Health.UNKNOWN : Health.UNHEALTHY,
                    "sbatch failed: " + text);
        }
        Matcher m = JOB_ID.matcher(submitted.stdout());
        if (!m.matches()) {
            throw new UnexpectedOutputException("sbatch --parsable printed no job id", submitted.stdout());
        }
        return follow(m.group(1), start);
    }

    private List<ProbeResult> follow(String jobId, Instant start) {
        Instant end = start.plus(deadline);
        String last = "not yet seen";
        boolean lastUnreachable = false;
        while (true) {
            CommandResult r = cli.run(commandTimeout, "scontrol", List.of("show", "job", "-o", jobId));
            if (r.succeeded()) {
                JobText.JobState s = JobText.parse(r.stdout());
                lastUnreachable = false;
                last = s.state() + " (Reason=" + s.reason() + ")";
                if (s.state().equals("COMPLETED")) {
                    Duration took = Duration.between(start, clock.instant());
                    return result(start, Health.HEALTHY, "job " + jobId + " completed in " + took.toMillis() + " ms");
                }
                if (s.finished()) {
                    return result(start, Health.UNHEALTHY, "job " + jobId + " ended " + last);
                }
            } else if (SlurmErrors.isUnreachable(r)) {
                lastUnreachable = true;
                last = "unknown: " + r.combinedOutput().trim();
            } else if (r.combinedOutput().contains("Invalid job id specified")) {
                return result(start, Health.UNKNOWN, "job " + jobId + " vanished from slurmctld before its end was seen");
            } else {
                throw SlurmErrors.toException(r, "scontrol show job " + jobId);
            }
            Instant now = clock.instant();
            if (!now.isBefore(end)) {
                String cancelled = cancel(jobId);
                return result(start, lastUnreachable ? Health.UNKNOWN : Health.UNHEALTHY,
                        "job " + jobId + " not completed within " + deadline + ", last " + last + "; " + cancelled);
            }
            Duration left = Duration.between(now, end);
            sleeper.sleep(left.compareTo(pollInterval) < 0 ? left : pollInterval);
        }
    }

    private String cancel(String jobId) {
        CommandResult r = cli.run(commandTimeout, "scancel", List.of(jobId));
        return r.succeeded() ? "cancelled" : "scancel failed: " + r.combinedOutput().trim();
    }

    private List<ProbeResult> result(Instant at, Health health, String detail) {
        return List.of(new ProbeResult(name, partition.orElse("default-partition"), health, detail, at));
    }

    /** Builds a {@link SlurmCanaryJobProbe}. Not thread-safe. */
    public static final class Builder {
        private CommandRunner runner;
        private Path binDir;
        private Path slurmConf;
        private String partition;
        private Duration deadline = Duration.ofSeconds(60);
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration commandTimeout = SlurmScheduler.DEFAULT_COMMAND_TIMEOUT;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private String name = NAME;

        private Builder() {
        }

        /** Runs sbatch, scontrol and scancel; required. */
        public Builder runner(CommandRunner runner) {
            this.runner = Objects.requireNonNull(runner, "runner");
            return this;
        }

        /** Where Slurm's commands are; by default PATH. */
        public Builder binDir(Path binDir) {
            this.binDir = Objects.requireNonNull(binDir, "binDir");
            return this;
        }

        /** The slurm.conf the commands read (sets {@code SLURM_CONF}). */
        public Builder slurmConf(Path slurmConf) {
            this.slurmConf = Objects.requireNonNull(slurmConf, "slurmConf");
            return this;
        }

        /** The partition to submit to; by default the cluster's default partition. */
        public Builder partition(String partition) {
            if (partition == null || !PARTITION.matcher(partition).matches()) {
                throw new ConfigurationException("partition must be 1-64 of [A-Za-z0-9._-]: '" + partition + "'");
            }
            this.partition = partition;
            return this;
        }

        /** How long the job may take from submission to completion; default 60 s. */
        public Builder deadline(Duration deadline) {
            this.deadline = positive(deadline, "deadline");
            return this;
        }

        /** How often the job's state is read; default 1 s. */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = positive(interval, "pollInterval");
            return this;
        }

        /** The timeout of each command; default {@link SlurmScheduler#DEFAULT_COMMAND_TIMEOUT}. */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = positive(timeout, "commandTimeout");
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

        /** The probe's name in results; default {@value #NAME}. */
        public Builder name(String name) {
            if (name == null || name.isBlank()) {
                throw new ConfigurationException("probe name is blank");
            }
            this.name = name;
            return this;
        }

        public SlurmCanaryJobProbe build() {
            return new SlurmCanaryJobProbe(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isZero() || d.isNegative()) {
                throw new ConfigurationException(what + " must be positive: " + d);
            }
            return d;
        }
    }
}
