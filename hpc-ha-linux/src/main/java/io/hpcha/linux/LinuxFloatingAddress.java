package io.hpcha.linux;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.FloatingAddress;
import io.hpcha.HaException;
import io.hpcha.NodeId;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.linux.internal.AddressEntry;
import io.hpcha.linux.internal.IpCommands;
import io.hpcha.linux.internal.LinuxNames;
import io.hpcha.spi.Await;
import io.hpcha.spi.CommandRunner;
import io.hpcha.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual IPv4 address on a Linux interface, moved between hosts like Pacemaker's {@code IPaddr2}:
 * observed with {@code ip -json addr show}, moved with {@code ip addr del} on the old host and
 * {@code ip addr add} on the new one, and announced with gratuitous ARP (iputils {@code arping -U}
 * requests and {@code arping -A} replies, repeated) so that neighbours send to the new host at once.
 *
 * <pre>{@code
 * LinuxFloatingAddress vip = LinuxFloatingAddress.builder()
 *     .address("10.213.0.100").prefixLength(24).interfaceName("eth0").label("eth0:ha")
 *     .localNode(NodeId.of("ctl2")).runner(LocalCommandRunner.create())
 *     .node(NodeId.of("ctl1"), sshOrNetnsRunnerForCtl1)      // how the peer's `ip` is asked
 *     .build();
 * vip.assignTo(NodeId.of("ctl2"));
 * }</pre>
 *
 * <h2>Who holds the address</h2>
 * A Linux address is held by the host it is configured on: a node holds it when {@code ip addr}
 * on that node lists it on any interface. This object can only ask the nodes it has a
 * {@link CommandRunner} for: the {@linkplain Builder#localNode local node} (through
 * {@link Builder#runner}) and every peer given with {@link Builder#node(NodeId, CommandRunner)}
 * (an SSH runner in production; {@link NetnsCommandRunner} for network namespaces). An address
 * configured on a host it cannot ask is invisible to {@link #holder()}; {@link Builder#duplicateCheck}
 * makes {@link #assignTo} ask the network segment itself before it adds the address.
 * {@link #holder()} asks every known node on every call (nothing is cached) and throws
 * {@link UnexpectedOutputException} when more than one holds the address.
 *
 * <h2>Moving it, and the old holder</h2>
 * {@link #assignTo(NodeId, Set)} moves the address to a known node:
 * <ol>
 *   <li>it asks every known node that is not declared fenced; a node that cannot be asked makes it
 *       refuse ({@link OperationRefusedException} code {@value #HOLDER_UNKNOWN}), because that node
 *       may still hold and answer for the address;</li>
 *   <li>when the target already holds it on the configured interface with the configured prefix and
 *       no other node does, it returns without writing anything (idempotent);</li>
 *   <li>it deletes the address from every other node that holds it (and stray copies on the
 *       target), then asks those nodes again and refuses to go on (code {@value #HELD_ELSEWHERE})
 *       if one still shows it;</li>
 *   <li>with {@linkplain Builder#duplicateCheck duplicate detection} on, it asks the segment with
 *       {@code arping -D} and refuses (code {@value #ADDRESS_IN_USE}) when any host still answers;</li>
 *   <li>it adds the address on the target, sends gratuitous ARP from it, and returns once
 *       {@code ip addr} shows the address on the target and on no other known node.</li>
 * </ol>
 * Deleting from the old holder is a clean release only while that host answers. When it does not
 * (crashed, hung, cut off), two hosts answering ARP for one address must never happen, so the
 * caller has to <em>fence it first</em>: power it off or isolate it (STONITH), then call
 * {@code assignTo(target, Set.of(oldHolder))}. Fenced nodes are neither asked nor written. Fencing
 * is the policy layer's job and is done under the {@link io.hpcha.Lease}: only the lease holder
 * fences and moves, and since the kernel cannot check a fencing token, the caller checks that its
 * {@link io.hpcha.Leadership} is still valid (renews it) right before it calls {@code assignTo}, and
 * logs the token with the move; a deposed holder must stop acting before its lease expires.
 *
 * <p>So a node taking the address over does, in order: take the lease (getting a fencing token higher
 * than the old holder's); fence the old holder unless it is confirmed off, with that token in the
 * fencing log; start what the address stands for; then call {@code assignTo}, passing the old holder
 * as fenced only if it was fenced and cannot be asked any more. An old holder that crashed but whose
 * host still answers (a killed daemon) simply has the address deleted by step 3 above. This is the
 * order of the {@code controller-failover} example daemon's plan (fence-peer, services, move-address).
 *
 * <p>The SPI's {@link #assignTo(NodeId)} is {@code assignTo(node, Set.of())}: it moves the address
 * only when every known node can be asked.
 *
 * <h2>Errors</h2>
 * A missing interface ({@code Cannot find device "eth9"}) or network namespace is a
 * {@link NotFoundException}; {@code Operation not permitted} is an {@link OperationRefusedException}
 * with code {@code EPERM}; output of {@code ip -json} this class does not understand is an
 * {@link UnexpectedOutputException}; a command that times out is a {@link BackendUnavailableException}.
 * The kernel's "address already assigned" on add and "address not found" on delete mean that the
 * wanted state is already there, and are not errors.
 *
 * <p>IPv4 only: IPv6 would need unsolicited neighbour advertisements instead of ARP.
 *
 * <p>Thread-safe and immutable; moves through one instance are serialized.
 */
public final class LinuxFloatingAddress implements FloatingAddress {
    /** Refusal code: a node that is not declared fenced could not be asked whether it holds the address. */
    public static final String HOLDER_UNKNOWN = "HOLDER_UNKNOWN";
    /** Refusal code: a node still showed the address after it was deleted there. */
    public static final String HELD_ELSEWHERE = "HELD_ELSEWHERE";
    /** Refusal code: a host on the segment answered ARP for the address before it was added. */
    public static final String ADDRESS_IN_USE = "ADDRESS_IN_USE";

    private static final Logger LOG = LoggerFactory.getLogger(LinuxFloatingAddress.class);

    private final String address;
    private final int prefixLength;
    private final String interfaceName;
    private final Optional<String> label;
    private final NodeId localNode;
    private final Map<NodeId, CommandRunner> runners;
    private final IpCommands commands;
    private final int arpCount;
    private final Duration arpInterval;
    private final boolean duplicateCheck;
    private final Await verify;
    private final Object moveLock = new Object();

    private LinuxFloatingAddress(Builder b) {
        this.address = require(b.address, "address");
        this.prefixLength = b.prefixLength;
        this.interfaceName = require(b.interfaceName, "interfaceName");
        this.label = b.label == null ? Optional.empty()
                : Optional.of(LinuxNames.label("label", b.label, interfaceName));
        this.localNode = require(b.localNode, "localNode");
        CommandRunner local = b.peers.containsKey(localNode) ? b.peers.get(localNode) : b.runner;
        if (local == null) {
            throw new ConfigurationException("LinuxFloatingAddress: runner missing (how the local node's ip is run)");
        }
        Map<NodeId, CommandRunner> all = new LinkedHashMap<>();
        all.put(localNode, local);
        b.peers.forEach(all::putIfAbsent);
        this.runners = Collections.unmodifiableMap(all);
        this.commands = new IpCommands(b.ipProgram, b.arpingProgram, b.commandTimeout);
        this.arpCount = b.arpCount;
        this.arpInterval = b.arpInterval;
        this.duplicateCheck = b.duplicateCheck;
        this.verify = Await.of(b.clock, b.sleeper, b.verifyTimeout, b.verifyInterval);
    }

    private static <T> T require(T value, String name) {
        if (value == null) {
            throw new ConfigurationException("LinuxFloatingAddress: " + name + " missing");
        }
        return value;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String address() {
        return address;
    }

    /** The node this object runs on. */
    public NodeId localNode() {
        return localNode;
    }

    /** Every node this object can ask and move the address to, the local node first. */
    public Set<NodeId> nodes() {
        return runners.keySet();
    }

    /**
     * The known node that has the address on one of its interfaces, asking every known node now.
     *
     * @throws UnexpectedOutputException when more than one node holds it
     */
    @Override
    public Optional<NodeId> holder() {
        Map<NodeId, List<AddressEntry>> seen = new LinkedHashMap<>();
        for (NodeId node : runners.keySet()) {
            seen.put(node, placements(node));
        }
        Map<NodeId, List<AddressEntry>> holders = holding(seen);
        if (holders.size() > 1) {
            throw new UnexpectedOutputException(address + " is configured on more than one node", describe(holders));
        }
        return holders.keySet().stream().findFirst();
    }

    /** Moves the address to {@code node} when every known node can be asked; see the class description. */
    @Override
    public void assignTo(NodeId node) {
        assignTo(node, Set.of());
    }

    /**
     * Moves the address to {@code node}, skipping the nodes the caller has fenced (powered off or cut
     * off from the network): they are neither asked nor written. Idempotent; returns once the move is
     * verified. See the class description for the steps.
     *
     * @param fencedNodes nodes fenced by the caller under its lease; must not contain {@code node}
     * @throws NotFoundException           when {@code node} is not a known node, or its interface does not exist
     * @throws OperationRefusedException   when the address may still be held elsewhere (codes
     *                                     {@value #HOLDER_UNKNOWN}, {@value #HELD_ELSEWHERE},
     *                                     {@value #ADDRESS_IN_USE}) or the kernel refused ({@code EPERM})
     * @throws BackendUnavailableException when a command timed out or the move could not be verified in time
     */
    public void assignTo(NodeId node, Set<NodeId> fencedNodes) {
        Objects.requireNonNull(node, "node");
        Set<NodeId> fenced = Set.copyOf(fencedNodes);
        CommandRunner target = runners.get(node);
        if (target == null) {
            throw new NotFoundException(node + " is not a node " + address + " can move to; known: " + runners.keySet());
        }
        if (fenced.contains(node)) {
            throw new IllegalArgumentException("cannot move " + address + " to " + node + ", which is declared fenced");
        }
        synchronized (moveLock) {
            List<AddressEntry> onTarget = placements(node);
            Map<NodeId, List<AddressEntry>> elsewhere = holding(observeOthers(node, fenced));
            boolean inPlace = onTarget.stream().anyMatch(this::inPlace);
            List<AddressEntry> strays = onTarget.stream().filter(e -> !inPlace(e)).toList();
            if (inPlace && strays.isEmpty() && elsewhere.isEmpty()) {
                LOG.debug("{} already on {} {} only; nothing to do", address, node, interfaceName);
                return;
            }
            LOG.info("moving {} to {} {} (now on: {}; fenced: {})", address, node, interfaceName,
                    elsewhere.isEmpty() && onTarget.isEmpty() ? "nobody" : describe(withTarget(node, onTarget, elsewhere)),
                    fenced.isEmpty() ? "none" : fenced);
            release(elsewhere);
            for (AddressEntry stray : strays) {
                commands.delete(target, stray, node.value());
            }
            if (!elsewhere.isEmpty()) {
                Map<NodeId, List<AddressEntry>> still = holding(observeOthers(node, fenced));
                if (!still.isEmpty()) {
                    throw new OperationRefusedException(HELD_ELSEWHERE, address + " is still configured on "
                            + describe(still) + " after it was removed there; not adding it on " + node);
                }
            }
            if (!inPlace) {
                checkNobodyAnswers(node, target);
                commands.add(target, address + "/" + prefixLength, interfaceName, label, node.value());
            }
            announce(node);
            verifyOnlyOn(node, fenced);
            LOG.info("{} now on {} {}", address, node, interfaceName);
        }
    }

    /**
     * Sends gratuitous ARP for the address from {@code node} ({@code arping -U} and {@code arping -A}
     * at the same time, each repeated as configured): for a caller that wants to refresh neighbours'
     * caches again later, as {@code IPaddr2}'s {@code arp_count_refresh} does. Writes nothing.
     *
     * @throws NotFoundException when {@code node} is not known or its interface does not exist
     */
    public void announce(NodeId node) {
        CommandRunner runner = runners.get(Objects.requireNonNull(node, "node"));
        if (runner == null) {
            throw new NotFoundException(node + " is not a node " + address + " can move to; known: " + runners.keySet());
        }
        // Requests and replies go out side by side: some neighbours only heed one kind, and a move
        // should not wait for two rounds of arping.
        CompletableFuture<Void> replies = CompletableFuture.runAsync(
                () -> commands.gratuitousArp(runner, true, interfaceName, address, arpCount, arpInterval, node.value()),
                task -> {
                    Thread t = new Thread(task, "hpcha-arping-" + node);
                    t.setDaemon(true);
                    t.start();
                });
        RuntimeException failure = null;
        try {
            commands.gratuitousArp(runner, false, interfaceName, address, arpCount, arpInterval, node.value());
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            replies.join();
        } catch (CompletionException e) {
            RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
            if (failure == null) {
                failure = cause;
            } else {
                failure.addSuppressed(cause);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void release(Map<NodeId, List<AddressEntry>> holders) {
        holders.forEach((holder, entries) -> {
            for (AddressEntry entry : entries) {
                LOG.info("removing {} from {}", entry, holder);
                commands.delete(runners.get(holder), entry, holder.value());
            }
        });
    }

    private void checkNobodyAnswers(NodeId node, CommandRunner target) {
        if (!duplicateCheck) {
            return;
        }
        Optional<String> answering = commands.answeringHost(target, interfaceName, address, node.value());
        if (answering.isPresent()) {
            throw new OperationRefusedException(ADDRESS_IN_USE, "a host with hardware address " + answering.get()
                    + " still answers ARP for " + address + " on " + node + " " + interfaceName
                    + "; fence it before moving the address");
        }
    }

    private void verifyOnlyOn(NodeId node, Set<NodeId> fenced) {
        List<String> last = new ArrayList<>();
        try {
            verify.until(address + " on " + node + " " + interfaceName + " only", () -> {
                Map<NodeId, List<AddressEntry>> seen = observeOthers(node, fenced);
                seen.put(node, placements(node));
                Map<NodeId, List<AddressEntry>> holders = holding(seen);
                last.clear();
                last.add(describe(holders));
                return holders.keySet().equals(Set.of(node)) && holders.get(node).stream().allMatch(this::inPlace);
            });
        } catch (BackendUnavailableException e) {
            throw new BackendUnavailableException(e.getMessage() + "; last seen on " + last, e);
        }
    }

    /** Every non-fenced node other than {@code node}; one that cannot be asked makes the move refuse. */
    private Map<NodeId, List<AddressEntry>> observeOthers(NodeId node, Set<NodeId> fenced) {
        Map<NodeId, List<AddressEntry>> seen = new LinkedHashMap<>();
        for (NodeId other : runners.keySet()) {
            if (other.equals(node) || fenced.contains(other)) {
                continue;
            }
            try {
                seen.put(other, placements(other));
            } catch (HaException e) {
                throw new OperationRefusedException(HOLDER_UNKNOWN, "cannot tell whether " + other + " holds " + address
                        + " (" + e.getMessage() + "); fence " + other + " and pass it as fenced to move the address",
                        e.retryable(), e);
            }
        }
        return seen;
    }

    /** The entries of the address on {@code node}, on any interface. */
    private List<AddressEntry> placements(NodeId node) {
        return commands.addresses(runners.get(node), node.value()).stream().filter(e -> e.isIpv4(address)).toList();
    }

    private boolean inPlace(AddressEntry entry) {
        return entry.interfaceName().equals(interfaceName) && entry.prefixLength() == prefixLength;
    }

    private static Map<NodeId, List<AddressEntry>> holding(Map<NodeId, List<AddressEntry>> seen) {
        Map<NodeId, List<AddressEntry>> holders = new LinkedHashMap<>();
        seen.forEach((node, entries) -> {
            if (!entries.isEmpty()) {
                holders.put(node, entries);
            }
        });
        return holders;
    }

    private static Map<NodeId, List<AddressEntry>> withTarget(NodeId node, List<AddressEntry> onTarget,
                                                              Map<NodeId, List<AddressEntry>> elsewhere) {
        Map<NodeId, List<AddressEntry>> all = new LinkedHashMap<>(elsewhere);
        if (!onTarget.isEmpty()) {
            all.put(node, onTarget);
        }
        return all;
    }

    private static String describe(Map<NodeId, List<AddressEntry>> holders) {
        if (holders.isEmpty()) {
            return "nobody";
        }
        return holders.entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue().stream().map(AddressEntry::toString)
                        .collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "LinuxFloatingAddress[" + address + "/" + prefixLength + " dev " + interfaceName
                + label.map(l -> " label " + l).orElse("") + ", local " + localNode + ", nodes " + runners.keySet() + "]";
    }

    /** Builds {@link LinuxFloatingAddress}; every value is checked as it is given. Not thread-safe. */
    public static final class Builder {
        private String address;
        private int prefixLength = 32;
        private String interfaceName;
        private String label;
        private NodeId localNode;
        private CommandRunner runner;
        private final Map<NodeId, CommandRunner> peers = new LinkedHashMap<>();
        private String ipProgram = "ip";
        private String arpingProgram = "arping";
        private Duration commandTimeout = Duration.ofSeconds(10);
        private int arpCount = 3;
        private Duration arpInterval = Duration.ofSeconds(1);
        private boolean duplicateCheck;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private Duration verifyTimeout = Duration.ofSeconds(5);
        private Duration verifyInterval = Duration.ofMillis(200);

        private Builder() {
        }

        /** The floating IPv4 address, for example {@code 10.213.0.100}; required. */
        public Builder address(String address) {
            this.address = LinuxNames.ipv4("address", address);
            return this;
        }

        /** Its prefix length on the interface (1-32); 32 unless told otherwise, which adds no subnet route. */
        public Builder prefixLength(int prefixLength) {
            this.prefixLength = LinuxNames.prefixLength("prefixLength", prefixLength);
            return this;
        }

        /** The interface every node carries the address on, for example {@code eth0}; required. */
        public Builder interfaceName(String interfaceName) {
            this.interfaceName = LinuxNames.interfaceName("interfaceName", interfaceName);
            return this;
        }

        /**
         * The address label, for example {@code eth0:ha}: the interface name or the interface name, a colon and
         * a suffix, 15 bytes at most. Checked against the interface when built. None unless told.
         */
        public Builder label(String label) {
            this.label = Objects.requireNonNull(label, "label");
            return this;
        }

        /** The node this object runs on; required. */
        public Builder localNode(NodeId localNode) {
            this.localNode = Objects.requireNonNull(localNode, "localNode");
            return this;
        }

        /** Runs the local node's {@code ip} and {@code arping}; required unless {@link #node} gives one for the local node. */
        public Builder runner(CommandRunner runner) {
            this.runner = Objects.requireNonNull(runner, "runner");
            return this;
        }

        /**
         * A node the address can move to and how its {@code ip} and {@code arping} are run there (an SSH runner,
         * a {@link NetnsCommandRunner}). Given for the local node, it replaces {@link #runner}.
         */
        public Builder node(NodeId node, CommandRunner runner) {
            peers.put(Objects.requireNonNull(node, "node"), Objects.requireNonNull(runner, "runner"));
            return this;
        }

        /** The iproute2 {@code ip} program; {@code ip} on the PATH unless told otherwise. */
        public Builder ipProgram(String program) {
            this.ipProgram = LinuxNames.program("ipProgram", program);
            return this;
        }

        /** The iputils {@code arping} program; {@code arping} on the PATH unless told otherwise. */
        public Builder arpingProgram(String program) {
            this.arpingProgram = LinuxNames.program("arpingProgram", program);
            return this;
        }

        /** How long one {@code ip} command may run; 10 s unless told otherwise. */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = positive("commandTimeout", timeout);
            return this;
        }

        /**
         * Gratuitous ARP after each move: {@code count} requests and {@code count} replies, {@code interval}
         * apart (whole seconds: iputils arping counts in seconds). 3 at 1 s unless told otherwise, which
         * makes an announcement take about 2 s.
         */
        public Builder gratuitousArp(int count, Duration interval) {
            if (count < 1 || count > 100) {
                throw new ConfigurationException("gratuitousArp count: expected 1-100, found " + count);
            }
            positive("gratuitousArp interval", interval);
            if (interval.toNanos() % 1_000_000_000L != 0 || interval.toSeconds() > 60) {
                throw new ConfigurationException("gratuitousArp interval: expected 1-60 whole seconds, found " + interval);
            }
            this.arpCount = count;
            this.arpInterval = interval;
            return this;
        }

        /**
         * Whether {@link LinuxFloatingAddress#assignTo} first asks the segment with {@code arping -D} whether any
         * host, known or not, still answers for the address, and refuses if one does. Costs about a second per
         * move; off unless told.
         */
        public Builder duplicateCheck(boolean enabled) {
            this.duplicateCheck = enabled;
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

        /** How long {@code assignTo} reads back before it gives up; 5 s unless told otherwise. */
        public Builder verifyTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "verifyTimeout");
            if (timeout.isNegative()) {
                throw new ConfigurationException("verifyTimeout: must not be negative: " + timeout);
            }
            this.verifyTimeout = timeout;
            return this;
        }

        /** How often {@code assignTo} reads back while verifying; 200 ms unless told otherwise. */
        public Builder verifyInterval(Duration interval) {
            this.verifyInterval = positive("verifyInterval", interval);
            return this;
        }

        public LinuxFloatingAddress build() {
            return new LinuxFloatingAddress(this);
        }

        private static Duration positive(String what, Duration d) {
            Objects.requireNonNull(d, what);
            if (d.isZero() || d.isNegative()) {
                throw new ConfigurationException(what + ": must be positive, found " + d);
            }
            return d;
        }
    }
}
