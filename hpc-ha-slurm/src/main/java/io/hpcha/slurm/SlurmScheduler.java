package io.hpcha.slurm;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.ControllerStatus;
import io.hpcha.HaException;
import io.hpcha.NodeFlag;
import io.hpcha.NodeId;
import io.hpcha.NodeState;
import io.hpcha.OperationRefusedException;
import io.hpcha.Scheduler;
import io.hpcha.SchedulerNode;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.slurm.internal.ConfigText;
import io.hpcha.slurm.internal.NodesJson;
import io.hpcha.slurm.internal.NodesText;
import io.hpcha.slurm.internal.PingText;
import io.hpcha.slurm.internal.SlurmArgs;
import io.hpcha.slurm.internal.SlurmCli;
import io.hpcha.slurm.internal.SlurmErrors;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Scheduler} of a Slurm cluster, over Slurm's own client commands ({@code sinfo},
 * {@code scontrol}) run through a {@link CommandRunner}: never a shell, every caller value validated
 * first, every command with a timeout.
 *
 * <p><b>Reading nodes.</b> The Slurm version is detected once ({@code sinfo -V}). Slurm 21.08/22.05
 * is read with {@code sinfo --json}, 23.02 and later with {@code scontrol show nodes --json}, and
 * {@code scontrol show node -o} is the fallback (and is switched to for good when the JSON option is
 * missing from the build). A JSON answer with entries in {@code errors} (22.05's {@code sinfo --json}
 * exits 0 and lists no nodes when slurmctld is down) is a {@link BackendUnavailableException}, never
 * an empty cluster.
 *
 * <p><b>Writing nodes.</b> {@link #drain}, {@link #resume} and {@link #markDown} run one
 * {@code scontrol update nodename=<hostlist> state=…} for all the nodes (split into batches of
 * {@link Builder#maxNodesPerUpdate} only for very large sets), never one process per node and never
 * {@code ALL}. Slurm applies such an update node by node and stops at the first name it does not
 * know, keeping what it applied before it; so the node list is read first and a request naming an
 * unknown node is refused with {@link UnknownNodesException} before anything changes (one extra read
 * per write; {@link Builder#checkNodesExistFirst(boolean)} turns it off). When Slurm still reports an
 * error the nodes are read back: if every requested node is in the requested state the call succeeds
 * (this is what makes {@code resume} of an idle node idempotent), otherwise it throws
 * {@link UnknownNodesException} or {@link PartialNodeUpdateException}, whose report names exactly
 * which nodes are in which state.
 *
 * <p><b>Large clusters.</b> {@code sinfo --json} writes about 1.2 KB per node (12 MB for 10,000); give the
 * {@link CommandRunner} an output limit above that times the node count (a runner that cut the
 * answer short makes {@link #nodes()} throw {@link UnexpectedOutputException} saying so).
 *
 * <p><b>markDown and ReturnToService=2.</b> With {@code ReturnToService=2} Slurm returns a DOWN node
 * to service as soon as its slurmd registers, which for a healthy node is within seconds: the node
 * would not stay down. {@link #markDown} therefore reads {@code ReturnToService} first and refuses
 * with {@link OperationRefusedException} (code {@code "ReturnToService=2"}) unless the scheduler was
 * built with {@link Builder#markDownDespiteReturnToService2(boolean)}; use {@link #drain} to keep a
 * node out of service on such a cluster.
 *
 * <p><b>Timeouts.</b> During a controller failover Slurm's commands block until the backup answers
 * (up to {@code SlurmctldTimeout}, 120 s by default) instead of failing fast, so the default command
 * timeout is {@link #DEFAULT_COMMAND_TIMEOUT}: longer than that.
 *
 * <p>Thread-safe. Reads have no side effects; writes are idempotent.
 */
public final class SlurmScheduler implements Scheduler {
    /** Longer than Slurm's default SlurmctldTimeout (120 s) plus MessageTimeout (10 s). */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(150);
    /** Commands that only read local files ({@code sinfo -V}) get at most this long. */
    static final Duration LOCAL_COMMAND_TIMEOUT = Duration.ofSeconds(30);
    /** Hostlist expressions longer than this are split, well below Linux's 128 KiB per argument. */
    static final int MAX_EXPRESSION_CHARS = 32 * 1024;

    private static final Logger log = LoggerFactory.getLogger(SlurmScheduler.class);

    private final SlurmCli cli;
    private final Duration timeout;
    private final int maxNodesPerUpdate;
    private final ZoneId zone;
    private final boolean markDownDespiteRts2;
    private final boolean checkNodesExistFirst;
    private final AtomicReference<SlurmVersion> version;
    private final AtomicReference<NodeSource> source;

    private SlurmScheduler(Builder b) {
        if (b.runner == null) {
            throw new ConfigurationException("SlurmScheduler needs a CommandRunner");
        }
        this.cli = new SlurmCli(b.runner, Optional.ofNullable(b.binDir), Optional.ofNullable(b.slurmConf));
        this.timeout = b.commandTimeout;
        this.maxNodesPerUpdate = b.maxNodesPerUpdate;
        this.zone = b.zone;
        this.markDownDespiteRts2 = b.markDownDespiteRts2;
        this.checkNodesExistFirst = b.checkNodesExistFirst;
        this.version = new AtomicReference<>(b.version);
        this.source = new AtomicReference<>(b.nodeSource);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The Slurm version, detected with {@code sinfo -V} on first use unless given to the builder. */
    public SlurmVersion version() {
        SlurmVersion v = version.get();
        if (v == null) {
            CommandResult r = cli.run(min(timeout, LOCAL_COMMAND_TIMEOUT), "sinfo", List.of("-V"));
            if (!r.succeeded()) {
                throw SlurmErrors.toException(r, "detecting the Slurm version");
            }
            v = SlurmVersion.parse(r.stdout());
            version.compareAndSet(null, v);
            log.debug("Slurm version {}", v);
        }
        return v;
    }

    /** The node source in use: the builder's choice, or what {@link NodeSource#AUTO} resolved to. */
    public NodeSource nodeSource() {
        NodeSource s = source.get();
        if (s == NodeSource.AUTO) {
            SlurmVersion v = version();
            NodeSource resolved = v.atLeast(SlurmVersion.V23_02) ? NodeSource.SCONTROL_JSON
                    : v.atLeast(SlurmVersion.V21_08) ? NodeSource.SINFO_JSON : NodeSource.SCONTROL_TEXT;
            source.compareAndSet(NodeSource.AUTO, resolved);
            s = source.get();
        }
        return s;
    }

    @Override
    public List<SchedulerNode> nodes() {
        NodeSource s = nodeSource();
        return switch (s) {
            case SINFO_JSON -> jsonNodes("sinfo", List.of("--json"));
            case SCONTROL_JSON -> jsonNodes("scontrol", List.of("show", "nodes", "--json"));
            default -> textNodes();
        };
    }

    private List<SchedulerNode> jsonNodes(String program, List<String> args) {
        CommandResult r = cli.run(timeout, program, args);
        String what = program + " " + String.join(" ", args);
        if (!r.succeeded() && !r.stdout().trim().startsWith("{")) {
            if (lacksJsonSupport(r)) {
                log.warn("{} is not supported by this Slurm build ({}); reading nodes with scontrol show node -o from now on",
                        what, r.combinedOutput().trim());
                source.set(NodeSource.SCONTROL_TEXT);
                return textNodes();
            }
            throw SlurmErrors.toException(r, "listing nodes with " + what);
        }
        requireComplete(r, what);
        NodesJson.Result parsed = NodesJson.parse(r.stdout());
        if (!parsed.errors().isEmpty()) {
            throw new BackendUnavailableException("Slurm answered " + what + " with errors " + parsed.errors()
                    + " (exit " + r.exitCode() + "): slurmctld is most likely unreachable");
        }
        if (!r.succeeded()) {
            throw SlurmErrors.toException(r, "listing nodes with " + what);
        }
        return parsed.nodes();
    }

    private List<SchedulerNode> textNodes() {
        CommandResult r = cli.run(timeout, "scontrol", List.of("show", "node", "-o"));
        if (!r.succeeded()) {
            throw SlurmErrors.toException(r, "listing nodes with scontrol show node -o");
        }
        requireComplete(r, "scontrol show node -o");
        return NodesText.parse(r.stdout(), zone);
    }

    /** A node list cut short by the runner's output limit would silently lose nodes. */
    private static void requireComplete(CommandResult r, String what) {
        if (r.stdoutTruncated()) {
            throw new UnexpectedOutputException(what + " wrote more than the CommandRunner keeps: its output was cut"
                    + " short; give the runner a larger output limit (about 1.2 KB per node)", r.stdout());
        }
    }

    private static boolean lacksJsonSupport(CommandResult r) {
        String text = r.combinedOutput();
        return !SlurmErrors.isUnreachable(r) && (text.contains("unrecognized option") || text.contains("invalid option")
                || text.contains("serializer") || text.contains("data_parser") || text.contains("plugin"));
    }

    /**
     * Every configured controller from {@code scontrol ping}, primary first. {@code scontrol ping}
     * exits 1 only when no controller answers; that is a valid answer here (all not responding).
     */
    @Override
    public List<ControllerStatus> controllers() {
        CommandResult r = cli.run(timeout, "scontrol", List.of("ping"));
        if (r.exitCode() != 0 && r.exitCode() != 1 || !r.stdout().contains("Slurmctld(")) {
            throw SlurmErrors.toException(r, "scontrol ping");
        }
        return PingText.parse(r.stdout());
    }

    @Override
    public void drain(Collection<NodeId> nodes, String reason) {
        update("drain", nodes, List.of("state=DRAIN", "reason=" + SlurmArgs.reason(reason)),
                n -> n.has(NodeFlag.DRAIN));
    }

    @Override
    public void resume(Collection<NodeId> nodes) {
        update("resume", nodes, List.of("state=RESUME"),
                n -> !n.isDrained() && n.state() != NodeState.DOWN && !n.has(NodeFlag.FAIL));
    }

    /**
     * Sets the nodes DOWN, failing their jobs.
     *
     * @throws OperationRefusedException with code {@code "ReturnToService=2"} on a cluster that would
     *                                   put the nodes straight back into service, unless allowed by
     *                                   {@link Builder#markDownDespiteReturnToService2(boolean)}
     */
    @Override
    public void markDown(Collection<NodeId> nodes, String reason) {
        List<String> names = SlurmArgs.nodeNames(nodes);
        String checkedReason = SlurmArgs.reason(reason);
        if (names.isEmpty()) {
            return;
        }
        int rts = returnToService();
        if (rts == 2) {
            if (!markDownDespiteRts2) {
                throw new OperationRefusedException("ReturnToService=2", "refusing to mark " + names
                        + " DOWN: with ReturnToService=2 Slurm returns a DOWN node to service as soon as its slurmd"
                        + " registers, so a responding node would be back in seconds; drain it instead, or build the"
                        + " scheduler with markDownDespiteReturnToService2(true)");
            }
            log.warn("marking {} DOWN although ReturnToService=2: nodes whose slurmd responds return to service"
                    + " within seconds", names);
        }
        update("down", nodes, List.of("state=DOWN", "reason=" + checkedReason), n -> n.state() == NodeState.DOWN);
    }

    /** The cluster's {@code ReturnToService} setting, read now from {@code scontrol show config}. */
    public int returnToService() {
        CommandResult r = cli.run(timeout, "scontrol", List.of("show", "config"));
        if (!r.succeeded()) {
            throw SlurmErrors.toException(r, "scontrol show config");
        }
        Map<String, String> config = ConfigText.parse(r.stdout());
        return ConfigText.leadingInt(config.get("ReturnToService")).orElseThrow(() ->
                new UnexpectedOutputException("scontrol show config has no ReturnToService", r.stdout()));
    }

    /**
     * Asks the first backup controller to take control ({@code scontrol takeover}). Slurm's primary
     * hands over and exits; afterwards {@code scontrol ping} shows the primary DOWN and the backup UP.
     *
     * @throws OperationRefusedException when only one controller is configured
     */
    @Override
    public void takeover() {
        List<ControllerStatus> controllers = controllers();
        if (controllers.size() < 2) {
            throw new OperationRefusedException("no-backup-controller", "cannot take over: only "
                    + controllers.get(0).host() + " is configured as SlurmctldHost");
        }
        CommandResult r = cli.run(timeout, "scontrol", List.of("takeover"));
        if (!r.succeeded()) {
            throw SlurmErrors.toException(r, "scontrol takeover");
        }
        log.info("asked the backup controller {} to take over", controllers.get(1).host());
    }

    /**
     * Points Slurm at a replaced node's new instance: {@code scontrol update nodename=N nodeaddr=A
     * nodehostname=H}. Idempotent.
     *
     * @param address  the new {@code NodeAddr}: an IP address or DNS name
     * @param hostname the new {@code NodeHostname}
     * @throws io.hpcha.NotFoundException when Slurm does not know {@code node}
     */
    public void updateAddress(NodeId node, String address, String hostname) {
        String name = SlurmArgs.nodeNames(List.of(Objects.requireNonNull(node, "node"))).get(0);
        List<String> args = List.of("update", "nodename=" + name, "nodeaddr=" + SlurmArgs.address(address),
                "nodehostname=" + SlurmArgs.hostname(hostname));
        CommandResult r = cli.run(timeout, "scontrol", args);
        if (!r.succeeded()) {
            throw SlurmErrors.toException(r, "updating the address of " + name);
        }
    }

    private void update(String operation, Collection<NodeId> nodes, List<String> stateArgs,
                        Predicate<SchedulerNode> inRequestedState) {
        List<String> names = SlurmArgs.nodeNames(nodes);
        if (names.isEmpty()) {
            return;
        }
        if (checkNodesExistFirst) {
            refuseUnknownNodes(operation, names, inRequestedState);
        }
        List<String> errors = new ArrayList<>();
        int done = 0;
        List<String> batches = UpdateBatches.split(names, maxNodesPerUpdate, MAX_EXPRESSION_CHARS);
        for (String expression : batches) {
            List<String> args = new ArrayList<>(List.of("update", "nodename=" + expression));
            args.addAll(stateArgs);
            CommandResult r = cli.run(timeout, "scontrol", args);
            if (!r.succeeded()) {
                if (SlurmErrors.isUnreachable(r) || SlurmErrors.isRefusal(r)) {
                    HaException e = SlurmErrors.toException(r, operation + " " + expression);
                    if (done > 0) {
                        log.warn("{}: {} of {} batches were applied before: {}", operation, done, batches.size(), e.getMessage());
                    }
                    throw e;
                }
                errors.add(r.combinedOutput().trim());
            }
            done++;
        }
        if (!errors.isEmpty()) {
            reconcile(operation, names, inRequestedState, errors);
        }
    }

    /**
     * Before an update: refuses one that names a node Slurm does not know, since Slurm would apply it
     * to the nodes named before that one and then stop.
     */
    private void refuseUnknownNodes(String operation, List<String> names, Predicate<SchedulerNode> inRequestedState) {
        NodeUpdateReport report = report(operation, names, nodes(), inRequestedState,
                List.of("not sent to Slurm: it names nodes Slurm does not know"));
        if (!report.unknown().isEmpty()) {
            throw new UnknownNodesException(report);
        }
    }

    /** After a rejected update: reads the nodes back and says which are in the requested state. */
    private void reconcile(String operation, List<String> names, Predicate<SchedulerNode> inRequestedState,
                           List<String> errors) {
        List<SchedulerNode> now;
        try {
            now = nodes();
        } catch (HaException e) {
            throw new BackendUnavailableException(operation + " " + names + ": Slurm reported " + errors
                    + " and the nodes could not be read back to see which changed: " + e.getMessage(), e);
        }
        NodeUpdateReport report = report(operation, names, now, inRequestedState, errors);
        if (!report.unknown().isEmpty()) {
            throw new UnknownNodesException(report);
        }
        if (!report.notInRequestedState().isEmpty()) {
            throw new PartialNodeUpdateException(errorCode(errors.get(0)), report);
        }
        log.debug("{}: Slurm reported {} but every node is in the requested state", operation, errors);
    }

    private static NodeUpdateReport report(String operation, List<String> names, List<SchedulerNode> now,
                                           Predicate<SchedulerNode> inRequestedState, List<String> errors) {
        Map<String, SchedulerNode> byName = now.stream().collect(Collectors.toMap(n -> n.name().value(), n -> n, (a, b) -> a));
        Set<NodeId> ok = new HashSet<>();
        Set<NodeId> unchanged = new HashSet<>();
        Set<NodeId> unknown = new HashSet<>();
        for (String name : names) {
            SchedulerNode node = byName.get(name);
            if (node == null) {
                unknown.add(NodeId.of(name));
            } else if (inRequestedState.test(node)) {
                ok.add(node.name());
            } else {
                unchanged.add(node.name());
            }
        }
        return new NodeUpdateReport(operation, ok, unchanged, unknown, errors);
    }

    private static String errorCode(String error) {
        int colon = error.lastIndexOf(": ");
        return (colon >= 0 ? error.substring(colon + 2) : error).trim();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Builds a {@link SlurmScheduler}. Not thread-safe. */
    public static final class Builder {
        private CommandRunner runner;
        private Path binDir;
        private Path slurmConf;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private int maxNodesPerUpdate = 1000;
        private NodeSource nodeSource = NodeSource.AUTO;
        private SlurmVersion version;
        private ZoneId zone = ZoneId.systemDefault();
        private boolean markDownDespiteRts2;
        private boolean checkNodesExistFirst = true;

        private Builder() {
        }

        /** Runs Slurm's commands; required. */
        public Builder runner(CommandRunner runner) {
            this.runner = Objects.requireNonNull(runner, "runner");
            return this;
        }

        /** Where {@code sinfo} and {@code scontrol} are; by default they are looked up on PATH. */
        public Builder binDir(Path binDir) {
            this.binDir = Objects.requireNonNull(binDir, "binDir");
            return this;
        }

        /** The slurm.conf the commands read (sets {@code SLURM_CONF}); by default Slurm's own lookup. */
        public Builder slurmConf(Path slurmConf) {
            this.slurmConf = Objects.requireNonNull(slurmConf, "slurmConf");
            return this;
        }

        /**
         * How long a command talking to slurmctld may run; default {@link #DEFAULT_COMMAND_TIMEOUT}.
         * Keep it above the cluster's SlurmctldTimeout: commands block during a failover.
         */
        public Builder commandTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new ConfigurationException("commandTimeout must be positive: " + timeout);
            }
            this.commandTimeout = timeout;
            return this;
        }

        /** The most nodes in one {@code scontrol update}; default 1000. */
        public Builder maxNodesPerUpdate(int max) {
            if (max < 1) {
                throw new ConfigurationException("maxNodesPerUpdate must be at least 1: " + max);
            }
            this.maxNodesPerUpdate = max;
            return this;
        }

        /** Which command to read nodes with; default {@link NodeSource#AUTO}. */
        public Builder nodeSource(NodeSource source) {
            this.nodeSource = Objects.requireNonNull(source, "source");
            return this;
        }

        /** The Slurm version, when known; skips detection with {@code sinfo -V}. */
        public Builder version(SlurmVersion version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /** The zone scontrol's text times are in (the controller's); default the JVM's. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** Whether {@link #markDown} proceeds on a ReturnToService=2 cluster (with a warning); default false. */
        public Builder markDownDespiteReturnToService2(boolean allow) {
            this.markDownDespiteRts2 = allow;
            return this;
        }

        /**
         * Whether a write reads the node list first and refuses, changing nothing, when it names a node
         * Slurm does not know; default true. Off saves that read: Slurm then applies the update to the
         * nodes named before the unknown one, and the {@link UnknownNodesException}'s report says which.
         */
        public Builder checkNodesExistFirst(boolean check) {
            this.checkNodesExistFirst = check;
            return this;
        }

        public SlurmScheduler build() {
            return new SlurmScheduler(this);
        }
    }
}
