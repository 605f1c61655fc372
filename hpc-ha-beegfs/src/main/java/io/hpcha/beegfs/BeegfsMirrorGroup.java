package io.hpcha.beegfs;

import io.hpcha.ConfigurationException;
import io.hpcha.ConnectionState;
import io.hpcha.DiskState;
import io.hpcha.OperationRefusedException;
import io.hpcha.PromoteOptions;
import io.hpcha.Replica;
import io.hpcha.ReplicaRole;
import io.hpcha.ReplicatedVolume;
import io.hpcha.ReplicationState;
import io.hpcha.SyncProgress;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.VolumeStatus;
import io.hpcha.beegfs.internal.BeegfsIds;
import io.hpcha.spi.Await;
import io.hpcha.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One BeeGFS buddy-mirror group (storage or metadata) as a {@link ReplicatedVolume}. Its replicas
 * are the group's two targets, named {@code "s:101"} (storage) or {@code "m:1"} (metadata); the
 * {@linkplain Builder#localTarget local} one is the target this host serves.
 *
 * <p><b>Status.</b> Roles come from the group (primary, secondary); reachability maps Online to
 * {@link ConnectionState#CONNECTED}, Probably-offline to {@link ConnectionState#CONNECTING}, Offline to
 * {@link ConnectionState#UNCONNECTED}; consistency maps Good to {@link DiskState#UP_TO_DATE},
 * Needs-resync to {@link DiskState#OUTDATED} ({@link DiskState#INCONSISTENT} while a resync writes
 * it), Bad to {@link DiskState#FAILED}, and an Offline target's data is {@link DiskState#UNKNOWN}. A
 * running resync (from {@code --resyncstats} / {@code beegfs mirror resync stats}, asked only while
 * the secondary needs one) shows as {@link ReplicationState#SYNC_TARGET} on the secondary (or
 * {@link ReplicationState#SYNC_SOURCE} on the primary when the local target is the secondary),
 * with its progress. {@code mayPromote} is true when the local target is Online and Good.
 *
 * <p><b>Promote and demote.</b> BeeGFS has no switchover command (see {@link Switchover}): the
 * management service fails a group over by itself when the primary goes Offline. So without a
 * {@link Builder#switchover switchover} {@link #promote} and {@link #demote} of a target that is not
 * already in the requested role throw {@link OperationRefusedException} with code
 * {@value #MANAGEMENT_DECIDES}. With one, {@link #promote} takes the current primary out of service
 * and waits (up to {@link Builder#failoverTimeout}) until management shows the local target as primary;
 * {@link #demote} does the same to the local target once its buddy is Online and Good. Promotion
 * without up-to-date local data is refused (code {@value #NO_UP_TO_DATE_DATA}); forcing it is refused
 * too (code {@value #FORCE_UNSUPPORTED}) because management never fails over to a secondary that
 * needs a resync. Both are idempotent.
 *
 * <p>Thread-safe; {@link #promote} and {@link #demote} are not meant to run concurrently with each other.
 */
public final class BeegfsMirrorGroup implements ReplicatedVolume {
    /** Refusal code: only the management service switches buddy groups over. */
    public static final String MANAGEMENT_DECIDES = "management-decides-failover";
    /** Refusal code: the local target is not Online and Good. */
    public static final String NO_UP_TO_DATE_DATA = "no-up-to-date-data";
    /** Refusal code: BeeGFS cannot be forced to fail over onto data that needs a resync. */
    public static final String FORCE_UNSUPPORTED = "force-unsupported";
    /** Refusal code: demoting would leave the group without a good primary. */
    public static final String BUDDY_NOT_UP_TO_DATE = "buddy-not-up-to-date";
    /** BeeGFS's default sysTargetOfflineTimeoutSecs is 180 s; failover comes after that. */
    public static final Duration DEFAULT_FAILOVER_TIMEOUT = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(BeegfsMirrorGroup.class);
    private static final int MAX_RAW = 2048;

    private final BeegfsClient client;
    private final BeegfsNodeType type;
    private final int groupId;
    private final OptionalInt localTarget;
    private final Optional<Switchover> switchover;
    private final Await failoverWait;
    private final String name;

    private BeegfsMirrorGroup(Builder b) {
        if (b.client == null) {
            throw new ConfigurationException("BeegfsMirrorGroup needs a BeegfsClient");
        }
        if (b.groupId == 0) {
            throw new ConfigurationException("BeegfsMirrorGroup needs a groupId");
        }
        this.client = b.client;
        this.type = b.type;
        this.groupId = b.groupId;
        this.localTarget = b.localTarget;
        this.switchover = Optional.ofNullable(b.switchover);
        this.failoverWait = Await.of(b.clock, b.sleeper, b.failoverTimeout, b.pollInterval);
        this.name = b.name != null ? b.name : type.cliName() + "-group-" + groupId;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    /** The group's id. */
    public int groupId() {
        return groupId;
    }

    @Override
    public VolumeStatus status() {
        BuddyGroup group = client.buddyGroup(type, groupId);
        Map<Integer, TargetState> states = client.targetsById(type);
        TargetState primary = state(states, group.primary(), group);
        TargetState secondary = state(states, group.secondary(), group);
        Optional<ResyncStats> resync = resync(secondary);
        boolean syncing = secondary.resyncing() || resync.map(r -> r.state().isRunning()).orElse(false);
        Optional<SyncProgress> progress = syncing
                ? Optional.of(new SyncProgress(resync.map(ResyncStats::percentDone).orElse(0.0), Optional.empty()))
                : Optional.empty();
        boolean localIsSecondary = isLocal(secondary);

        List<Replica> replicas = new ArrayList<>(2);
        Replica p = replica(primary, ReplicaRole.PRIMARY, syncing && localIsSecondary ? ReplicationState.SYNC_SOURCE : ReplicationState.OFF,
                syncing && localIsSecondary ? progress : Optional.empty(), false);
        Replica s = replica(secondary, ReplicaRole.SECONDARY, syncing && !localIsSecondary ? ReplicationState.SYNC_TARGET : ReplicationState.OFF,
                syncing && !localIsSecondary ? progress : Optional.empty(), syncing);
        if (localIsSecondary) {
            replicas.add(s);
            replicas.add(p);
        } else {
            replicas.add(p);
            replicas.add(s);
        }
        TargetState local = isLocal(primary) ? primary : localIsSecondary ? secondary : null;
        boolean mayPromote = local != null && local.reachability() == Reachability.ONLINE && local.consistency() == Consistency.GOOD;
        String raw = "group " + groupId + ": primary " + primary + ", secondary " + secondary + resync.map(r -> ", resync " + r).orElse("");
        return new VolumeStatus(name, replicas, true, mayPromote, false, false,
                raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) + "…" : raw);
    }

    /**
     * Makes the local target the group's primary (see the class description).
     *
     * @throws OperationRefusedException when no switchover is configured ({@value #MANAGEMENT_DECIDES}),
     *                                   the local data is not up to date, or a forced promotion is asked for
     */
    @Override
    public void promote(PromoteOptions options) {
        Objects.requireNonNull(options, "options");
        int local = requireLocal();
        BuddyGroup group = client.buddyGroup(type, groupId);
        if (group.primary() == local) {
            return;
        }
        Map<Integer, TargetState> states = client.targetsById(type);
        TargetState mine = state(states, local, group);
        if (options.force()) {
            throw new OperationRefusedException(FORCE_UNSUPPORTED, "cannot force " + mine.subject() + " to become primary of "
                    + name + ": BeeGFS's management service never fails over onto a target that is not Good; resync it"
                    + " first (reason given: " + options.reason() + ")");
        }
        if (mine.reachability() != Reachability.ONLINE || mine.consistency() != Consistency.GOOD) {
            throw new OperationRefusedException(NO_UP_TO_DATE_DATA, "refusing to promote " + mine.subject() + " in " + name
                    + ": it is " + mine.reachability() + "/" + mine.consistency() + ", not Online/Good");
        }
        TargetState primary = state(states, group.primary(), group);
        switchTo(local, primary, "promote " + mine.subject());
    }

    /**
     * Makes the local target the group's secondary by taking it out of service so that management
     * fails over to its buddy.
     *
     * @throws OperationRefusedException when no switchover is configured, or the buddy is not Online and Good
     */
    @Override
    public void demote() {
        int local = requireLocal();
        BuddyGroup group = client.buddyGroup(type, groupId);
        if (group.primary() != local) {
            return;
        }
        Map<Integer, TargetState> states = client.targetsById(type);
        TargetState buddy = state(states, group.secondary(), group);
        if (buddy.reachability() != Reachability.ONLINE || buddy.consistency() != Consistency.GOOD) {
            throw new OperationRefusedException(BUDDY_NOT_UP_TO_DATE, "refusing to demote " + local + " in " + name + ": its buddy "
                    + buddy.subject() + " is " + buddy.reachability() + "/" + buddy.consistency() + ", not Online/Good");
        }
        switchTo(group.secondary(), state(states, local, group), "demote " + type.cliName() + "-target:" + local);
    }

    /** Asks BeeGFS to resync the group's secondary from its primary; harmless while one is running. */
    public void startResync() {
        client.startResync(type, groupId);
    }

    private void switchTo(int newPrimary, TargetState outgoing, String what) {
        Switchover s = switchover.orElseThrow(() -> new OperationRefusedException(MANAGEMENT_DECIDES, "cannot " + what + " in "
                + name + ": BeeGFS has no switchover command; its management service makes the secondary primary by itself"
                + " once the primary is Offline (after sysTargetOfflineTimeoutSecs). Configure a switchover that takes the"
                + " primary out of service to let hpc-ha trigger that."));
        log.info("{} in {}: taking {} out of service and waiting for BeeGFS management to fail over", what, name, outgoing.subject());
        s.takeOutOfService(outgoing);
        failoverWait.until("BeeGFS management to make target " + newPrimary + " primary of " + name,
                () -> client.buddyGroup(type, groupId).primary() == newPrimary);
        log.info("{} in {}: target {} is primary", what, name, newPrimary);
    }

    private Optional<ResyncStats> resync(TargetState secondary) {
        if (secondary.consistency() != Consistency.NEEDS_RESYNC || secondary.reachability() == Reachability.OFFLINE) {
            return Optional.empty();
        }
        try {
            return Optional.of(client.resyncStats(type, groupId));
        } catch (OperationRefusedException e) {
            log.debug("resync stats of {} unavailable: {}", name, e.getMessage()); // not root: no progress figures
            return Optional.empty();
        }
    }

    private Replica replica(TargetState s, ReplicaRole role, ReplicationState replication, Optional<SyncProgress> sync,
                            boolean beingWritten) {
        ConnectionState connection = isLocal(s) ? ConnectionState.LOCAL : switch (s.reachability()) {
            case ONLINE -> ConnectionState.CONNECTED;
            case PROBABLY_OFFLINE -> ConnectionState.CONNECTING;
            case OFFLINE -> ConnectionState.UNCONNECTED;
        };
        DiskState disk = s.reachability() == Reachability.OFFLINE ? DiskState.UNKNOWN : switch (s.consistency()) {
            case GOOD -> DiskState.UP_TO_DATE;
            case NEEDS_RESYNC -> beingWritten ? DiskState.INCONSISTENT : DiskState.OUTDATED;
            case BAD -> DiskState.FAILED;
        };
        String prefix = type == BeegfsNodeType.STORAGE ? "s:" : "m:";
        return new Replica(prefix + s.id(), connection, role, disk, replication, sync);
    }

    private boolean isLocal(TargetState s) {
        return localTarget.isPresent() && localTarget.getAsInt() == s.id();
    }

    private int requireLocal() {
        if (localTarget.isEmpty()) {
            throw new ConfigurationException(name + ": promote and demote need the local target id (Builder.localTarget)");
        }
        return localTarget.getAsInt();
    }

    private TargetState state(Map<Integer, TargetState> states, int id, BuddyGroup group) {
        TargetState s = states.get(id);
        if (s == null) {
            throw new UnexpectedOutputException("buddy group " + groupId + " names " + type.cliName() + " target " + id
                    + " but the target list does not have it", group + " / targets " + states.keySet());
        }
        return s;
    }

    /** Builds a {@link BeegfsMirrorGroup}. Not thread-safe. */
    public static final class Builder {
        private BeegfsClient client;
        private BeegfsNodeType type = BeegfsNodeType.STORAGE;
        private int groupId;
        private OptionalInt localTarget = OptionalInt.empty();
        private Switchover switchover;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private Duration failoverTimeout = DEFAULT_FAILOVER_TIMEOUT;
        private Duration pollInterval = Duration.ofSeconds(5);
        private String name;

        private Builder() {
        }

        /** Talks to BeeGFS; required. */
        public Builder client(BeegfsClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Storage (default) or metadata buddy group. */
        public Builder type(BeegfsNodeType type) {
            if (type == BeegfsNodeType.MANAGEMENT) {
                throw new ConfigurationException("a buddy group is of type STORAGE or META");
            }
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /** The group's numeric id, 1-65535; required. */
        public Builder groupId(int groupId) {
            this.groupId = checked("groupId", groupId);
            return this;
        }

        /** The id of the group's target served by this host (for metadata groups, the node id). */
        public Builder localTarget(int targetId) {
            this.localTarget = OptionalInt.of(checked("localTarget", targetId));
            return this;
        }

        /** How to take a target out of service so that management fails over; default none. */
        public Builder switchover(Switchover switchover) {
            this.switchover = Objects.requireNonNull(switchover, "switchover");
            return this;
        }

        /** Time source for waiting on failover; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Waits between polls; default real sleeping. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** How long to wait for management to fail over; default {@link #DEFAULT_FAILOVER_TIMEOUT}. */
        public Builder failoverTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new ConfigurationException("failoverTimeout must not be negative: " + timeout);
            }
            this.failoverTimeout = timeout;
            return this;
        }

        /** How often to look while waiting; default 5 s. */
        public Builder pollInterval(Duration interval) {
            if (interval.isZero() || interval.isNegative()) {
                throw new ConfigurationException("pollInterval must be positive: " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /** The volume name; default {@code "storage-group-<id>"} / {@code "meta-group-<id>"}. */
        public Builder name(String name) {
            if (name == null || name.isBlank()) {
                throw new ConfigurationException("volume name is blank");
            }
            this.name = name;
            return this;
        }

        public BeegfsMirrorGroup build() {
            return new BeegfsMirrorGroup(this);
        }

        private static int checked(String key, int id) {
            try {
                return BeegfsIds.check(key, id);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage());
            }
        }
    }
}
