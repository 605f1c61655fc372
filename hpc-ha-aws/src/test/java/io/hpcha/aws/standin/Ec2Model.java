package io.hpcha.aws.standin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A small model of one EC2 region: route tables, network interfaces and instances, changed by the
 * actions the stand-in serves the way EC2 changes them (a route's target really changes after
 * {@code ReplaceRoute}; an instance started goes {@code pending}, then {@code running} at the next
 * describe). All methods are synchronized: WireMock serves from several threads.
 */
public final class Ec2Model {
    static final String OWNER = "111122223333";
    static final String VPC = "vpc-0a1b2c3d4e5f60718";
    static final String SUBNET = "subnet-0123456789abcdef0";

    final Map<String, RouteTable> routeTables = new LinkedHashMap<>();
    final Map<String, Eni> enis = new LinkedHashMap<>();
    final Map<String, Instance> instances = new LinkedHashMap<>();
    final Set<String> launchTemplates = new java.util.HashSet<>();
    final Map<String, List<String>> clientTokens = new HashMap<>();
    private Map<String, List<String>> staleAddresses;
    private int staleReadsLeft;
    private Map<String, RouteTable> staleTables;
    private int staleRouteReadsLeft;
    private int serial;

    // ---- route tables -----------------------------------------------------------------------

    /** A route table with the VPC's local route. */
    public synchronized Ec2Model routeTable(String id) {
        RouteTable t = new RouteTable(id);
        t.routes.put("10.0.0.0/16", Route.gateway("10.0.0.0/16", "local", "CreateRouteTable"));
        routeTables.put(id, t);
        return this;
    }

    /** A route for {@code cidr} to {@code eni} in table {@code table}. */
    public synchronized Ec2Model route(String table, String cidr, String eni) {
        routeTables.get(table).routes.put(cidr, Route.eni(cidr, eni));
        return this;
    }

    /** A route for {@code cidr} to a gateway ({@code igw-…}). */
    public synchronized Ec2Model gatewayRoute(String table, String cidr, String gateway) {
        routeTables.get(table).routes.put(cidr, Route.gateway(cidr, gateway, "CreateRoute"));
        return this;
    }

    /** The ENI the route for {@code cidr} in {@code table} points at, null when there is none. */
    public synchronized String routeTarget(String table, String cidr) {
        Route r = routeTables.get(table).routes.get(cidr);
        return r == null ? null : r.eni != null ? r.eni : r.gateway;
    }

    public synchronized boolean hasRoute(String table, String cidr) {
        return routeTables.get(table).routes.containsKey(cidr);
    }

    // ---- network interfaces and instances ----------------------------------------------------

    /** A running instance with one primary interface {@code eni} whose primary address is {@code ip}. */
    public synchronized Instance instance(String id, String eni, String ip) {
        Instance i = new Instance(id, "running");
        i.launchTime = Instant.parse("2025-12-01T08:00:00Z");
        instances.put(id, i);
        if (eni != null) {
            Eni n = new Eni(eni, ip, id);
            enis.put(eni, n);
            i.enis.add(eni);
        }
        return i;
    }

    /** An instance without network details, for fleet scenarios. */
    public synchronized Instance instance(String id) {
        return instance(id, null, null);
    }

    /** {@code count} instances {@code i-…} tagged {@code tags}, named by {@code nodeTag} n00001…; returns their ids. */
    public synchronized List<String> instances(int count, Map<String, String> tags, String nodeTag) {
        List<String> ids = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            String id = nextId("i-");
            Instance i = instance(id);
            i.tags.putAll(tags);
            if (nodeTag != null) {
                i.tags.put(nodeTag, String.format("n%05d", k + 1));
            }
            ids.add(id);
        }
        return ids;
    }

    public synchronized Instance get(String instanceId) {
        return instances.get(instanceId);
    }

    public synchronized String state(String instanceId) {
        return instances.get(instanceId).state;
    }

    /** Deletes an interface: routes to it turn into blackholes. */
    public synchronized void deleteNetworkInterface(String eni) {
        Eni n = enis.remove(eni);
        if (n != null && n.instanceId != null) {
            instances.get(n.instanceId).enis.remove(eni);
        }
    }

    /** The secondary addresses EC2 shows on {@code eni} now. */
    public synchronized List<String> secondaryAddresses(String eni) {
        return List.copyOf(enis.get(eni).secondary);
    }

    public synchronized Ec2Model secondaryAddress(String eni, String ip) {
        enis.get(eni).secondary.add(ip);
        return this;
    }

    /**
     * Eventual consistency: after the next {@code AssignPrivateIpAddresses}, the following {@code reads}
     * {@code DescribeNetworkInterfaces} calls still show the addresses where they were before.
     */
    public synchronized Ec2Model staleReadsAfterAssign(int reads) {
        this.staleReadsLeft = -reads;
        return this;
    }

    /**
     * Eventual consistency: after the next route write, the following {@code reads}
     * {@code DescribeRouteTables} calls still show the routes as they were before it.
     */
    public synchronized Ec2Model staleRouteReadsAfterWrite(int reads) {
        this.staleRouteReadsLeft = -reads;
        return this;
    }

    public synchronized Ec2Model launchTemplate(String idOrName) {
        launchTemplates.add(idOrName);
        return this;
    }

    synchronized String nextId(String prefix) {
        serial++;
        return prefix + String.format("%017x", 0xabc0000000L + serial);
    }

    // ---- serving -------------------------------------------------------------------------------

    /** Serves one Query API request; returns the XML body or throws {@link Ec2ApiError}. */
    synchronized String handle(String action, Map<String, String> p) {
        String requestId = UUID.randomUUID().toString();
        Function<Map<String, String>, String> handler = switch (action) {
            case "DescribeRouteTables" -> q -> Ec2RouteActions.describe(this, q, requestId);
            case "ReplaceRoute" -> q -> Ec2RouteActions.replace(this, q, requestId);
            case "CreateRoute" -> q -> Ec2RouteActions.create(this, q, requestId);
            case "DeleteRoute" -> q -> Ec2RouteActions.delete(this, q, requestId);
            case "DescribeNetworkInterfaces" -> q -> Ec2InterfaceActions.describe(this, q, requestId);
            case "AssignPrivateIpAddresses" -> q -> Ec2InterfaceActions.assign(this, q, requestId);
            case "DescribeInstances" -> q -> Ec2InstanceActions.describe(this, q, requestId);
            case "DescribeInstanceStatus" -> q -> Ec2InstanceActions.describeStatus(this, q, requestId);
            case "StartInstances", "StopInstances", "RebootInstances", "TerminateInstances" ->
                    q -> Ec2InstanceActions.power(this, action, q, requestId);
            case "RunInstances" -> q -> Ec2InstanceActions.run(this, q, requestId);
            case "CreateTags", "DeleteTags" -> q -> Ec2InstanceActions.tags(this, action, q, requestId);
            default -> q -> {
                throw Ec2ApiError.badRequest("InvalidAction", "The action " + action + " is not valid for this web service.");
            };
        };
        return handler.apply(p);
    }

    /** Called by AssignPrivateIpAddresses before it changes anything. */
    void beforeAssign() {
        if (staleReadsLeft < 0) {
            staleAddresses = new HashMap<>();
            enis.forEach((id, n) -> staleAddresses.put(id, List.copyOf(n.secondary)));
            staleReadsLeft = -staleReadsLeft;
        }
    }

    /** Called by the route writes before they change anything. */
    void beforeRouteWrite() {
        if (staleRouteReadsLeft < 0) {
            staleTables = new LinkedHashMap<>();
            routeTables.forEach((id, t) -> {
                RouteTable copy = new RouteTable(id);
                t.routes.forEach((cidr, r) -> copy.routes.put(cidr, r.copy()));
                staleTables.put(id, copy);
            });
            staleRouteReadsLeft = -staleRouteReadsLeft;
        }
    }

    /** The route tables a DescribeRouteTables shows now, stale while reads are left. */
    Map<String, RouteTable> visibleRouteTables() {
        if (staleRouteReadsLeft > 0 && staleTables != null) {
            staleRouteReadsLeft--;
            return staleTables;
        }
        return routeTables;
    }

    /** The secondary addresses a DescribeNetworkInterfaces shows now, stale while reads are left. */
    Function<Eni, List<String>> visibleSecondaries() {
        if (staleReadsLeft > 0 && staleAddresses != null) {
            staleReadsLeft--;
            Map<String, List<String>> stale = staleAddresses;
            return n -> stale.getOrDefault(n.id, List.of());
        }
        return n -> n.secondary;
    }

    /** Transitional states settle one describe after they were shown, as EC2's do after a while. */
    void settle() {
        for (Instance i : instances.values()) {
            if (i.shownTransitional) {
                i.state = switch (i.state) {
                    case "pending" -> "running";
                    case "stopping" -> "stopped";
                    case "shutting-down" -> "terminated";
                    default -> i.state;
                };
                i.shownTransitional = false;
            } else if (Set.of("pending", "stopping", "shutting-down").contains(i.state)) {
                i.shownTransitional = true;
            }
        }
    }

    // ---- the model's records ---------------------------------------------------------------------

    static final class RouteTable {
        final String id;
        final Map<String, Route> routes = new LinkedHashMap<>();

        RouteTable(String id) {
            this.id = id;
        }
    }

    static final class Route {
        final String cidr;
        String eni;
        String gateway;
        final String origin;

        private Route(String cidr, String eni, String gateway, String origin) {
            this.cidr = cidr;
            this.eni = eni;
            this.gateway = gateway;
            this.origin = origin;
        }

        Route copy() {
            return new Route(cidr, eni, gateway, origin);
        }

        static Route eni(String cidr, String eni) {
            return new Route(cidr, eni, null, "CreateRoute");
        }

        static Route gateway(String cidr, String gateway, String origin) {
            return new Route(cidr, null, gateway, origin);
        }
    }

    static final class Eni {
        final String id;
        final String primaryIp;
        final String instanceId;
        final List<String> secondary = new ArrayList<>();
        final String mac;

        Eni(String id, String primaryIp, String instanceId) {
            this.id = id;
            this.primaryIp = primaryIp;
            this.instanceId = instanceId;
            this.mac = "02:" + id.substring(id.length() - 10).replaceAll("(..)(?!$)", "$1:");
        }
    }

    /** An instance; tests set its tags, checks and events directly. */
    public static final class Instance {
        final String id;
        String state;
        boolean shownTransitional;
        final Map<String, String> tags = new LinkedHashMap<>();
        final List<String> enis = new ArrayList<>();
        String systemStatus = "ok";
        String instanceStatus = "ok";
        final List<String[]> events = new ArrayList<>();
        Instant launchTime = Instant.parse("2025-12-01T08:00:00Z");
        String zone = "us-east-1a";

        Instance(String id, String state) {
            this.id = id;
            this.state = state;
        }

        public Instance tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        public Instance state(String state) {
            this.state = state;
            return this;
        }

        public Instance checks(String system, String instance) {
            this.systemStatus = system;
            this.instanceStatus = instance;
            return this;
        }

        /** A scheduled event: {@code code}, {@code description}, start and end. */
        public Instance event(String code, String description, Instant notBefore, Instant notAfter) {
            events.add(new String[]{code, description, Xml.time(notBefore), notAfter == null ? null : Xml.time(notAfter)});
            return this;
        }

        public Map<String, String> tags() {
            return tags;
        }
    }
}
