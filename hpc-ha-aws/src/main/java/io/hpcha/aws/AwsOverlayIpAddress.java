package io.hpcha.aws;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.FloatingAddress;
import io.hpcha.HaException;
import io.hpcha.NodeId;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.aws.internal.Ec2Calls;
import io.hpcha.aws.internal.Ec2Ids;
import io.hpcha.aws.internal.HaExceptions;
import io.hpcha.aws.internal.RouteTarget;
import io.hpcha.spi.Await;
import io.hpcha.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;

/**
 * An overlay address: an IPv4 address outside the VPC's CIDR that clients reach through a
 * {@code address/32} route in each of the given VPC route tables. Moving it rewrites those routes
 * ({@code ReplaceRoute}) to the target node's network interface: always by ENI id, never by
 * instance id, so that a route never follows an instance's other interface by accident.
 *
 * <pre>{@code
 * AwsOverlayIpAddress.builder().ec2(ec2)
 *     .address("192.168.2.50")
 *     .routeTables(List.of("rtb-0a1b2c3d4e5f60718", "rtb-0f1e2d3c4b5a69788"))
 *     .networkInterface(new NodeId("ctl1"), "eni-0123456789abcdef0")
 *     .networkInterface(new NodeId("ctl2"), "eni-0fedcba9876543210")
 *     .build();
 * }</pre>
 *
 * <p>{@link #holder()} reads every table with one {@code DescribeRouteTables} call each time; tables
 * that disagree, a blackhole route or a route to an unknown target raise
 * {@link InconsistentRoutesException}. {@link #assignTo} writes only the tables that do not already
 * point at the target (none: nothing is written), then reads them back until they all do. If a write
 * fails, the tables already moved are moved back, and the exception (of the same kind as the failure)
 * says which table points where. A missing route is an error before anything is written, unless the
 * address was built with {@code createMissingRoute(true)}.
 *
 * <p>Prerequisites: source/destination checking off on the interfaces, the address outside the VPC CIDR
 * (see docs/aws.md). Thread-safe; moves through one instance are serialized.
 */
public final class AwsOverlayIpAddress implements FloatingAddress {
    private static final Logger LOG = LoggerFactory.getLogger(AwsOverlayIpAddress.class);

    private final Ec2Calls calls;
    private final String address;
    private final String cidr;
    private final List<String> routeTables;
    private final NetworkInterfaceDirectory directory;
    private final boolean createMissingRoute;
    private final Await verify;
    private final Object moveLock = new Object();

    private AwsOverlayIpAddress(Builder b) {
        if (b.ec2 == null) {
            throw new ConfigurationException("AwsOverlayIpAddress: ec2 client missing");
        }
        if (b.address == null) {
            throw new ConfigurationException("AwsOverlayIpAddress: address missing");
        }
        if (b.routeTables.isEmpty()) {
            throw new ConfigurationException("AwsOverlayIpAddress: no route tables");
        }
        if (b.directory != null && !b.listed.isEmpty()) {
            throw new ConfigurationException("AwsOverlayIpAddress: give networkInterface(..) entries or a directory, not both");
        }
        if (b.directory == null && b.listed.size() < 1) {
            throw new ConfigurationException("AwsOverlayIpAddress: no network interfaces; add networkInterface(node, eni)");
        }
        this.calls = new Ec2Calls(b.ec2, b.callSettings);
        this.address = b.address;
        this.cidr = b.address + "/32";
        this.routeTables = List.copyOf(b.routeTables);
        this.directory = b.directory != null ? b.directory : NetworkInterfaceDirectory.of(b.listed);
        this.createMissingRoute = b.createMissingRoute;
        this.verify = Await.of(b.clock, b.sleeper, b.verifyTimeout, b.verifyInterval);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String address() {
        return address;
    }

    /** The route tables this address is routed through, in the order they are written. */
    public List<String> routeTables() {
        return routeTables;
    }

    @Override
    public Optional<NodeId> holder() {
        Map<String, RouteTarget> targets = readRoutes();
        Set<String> enis = targets.values().stream().map(RouteTarget::networkInterfaceId).flatMap(Optional::stream)
                .collect(Collectors.toSet());
        if (!directory.interfaces().values().containsAll(enis)) {
            directory.refresh();
        }
        return judge(targets, directory.interfaces());
    }

    @Override
    public void assignTo(NodeId node) {
        Objects.requireNonNull(node, "node");
        synchronized (moveLock) {
            String eni = interfaceOf(node);
            Map<String, RouteTarget> before = readRoutes();
            List<RouteTarget> toMove = before.values().stream().filter(t -> !t.pointsAt(eni)).toList();
            if (toMove.isEmpty()) {
                LOG.debug("{} already routed to {} ({}) in {}", cidr, node, eni, routeTables);
                return;
            }
            List<String> missing = toMove.stream().filter(t -> !t.present()).map(RouteTarget::table).toList();
            if (!missing.isEmpty() && !createMissingRoute) {
                throw new NotFoundException("route " + cidr + " does not exist in " + missing + " (" + describe(before)
                        + "); create it with CreateRoute, or build the address with createMissingRoute(true)");
            }
            LOG.info("moving {} to {} ({}) in {}", cidr, node, eni, toMove.stream().map(RouteTarget::table).toList());
            move(node, eni, toMove, before);
            verifyMoved(node, eni);
            LOG.info("{} now routed to {} ({}) in all of {}", cidr, node, eni, routeTables);
        }
    }

    private String interfaceOf(NodeId node) {
        String eni = directory.interfaces().get(node);
        if (eni == null) {
            directory.refresh();
            eni = directory.interfaces().get(node);
        }
        if (eni == null) {
            throw new NotFoundException("no network interface known for node " + node + "; known: "
                    + directory.interfaces().keySet());
        }
        return eni;
    }

    private void move(NodeId node, String eni, List<RouteTarget> toMove, Map<String, RouteTarget> before) {
        List<RouteTarget> done = new ArrayList<>();
        for (RouteTarget table : toMove) {
            try {
                write(table, eni);
                done.add(table);
            } catch (HaException e) {
                List<String> restored = new ArrayList<>();
                List<String> problems = rollBack(done, restored);
                String now = describeNow(before);
                throw HaExceptions.withMessage(e, "moving " + cidr + " to " + node + " (" + eni + ") failed at "
                        + table.table() + ": " + e.getMessage() + "; "
                        + (done.isEmpty() ? "no table had been changed" : "moved back " + restored)
                        + (problems.isEmpty() ? "" : "; could not move back " + problems)
                        + "; route tables now: " + now);
            }
        }
    }

    private void write(RouteTarget table, String eni) {
        if (table.present()) {
            try {
                replaceRoute(table.table(), eni);
                return;
            } catch (MissingRouteException missing) {
                if (!createMissingRoute) {
                    throw missing;
                }
                // the route vanished between the read and the write: create it as configured
            }
        }
        calls.call("CreateRoute", c -> c.ec2().createRoute(r -> r.routeTableId(table.table())
                .destinationCidrBlock(cidr).networkInterfaceId(eni).overrideConfiguration(c.override())));
    }

    private void replaceRoute(String table, String eni) {
        try {
            calls.call("ReplaceRoute", c -> c.ec2().replaceRoute(r -> r.routeTableId(table)
                    .destinationCidrBlock(cidr).networkInterfaceId(eni).overrideConfiguration(c.override())));
        } catch (OperationRefusedException e) {
            // EC2 answers a ReplaceRoute of a route that does not exist with InvalidParameterValue
            if ("InvalidParameterValue".equals(e.code()) && e.getMessage().contains("no route")) {
                throw new MissingRouteException("route " + cidr + " does not exist in " + table + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * Puts the tables in {@code done} back as they were, newest first; adds those restored to
     * {@code restored} and returns those that could not be, with why.
     */
    private List<String> rollBack(List<RouteTarget> done, List<String> restored) {
        List<String> problems = new ArrayList<>();
        for (int i = done.size() - 1; i >= 0; i--) {
            RouteTarget previous = done.get(i);
            try {
                if (previous.route().isEmpty()) {
                    calls.call("DeleteRoute", c -> c.ec2().deleteRoute(r -> r.routeTableId(previous.table())
                            .destinationCidrBlock(cidr).overrideConfiguration(c.override())));
                } else if (previous.networkInterfaceId().isPresent()) {
                    replaceRoute(previous.table(), previous.networkInterfaceId().get());
                } else if (previous.route().get().gatewayId() != null) {
                    String gateway = previous.route().get().gatewayId();
                    calls.call("ReplaceRoute", c -> c.ec2().replaceRoute(r -> r.routeTableId(previous.table())
                            .destinationCidrBlock(cidr).gatewayId(gateway).overrideConfiguration(c.override())));
                } else {
                    problems.add(previous.table() + " (it pointed at " + previous.otherTarget().orElse("?") + ")");
                    continue;
                }
                restored.add(previous.table());
                LOG.warn("moved {} in {} back to {}", cidr, previous.table(), describe(previous));
            } catch (HaException e) {
                LOG.error("could not move {} in {} back to {}: {}", cidr, previous.table(), describe(previous), e.getMessage());
                problems.add(previous.table() + " (" + e.getMessage() + ")");
            }
        }
        return problems;
    }

    private void verifyMoved(NodeId node, String eni) {
        Map<String, RouteTarget> last = new LinkedHashMap<>();
        try {
            verify.until(cidr + " routed to " + node + " (" + eni + ") in " + routeTables, () -> {
                last.clear();
                last.putAll(readRoutes());
                return last.values().stream().allMatch(t -> t.pointsAt(eni));
            });
        } catch (BackendUnavailableException e) {
            throw new BackendUnavailableException(e.getMessage() + "; route tables last read: "
                    + (last.isEmpty() ? "unknown" : describe(last)), e);
        }
    }

    private Map<String, RouteTarget> readRoutes() {
        DescribeRouteTablesResponse response = calls.call("DescribeRouteTables", c -> c.ec2().describeRouteTables(r -> r
                .routeTableIds(routeTables).overrideConfiguration(c.override())));
        Map<String, RouteTable> byId = new LinkedHashMap<>();
        for (RouteTable t : response.routeTables()) {
            byId.put(t.routeTableId(), t);
        }
        Map<String, RouteTarget> targets = new LinkedHashMap<>();
        for (String id : routeTables) {
            RouteTable t = byId.get(id);
            if (t == null) {
                throw new UnexpectedOutputException("DescribeRouteTables did not return route table " + id,
                        String.valueOf(byId.keySet()));
            }
            List<Route> matching = t.routes().stream().filter(r -> cidr.equals(r.destinationCidrBlock())).toList();
            if (matching.size() > 1) {
                throw new UnexpectedOutputException("route table " + id + " holds " + matching.size() + " routes for "
                        + cidr, matching.toString());
            }
            targets.put(id, new RouteTarget(id, matching.stream().findFirst()));
        }
        return targets;
    }

    private Optional<NodeId> judge(Map<String, RouteTarget> targets, Map<NodeId, String> interfaces) {
        if (targets.values().stream().noneMatch(RouteTarget::present)) {
            return Optional.empty();
        }
        Set<NodeId> holders = new LinkedHashSet<>();
        boolean consistent = true;
        for (RouteTarget t : targets.values()) {
            Optional<NodeId> node = t.networkInterfaceId().flatMap(this::nodeOfInterface);
            if (node.isEmpty() || !"active".equals(t.state().orElse(""))) {
                consistent = false;
            }
            node.ifPresent(holders::add);
        }
        if (consistent && holders.size() == 1) {
            return Optional.of(holders.iterator().next());
        }
        Map<String, String> words = new LinkedHashMap<>();
        targets.values().forEach(t -> words.put(t.table(), describe(t)));
        throw new InconsistentRoutesException("the route tables of " + cidr + " do not agree on one active holder", words);
    }

    private Optional<NodeId> nodeOfInterface(String eni) {
        return directory.nodeOf(eni);
    }

    private String describeNow(Map<String, RouteTarget> fallback) {
        try {
            return describe(readRoutes());
        } catch (HaException e) {
            return "could not be read again (" + e.getMessage() + "); before the move: " + describe(fallback);
        }
    }

    private String describe(Map<String, RouteTarget> targets) {
        return targets.values().stream().map(t -> t.table() + " -> " + describe(t)).collect(Collectors.joining("; "));
    }

    private String describe(RouteTarget t) {
        if (!t.present()) {
            return "no route";
        }
        String state = t.state().orElse("?");
        if (t.networkInterfaceId().isPresent()) {
            String eni = t.networkInterfaceId().get();
            return eni + " (" + nodeOfInterface(eni).map(NodeId::value).orElse("not a configured node") + "), " + state;
        }
        return t.otherTarget().orElse("?") + " (not a network interface), " + state;
    }

    /** EC2 has no route for the address in a table: told apart from an unknown table or interface. */
    private static final class MissingRouteException extends NotFoundException {
        private static final long serialVersionUID = 1L;

        MissingRouteException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public String toString() {
        return "AwsOverlayIpAddress[" + cidr + " via " + routeTables + ", " + directory + "]";
    }

    /** Builds {@link AwsOverlayIpAddress}; not thread-safe. */
    public static final class Builder {
        private Ec2Client ec2;
        private AwsCallSettings callSettings = AwsCallSettings.defaults();
        private String address;
        private final List<String> routeTables = new ArrayList<>();
        private final Map<NodeId, String> listed = new LinkedHashMap<>();
        private NetworkInterfaceDirectory directory;
        private boolean createMissingRoute;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private Duration verifyTimeout = Duration.ofSeconds(30);
        private Duration verifyInterval = Duration.ofSeconds(1);

        private Builder() {
        }

        public Builder ec2(Ec2Client ec2) {
            this.ec2 = Objects.requireNonNull(ec2, "ec2");
            return this;
        }

        /** Retry strategy and timeouts of every EC2 call; {@link AwsCallSettings#defaults()} unless told otherwise. */
        public Builder callSettings(AwsCallSettings callSettings) {
            this.callSettings = Objects.requireNonNull(callSettings, "callSettings");
            return this;
        }

        /** The overlay IPv4 address; it must lie outside the VPC's CIDR. */
        public Builder address(String address) {
            this.address = Ec2Ids.ipv4("address", address);
            return this;
        }

        /** The route tables that carry the {@code address/32} route, written in this order. */
        public Builder routeTables(List<String> routeTables) {
            this.routeTables.clear();
            for (String t : routeTables) {
                Ec2Ids.routeTableId("routeTables", t);
                if (this.routeTables.contains(t)) {
                    throw new ConfigurationException("routeTables: " + t + " listed twice");
                }
                this.routeTables.add(t);
            }
            return this;
        }

        /** The interface {@code node} receives the address on. */
        public Builder networkInterface(NodeId node, String eni) {
            Objects.requireNonNull(node, "node");
            Ec2Ids.networkInterfaceId("network interface of " + node, eni);
            listed.put(node, eni);
            return this;
        }

        /** Node interfaces from a directory, for example {@link TaggedNetworkInterfaces}, instead of listed ones. */
        public Builder networkInterfaces(NetworkInterfaceDirectory directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Whether a missing route is created ({@code CreateRoute}) instead of reported; false unless told otherwise. */
        public Builder createMissingRoute(boolean create) {
            this.createMissingRoute = create;
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

        /** How long {@link #assignTo} reads the tables back before it gives up; 30 s unless told otherwise. */
        public Builder verifyTimeout(Duration timeout) {
            this.verifyTimeout = Objects.requireNonNull(timeout, "verifyTimeout");
            return this;
        }

        /** How often the tables are read back while verifying; 1 s unless told otherwise. */
        public Builder verifyInterval(Duration interval) {
            this.verifyInterval = Objects.requireNonNull(interval, "verifyInterval");
            return this;
        }

        public AwsOverlayIpAddress build() {
            return new AwsOverlayIpAddress(this);
        }
    }
}
