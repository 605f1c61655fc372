package io.hpcha.beegfs;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.beegfs.internal.BeegfsCli;
import io.hpcha.beegfs.internal.BeegfsErrors;
import io.hpcha.beegfs.internal.BeegfsIds;
import io.hpcha.beegfs.internal.CliJson;
import io.hpcha.beegfs.internal.CtlText;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed access to a BeeGFS file system through its command-line tools, run through a
 * {@link CommandRunner}: never a shell, every id validated as a number first, every command with a
 * timeout. One model behind both generations:
 *
 * <table>
 *   <caption>commands per generation</caption>
 *   <tr><th>question</th><th>7.x ({@code beegfs-ctl}, text)</th><th>8.x ({@code beegfs}, ndjson)</th></tr>
 *   <tr><td>{@link #targets}</td><td>{@code --listtargets --nodetype=T --state --longnodes}</td>
 *       <td>{@code target list --node-type=T --state --capacity --raw --output=ndjson}</td></tr>
 *   <tr><td>{@link #buddyGroups}</td><td>{@code --listmirrorgroups --nodetype=T}</td>
 *       <td>{@code mirror list --node-type=T --output=ndjson}</td></tr>
 *   <tr><td>{@link #resyncStats}</td><td>{@code --resyncstats --nodetype=T --mirrorgroupid=N}</td>
 *       <td>{@code mirror resync stats T:N}</td></tr>
 *   <tr><td>{@link #startResync}</td><td>{@code --startresync --nodetype=T --mirrorgroupid=N}</td>
 *       <td>{@code mirror resync start T:N}</td></tr>
 *   <tr><td>{@link #nodes}</td><td>{@code --listnodes --nodetype=T --reachable}</td>
 *       <td>{@code node list --node-type=T --reachability-check --output=ndjson}</td></tr>
 *   <tr><td>{@link #space}</td><td>{@code beegfs-df}</td><td>{@code target list --capacity --raw}</td></tr>
 * </table>
 *
 * <p>With {@link CliGeneration#AUTO} the generation is detected once, on first use: {@code beegfs
 * version} answering means 8.x; {@code beegfs} not being installed means 7.x.
 *
 * <p>Errors: management not answering is a {@link BackendUnavailableException} (retryable), an
 * unknown group a {@link NotFoundException}, a refusal (not root, resync request rejected) an
 * {@link OperationRefusedException}, output that cannot be read an {@link UnexpectedOutputException}.
 *
 * <p>Thread-safe. Only {@link #startResync} changes anything.
 */
public final class BeegfsClient {
    /** BeeGFS's tools wait for management for a few seconds per retry; this leaves room for that. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(BeegfsClient.class);

    private final BeegfsCli cli;
    private final ZoneId zone;
    private final AtomicReference<CliGeneration> generation;

    private BeegfsClient(Builder b) {
        if (b.runner == null) {
            throw new ConfigurationException("BeegfsClient needs a CommandRunner");
        }
        this.cli = new BeegfsCli(b.runner, Optional.ofNullable(b.binDir), b.commandTimeout);
        this.zone = b.zone;
        this.generation = new AtomicReference<>(b.generation);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The generation in use: the builder's choice, or what {@link CliGeneration#AUTO} detected. */
    public CliGeneration generation() {
        CliGeneration g = generation.get();
        if (g != CliGeneration.AUTO) {
            return g;
        }
        CliGeneration detected;
        try {
            CommandResult r = cli.run("beegfs", List.of("version"));
            if (!r.succeeded()) {
                throw BeegfsErrors.toException(r, "detecting the BeeGFS CLI generation with beegfs version");
            }
            detected = CliGeneration.V8;
        } catch (ConfigurationException e) {
            detected = CliGeneration.V7; // no beegfs tool: a 7.x installation with beegfs-ctl
        }
        generation.compareAndSet(CliGeneration.AUTO, detected);
        log.debug("BeeGFS CLI generation {}", detected);
        return generation.get();
    }

    /** Every target of {@code type} with its reachability and consistency (and, on 8.x, space). */
    public List<TargetState> targets(BeegfsNodeType type) {
        String t = targetType(type).cliName();
        if (generation() == CliGeneration.V7) {
            CommandResult r = ctl("listing " + t + " targets", "--listtargets", "--nodetype=" + t, "--state", "--longnodes");
            return CtlText.targets(r.stdout(), type);
        }
        CommandResult r = beegfs("listing " + t + " targets", "target", "list", "--node-type=" + t, "--state", "--capacity",
                "--raw", "--output=ndjson");
        return CliJson.targets(r.stdout(), type);
    }

    /** Every buddy-mirror group of {@code type}; empty when none are defined. */
    public List<BuddyGroup> buddyGroups(BeegfsNodeType type) {
        String t = targetType(type).cliName();
        if (generation() == CliGeneration.V7) {
            CommandResult r = ctl("listing " + t + " buddy groups", "--listmirrorgroups", "--nodetype=" + t);
            return CtlText.buddyGroups(r.stdout(), type);
        }
        CommandResult r = cli.run("beegfs", List.of("mirror", "list", "--node-type=" + t, "--output=ndjson"));
        if (!r.succeeded() && r.combinedOutput().contains("no mirrors configured")) {
            return List.of();
        }
        if (!r.succeeded()) {
            throw BeegfsErrors.toException(r, "listing " + t + " buddy groups");
        }
        return CliJson.buddyGroups(r.stdout(), type);
    }

    /** The buddy group {@code groupId} of {@code type}. */
    public BuddyGroup buddyGroup(BeegfsNodeType type, int groupId) {
        BeegfsIds.check("buddy group id", groupId);
        return buddyGroups(type).stream().filter(g -> g.id() == groupId).findFirst()
                .orElseThrow(() -> new NotFoundException("no " + type.cliName() + " buddy group " + groupId));
    }

    /** Statistics of the group's running or last resync (requires root on both generations). */
    public ResyncStats resyncStats(BeegfsNodeType type, int groupId) {
        String t = targetType(type).cliName();
        int id = BeegfsIds.check("buddy group id", groupId);
        if (generation() == CliGeneration.V7) {
            CommandResult r = ctl("reading resync stats of " + t + " buddy group " + id, "--resyncstats", "--nodetype=" + t,
                    "--mirrorgroupid=" + id);
            return CtlText.resyncStats(r.stdout(), type, zone);
        }
        CommandResult r = beegfs("reading resync stats of " + t + " buddy group " + id, "mirror", "resync", "stats", t + ":" + id);
        return CliJson.resyncStats(r.stdout(), type);
    }

    /**
     * Asks for a resync of the group's secondary from its primary. A resync that is already running
     * is left alone (beegfs-ctl says so and exits 0), so repeating the call is harmless.
     */
    public void startResync(BeegfsNodeType type, int groupId) {
        String t = targetType(type).cliName();
        int id = BeegfsIds.check("buddy group id", groupId);
        CommandResult r = generation() == CliGeneration.V7
                ? ctl("starting a resync of " + t + " buddy group " + id, "--startresync", "--nodetype=" + t, "--mirrorgroupid=" + id)
                : beegfs("starting a resync of " + t + " buddy group " + id, "mirror", "resync", "start", t + ":" + id);
        String text = r.combinedOutput();
        if (!text.contains("Resync request sent") && !text.contains("Successfully sent resync request")
                && !text.contains("Resync already running")) {
            throw new UnexpectedOutputException("no confirmation of the resync request for " + t + " buddy group " + id, text);
        }
        log.info("requested a resync of {} buddy group {}: {}", t, id, text.trim());
    }

    /** Every server of {@code type}, with whether it answered a reachability check from this host. */
    public List<NodeStatus> nodes(BeegfsNodeType type) {
        Objects.requireNonNull(type, "type");
        String t = type.cliName();
        if (generation() == CliGeneration.V7) {
            CommandResult r = ctl("listing " + t + " nodes", "--listnodes", "--nodetype=" + t, "--reachable");
            return CtlText.nodes(r.stdout(), type);
        }
        CommandResult r = beegfs("listing " + t + " nodes", "node", "list", "--node-type=" + t, "--reachability-check",
                "--output=ndjson");
        return CliJson.nodes(r.stdout(), type);
    }

    /** Capacity and free space of every metadata and storage target. */
    public List<TargetSpace> space() {
        if (generation() == CliGeneration.V7) {
            CommandResult r = cli.run("beegfs-df", List.of());
            if (!r.succeeded()) {
                throw BeegfsErrors.toException(r, "reading free space with beegfs-df");
            }
            return CtlText.df(r.stdout());
        }
        List<TargetSpace> out = new ArrayList<>();
        for (BeegfsNodeType type : List.of(BeegfsNodeType.META, BeegfsNodeType.STORAGE)) {
            for (TargetState s : targets(type)) {
                if (s.totalBytes().isEmpty() || s.freeBytes().isEmpty()) {
                    continue; // an unreachable target reports no capacity: the state probe covers it
                }
                out.add(new TargetSpace(type, s.id(), s.totalBytes().get(), s.freeBytes().get()));
            }
        }
        return List.copyOf(out);
    }

    /** The targets of {@code type} by id. */
    Map<Integer, TargetState> targetsById(BeegfsNodeType type) {
        return targets(type).stream().collect(Collectors.toMap(TargetState::id, s -> s, (a, b) -> a));
    }

    private CommandResult ctl(String what, String... args) {
        CommandResult r = cli.run("beegfs-ctl", List.of(args));
        if (!r.succeeded()) {
            throw BeegfsErrors.toException(r, what);
        }
        return r;
    }

    private CommandResult beegfs(String what, String... args) {
        CommandResult r = cli.run("beegfs", List.of(args));
        if (!r.succeeded()) {
            throw BeegfsErrors.toException(r, what);
        }
        return r;
    }

    private static BeegfsNodeType targetType(BeegfsNodeType type) {
        Objects.requireNonNull(type, "type");
        if (type == BeegfsNodeType.MANAGEMENT) {
            throw new IllegalArgumentException("the management service has no targets or buddy groups");
        }
        return type;
    }

    /** Builds a {@link BeegfsClient}. Not thread-safe. */
    public static final class Builder {
        private CommandRunner runner;
        private Path binDir;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private CliGeneration generation = CliGeneration.AUTO;
        private ZoneId zone = ZoneId.systemDefault();

        private Builder() {
        }

        /** Runs BeeGFS's tools; required. */
        public Builder runner(CommandRunner runner) {
            this.runner = Objects.requireNonNull(runner, "runner");
            return this;
        }

        /** Where the tools are; by default they are looked up on PATH. */
        public Builder binDir(Path binDir) {
            this.binDir = Objects.requireNonNull(binDir, "binDir");
            return this;
        }

        /** How long one command may run; default {@link #DEFAULT_COMMAND_TIMEOUT}. */
        public Builder commandTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new ConfigurationException("commandTimeout must be positive: " + timeout);
            }
            this.commandTimeout = timeout;
            return this;
        }

        /** Which tool to drive; default {@link CliGeneration#AUTO}. */
        public Builder generation(CliGeneration generation) {
            this.generation = Objects.requireNonNull(generation, "generation");
            return this;
        }

        /** The zone beegfs-ctl 7.x prints resync times in (the host's); default the JVM's. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        public BeegfsClient build() {
            return new BeegfsClient(this);
        }
    }
}
