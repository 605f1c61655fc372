package io.hpcha.drbd;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.ConnectionState;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.PromoteOptions;
import io.hpcha.Replica;
import io.hpcha.ReplicaRole;
import io.hpcha.ReplicatedVolume;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.VolumeStatus;
import io.hpcha.drbd.internal.Drbd84;
import io.hpcha.drbd.internal.DrbdCli;
import io.hpcha.drbd.internal.DrbdErrors;
import io.hpcha.drbd.internal.DrbdNames;
import io.hpcha.drbd.internal.DrbdResource;
import io.hpcha.drbd.internal.Events2Parser;
import io.hpcha.drbd.internal.Events2State;
import io.hpcha.drbd.internal.ProcDrbd;
import io.hpcha.drbd.internal.StatusJson;
import io.hpcha.drbd.internal.VolumeStatusMapper;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DRBD resource on the local node as a {@link ReplicatedVolume}, over DRBD's own tools run
 * through a {@link CommandRunner}: never a shell, the resource name validated when the volume is
 * built, every command with a timeout.
 *
 * <pre>{@code
 * DrbdVolume r0 = DrbdVolume.builder().resource("r0").runner(LocalCommandRunner.create()).build();
 * }</pre>
 *
 * <p><b>Reading.</b> Which DRBD runs is read once from the first line of {@code /proc/drbd}
 * (unless {@link Builder#release} says). DRBD 9 is read with {@code drbdsetup status <res> --json}
 * (or {@code drbdsetup events2 --now <res>}, see {@link StatusSource}), DRBD 8.4 with
 * {@code drbdadm role|cstate|dstate|sh-minor <res>} plus {@code /proc/drbd} for sync progress and
 * suspension. Anything the parsers do not know is an {@link UnexpectedOutputException}; a resource
 * that is not up is a {@link NotFoundException}.
 *
 * <p><b>Promotion.</b> {@link #promote} reads the state first: a primary is left alone (idempotent);
 * while a split brain is known it refuses with code {@value #SPLIT_BRAIN}, and without UpToDate data
 * on the local disk or a connected peer with code {@code "-2"}, both before running anything and
 * unless forced. It then
 * runs {@code drbdadm primary <res>} ({@code --force} only for {@link PromoteOptions#force()}, logged
 * at ERROR with its reason). DRBD's refusals keep its code and text: {@code -7} (peer not outdated),
 * {@code -1} (another primary), {@code -25} (no quorum), exit 17 (no UpToDate data) are refusals;
 * {@code -12} (device held open) is a retryable one. {@link #demote} runs {@code drbdadm secondary}
 * with the same mapping. Timeouts are {@link BackendUnavailableException}s.
 *
 * <p><b>Split brain.</b> {@link VolumeStatus#splitBrain()} is true when DRBD called its
 * {@code split-brain} handler for a peer (seen by a {@link DrbdEvents} follower given to
 * {@link Builder#events}), or when this volume saw a peer go from trying to connect (Connecting
 * after a connection loss) straight to StandAlone: DRBD drops a connection to StandAlone when the
 * handshake finds diverged data it may not resolve automatically. Either stays set until the peer is
 * Connected again. Nothing resolves a split brain automatically; {@link #discardLocalDataAndReconnect}
 * is the explicit, operator-chosen recovery on the victim node.
 *
 * <p>Thread-safe. {@link #status()} has no side effects on DRBD.
 */
public final class DrbdVolume implements ReplicatedVolume {
    /** Reads ({@code status}, {@code role}, {@code /proc/drbd}) get this long by default. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);
    /**
     * State changes get this long by default: a promotion waits for the peers' answers in DRBD's
     * two-phase commit and for fencing handlers.
     */
    public static final Duration DEFAULT_STATE_CHANGE_TIMEOUT = Duration.ofSeconds(90);
    /** The code of the refusal to promote while a split brain is known. */
    public static final String SPLIT_BRAIN = "split-brain";
    /** The name the local replica gets unless {@link Builder#localName} says otherwise. */
    public static final String DEFAULT_LOCAL_NAME = "local";

    private static final Logger log = LoggerFactory.getLogger(DrbdVolume.class);
    /** Connection states of a peer whose connection was lost and is being re-established. */
    private static final Set<ConnectionState> RECONNECTING = Set.of(ConnectionState.CONNECTING,
            ConnectionState.UNCONNECTED, ConnectionState.TIMEOUT, ConnectionState.BROKEN_PIPE,
            ConnectionState.NETWORK_FAILURE, ConnectionState.PROTOCOL_ERROR, ConnectionState.TEAR_DOWN);

    private final String resource;
    private final DrbdCli cli;
    private final Duration commandTimeout;
    private final Duration stateChangeTimeout;
    private final String localName;
    private final String peerName84;
    private final Optional<DrbdEvents> events;
    private final AtomicReference<DrbdRelease> release;
    private final AtomicReference<StatusSource> source;
    private final Map<String, ConnectionState> lastConnection = new ConcurrentHashMap<>();
    private final Set<String> standAloneAfterLoss = ConcurrentHashMap.newKeySet();

    private DrbdVolume(Builder b) {
        this.resource = DrbdNames.resource("resource", b.resource);
        if (b.runner == null) {
            throw new ConfigurationException("DrbdVolume " + resource + ": runner missing (how drbdadm/drbdsetup are run)");
        }
        this.cli = new DrbdCli(b.runner, DrbdNames.program("drbdadm", b.drbdadm), DrbdNames.program("drbdsetup", b.drbdsetup));
        this.commandTimeout = positive("commandTimeout", b.commandTimeout);
        this.stateChangeTimeout = positive("stateChangeTimeout", b.stateChangeTimeout);
        this.localName = DrbdNames.peer("localName", b.localName);
        this.peerName84 = DrbdNames.peer("peerName", b.peerName);
        if (localName.equals(peerName84)) {
            throw new ConfigurationException("DrbdVolume " + resource + ": localName and peerName are both '" + localName + "'");
        }
        this.events = Optional.ofNullable(b.events);
        this.release = new AtomicReference<>(Objects.requireNonNull(b.release, "release"));
        this.source = new AtomicReference<>(Objects.requireNonNull(b.source, "source"));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return resource;
    }

    /** The DRBD release in use, read from {@code /proc/drbd} on first use unless given to the builder. */
    public DrbdRelease release() {
        DrbdRelease r = release.get();
        if (r == DrbdRelease.AUTO) {
            CommandResult proc = cli.procDrbd(commandTimeout);
            if (!proc.succeeded()) {
                throw new BackendUnavailableException("cannot read /proc/drbd (is the drbd kernel module loaded?): "
                        + proc.combinedOutput().trim());
            }
            DrbdRelease detected = ProcDrbd.parse(proc.stdout()).isDrbd9() ? DrbdRelease.DRBD_9 : DrbdRelease.DRBD_8_4;
            release.compareAndSet(DrbdRelease.AUTO, detected);
            log.debug("DRBD release of {}: {}", resource, detected);
            r = release.get();
        }
        return r;
    }

    @Override
    public VolumeStatus status() {
        DrbdResource r;
        String raw;
        if (release() == DrbdRelease.DRBD_8_4) {
            Read84 read = read84();
            r = read.resource;
            raw = read.raw;
        } else if (source.get() == StatusSource.JSON) {
            CommandResult result = cli.drbdsetup(commandTimeout, "status", resource, "--json");
            if (!result.succeeded() && lacksJson(result)) {
                log.warn("drbdsetup does not know status --json ({}); reading {} with events2 --now from now on",
                        result.combinedOutput().trim(), resource);
                source.set(StatusSource.EVENTS2_NOW);
                return status();
            }
            requireSuccess(result, "reading the status of " + resource);
            raw = result.stdout();
            r = StatusJson.parse(raw, resource).orElseThrow(this::notUp);
        } else {
            CommandResult result = cli.drbdsetup(commandTimeout, "events2", "--now", resource);
            requireSuccess(result, "reading the state of " + resource);
            raw = result.stdout();
            Events2State state = new Events2State();
            Events2Parser.parseAll(raw).forEach(state::apply);
            r = state.snapshot(resource).orElseThrow(this::notUp);
        }
        return VolumeStatusMapper.map(r, localName, splitBrainPeers(r), raw);
    }

    /**
     * Makes the local replica primary; does nothing if it already is.
     *
     * @throws OperationRefusedException code {@value #SPLIT_BRAIN} or {@code "-2"} before running
     *                                   anything when a split brain is known or no UpToDate data is
     *                                   reachable and {@code options} does not force it; or
     *                                   DRBD's own code and text when DRBD refuses
     * @throws NotFoundException         when the resource is not up on this node
     */
    @Override
    public void promote(PromoteOptions options) {
        Objects.requireNonNull(options, "options");
        VolumeStatus before = status();
        if (localRole(before) == ReplicaRole.PRIMARY) {
            log.debug("{} is already primary", resource);
            return;
        }
        if (!options.force() && before.splitBrain()) {
            throw new OperationRefusedException(SPLIT_BRAIN, "refusing to promote " + resource + ": a split brain is known"
                    + " (" + describe(before) + "); both sides hold diverged data and only an operator may choose which"
                    + " survives (force the promotion on the survivor, discardLocalDataAndReconnect on the victim)");
        }
        if (!options.force() && !before.hasUpToDateData()) {
            throw new OperationRefusedException(DrbdErrors.NO_UP_TO_DATE_DATA, "refusing to promote " + resource
                    + ": neither the local disk nor a connected peer is UpToDate (" + describe(before)
                    + "); promoting would lose writes. Only an operator who knows which data wins may force it.");
        }
        CommandResult r;
        if (options.force()) {
            log.error("FORCED promotion of DRBD resource {} (reason: {}): DRBD will make this node's data the "
                    + "current data even if it is not UpToDate; state before: {}", resource, options.reason(), describe(before));
            r = cli.drbdadm(stateChangeTimeout, "primary", "--force", resource);
        } else {
            r = cli.drbdadm(stateChangeTimeout, "primary", resource);
        }
        requireSuccess(r, "promote " + resource);
        log.info("promoted DRBD resource {} to primary{}", resource, options.force() ? " (forced)" : "");
    }

    /** Makes the local replica secondary; does nothing if it is not primary. */
    @Override
    public void demote() {
        if (localRole(status()) != ReplicaRole.PRIMARY) {
            return;
        }
        requireSuccess(cli.drbdadm(stateChangeTimeout, "secondary", resource), "demote " + resource);
        log.info("demoted DRBD resource {} to secondary", resource);
    }

    /**
     * Resolves a split brain by throwing away this node's changes since the split: disconnects,
     * makes this node secondary, and reconnects with {@code --discard-my-data}, after which DRBD
     * resynchronises this node from its peer. Run it on the victim only, after deciding which node's
     * data survives; nothing in this library calls it. Not idempotent in effect: every call discards
     * local changes again.
     *
     * @param reason why, for the log; required
     * @throws OperationRefusedException when DRBD refuses a step (this node cannot become secondary
     *                                   while the device is in use, for example)
     */
    public void discardLocalDataAndReconnect(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("discarding local data needs a reason");
        }
        log.error("SPLIT-BRAIN RECOVERY on {}: discarding this node's data and resynchronising from the peer (reason: {})",
                resource, reason);
        CommandResult disconnect = cli.drbdadm(stateChangeTimeout, "disconnect", resource);
        if (!disconnect.succeeded() && !disconnect.combinedOutput().contains("(-9)")) { // -9: already StandAlone
            throw DrbdErrors.toException(disconnect, "disconnect " + resource);
        }
        requireSuccess(cli.drbdadm(stateChangeTimeout, "secondary", resource), "make " + resource + " secondary");
        CommandResult connect = release() == DrbdRelease.DRBD_8_4
                ? cli.drbdadm(stateChangeTimeout, "--", "--discard-my-data", "connect", resource)
                : cli.drbdadm(stateChangeTimeout, "connect", "--discard-my-data", resource);
        requireSuccess(connect, "reconnect " + resource + " discarding local data");
        standAloneAfterLoss.clear();
    }

    private Set<String> splitBrainPeers(DrbdResource r) {
        Set<String> peers = new LinkedHashSet<>(events.map(e -> e.splitBrainPeers(resource)).orElse(Set.of()));
        r.peers().forEach(p -> {
            ConnectionState before = lastConnection.put(p.name(), p.connection());
            if (p.connection() == ConnectionState.CONNECTED) {
                standAloneAfterLoss.remove(p.name());
            } else if (p.connection() == ConnectionState.STANDALONE && before != null && RECONNECTING.contains(before)) {
                log.error("DRBD resource {}: peer {} went from {} to StandAlone: the handshake refused to connect,"
                        + " most likely a split brain", resource, p.name(), before);
                standAloneAfterLoss.add(p.name());
            }
        });
        peers.addAll(standAloneAfterLoss);
        return peers;
    }

    private Read84 read84() {
        CommandResult role = cli.drbdadm(commandTimeout, "role", resource);
        requireSuccess(role, "reading the role of " + resource);
        CommandResult cstate = cli.drbdadm(commandTimeout, "cstate", resource);
        requireSuccess(cstate, "reading the connection state of " + resource);
        CommandResult dstate = cli.drbdadm(commandTimeout, "dstate", resource);
        requireSuccess(dstate, "reading the disk state of " + resource);
        CommandResult minor = cli.drbdadm(commandTimeout, "sh-minor", resource);
        requireSuccess(minor, "reading the minors of " + resource);
        CommandResult proc = cli.procDrbd(commandTimeout);
        requireSuccess(proc, "reading /proc/drbd");
        DrbdResource r = Drbd84.resource(resource, peerName84, role.stdout(), cstate.stdout(), dstate.stdout(),
                minor.stdout(), ProcDrbd.parse(proc.stdout()));
        String raw = "drbdadm role: " + role.stdout().trim() + "\ndrbdadm cstate: " + cstate.stdout().trim()
                + "\ndrbdadm dstate: " + dstate.stdout().trim() + "\n" + proc.stdout();
        return new Read84(r, raw);
    }

    private record Read84(DrbdResource resource, String raw) {
    }

    private static void requireSuccess(CommandResult r, String what) {
        if (!r.succeeded()) {
            throw DrbdErrors.toException(r, what);
        }
    }

    private static boolean lacksJson(CommandResult r) {
        String text = r.combinedOutput();
        return text.contains("--json") && (text.contains("unrecognized option") || text.contains("invalid option"));
    }

    private NotFoundException notUp() {
        return new NotFoundException("DRBD resource '" + resource + "' is not up on this node");
    }

    private static ReplicaRole localRole(VolumeStatus s) {
        return s.local().map(Replica::role).orElse(ReplicaRole.UNKNOWN);
    }

    private static String describe(VolumeStatus s) {
        StringBuilder b = new StringBuilder();
        for (Replica r : s.replicas()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(r.name()).append(' ').append(r.role()).append('/').append(r.disk());
            if (!r.isLocal()) {
                b.append('/').append(r.connection());
            }
        }
        return b.append(s.quorum() ? "" : ", no quorum").toString();
    }

    private static Duration positive(String what, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new ConfigurationException("DrbdVolume: " + what + " must be positive, found " + d);
        }
        return d;
    }

    /** Builds a {@link DrbdVolume}. Not thread-safe. */
    public static final class Builder {
        private String resource;
        private CommandRunner runner;
        private String drbdadm = "drbdadm";
        private String drbdsetup = "drbdsetup";
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Duration stateChangeTimeout = DEFAULT_STATE_CHANGE_TIMEOUT;
        private String localName = DEFAULT_LOCAL_NAME;
        private String peerName = "peer";
        private DrbdRelease release = DrbdRelease.AUTO;
        private StatusSource source = StatusSource.JSON;
        private DrbdEvents events;

        private Builder() {
        }

        /** The resource name; required. */
        public Builder resource(String resource) {
            this.resource = resource;
            return this;
        }

        /** Runs drbdadm, drbdsetup and {@code cat /proc/drbd}; required. */
        public Builder runner(CommandRunner runner) {
            this.runner = runner;
            return this;
        }

        /** The drbdadm program; {@code drbdadm} from PATH by default. */
        public Builder drbdadm(String program) {
            this.drbdadm = program;
            return this;
        }

        /** The drbdsetup program; {@code drbdsetup} from PATH by default. */
        public Builder drbdsetup(String program) {
            this.drbdsetup = program;
            return this;
        }

        /** Timeout of reads; {@link #DEFAULT_COMMAND_TIMEOUT} by default. */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = timeout;
            return this;
        }

        /** Timeout of primary/secondary/connect; {@link #DEFAULT_STATE_CHANGE_TIMEOUT} by default. */
        public Builder stateChangeTimeout(Duration timeout) {
            this.stateChangeTimeout = timeout;
            return this;
        }

        /** The name of the local replica in {@link VolumeStatus}; {@value #DEFAULT_LOCAL_NAME} by default. */
        public Builder localName(String name) {
            this.localName = name;
            return this;
        }

        /** DRBD 8.4 only, which does not report it: the name of the one peer; {@code peer} by default. */
        public Builder peerName(String name) {
            this.peerName = name;
            return this;
        }

        /** Which DRBD runs; {@link DrbdRelease#AUTO} (read {@code /proc/drbd}) by default. */
        public Builder release(DrbdRelease release) {
            this.release = release;
            return this;
        }

        /** Which DRBD 9 command status is read with; {@link StatusSource#JSON} by default. */
        public Builder statusSource(StatusSource source) {
            this.source = source;
            return this;
        }

        /** A started follower whose split-brain handler calls {@link DrbdVolume#status()} reports. */
        public Builder events(DrbdEvents events) {
            this.events = events;
            return this;
        }

        /**
         * @throws ConfigurationException for a missing runner, an invalid resource, program or
         *                                replica name, or a timeout that is not positive
         */
        public DrbdVolume build() {
            return new DrbdVolume(this);
        }
    }
}
