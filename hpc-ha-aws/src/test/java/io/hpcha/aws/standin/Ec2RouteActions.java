package io.hpcha.aws.standin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** DescribeRouteTables, ReplaceRoute, CreateRoute, DeleteRoute on the model, answered as EC2 answers them. */
final class Ec2RouteActions {
    private Ec2RouteActions() {
    }

    static String describe(Ec2Model m, Map<String, String> p, String requestId) {
        List<String> ids = Form.list(p, "RouteTableId");
        List<Ec2Model.RouteTable> tables = new ArrayList<>();
        Map<String, Ec2Model.RouteTable> visible = m.visibleRouteTables();
        if (ids.isEmpty()) {
            tables.addAll(visible.values());
        }
        for (String id : ids) {
            table(m, id);
            tables.add(visible.get(id));
        }
        Xml x = Xml.response("DescribeRouteTables", requestId).open("routeTableSet");
        for (Ec2Model.RouteTable t : tables) {
            x.open("item").el("routeTableId", t.id).el("vpcId", Ec2Model.VPC).el("ownerId", Ec2Model.OWNER).open("routeSet");
            for (Ec2Model.Route r : t.routes.values()) {
                x.open("item").el("destinationCidrBlock", r.cidr);
                if (r.gateway != null) {
                    x.el("gatewayId", r.gateway).el("state", "active");
                } else {
                    Ec2Model.Eni eni = m.enis.get(r.eni);
                    Ec2Model.Instance owner = eni == null || eni.instanceId == null ? null : m.instances.get(eni.instanceId);
                    if (owner != null) {
                        x.el("instanceId", owner.id).el("instanceOwnerId", Ec2Model.OWNER);
                    }
                    boolean active = owner != null && (owner.state.equals("running") || owner.state.equals("pending"));
                    x.el("networkInterfaceId", r.eni).el("state", active ? "active" : "blackhole");
                }
                x.el("origin", r.origin).close("item");
            }
            x.close("routeSet").raw("<associationSet/><propagatingVgwSet/><tagSet/>").close("item");
        }
        return x.close("routeTableSet").end("DescribeRouteTables");
    }

    static String replace(Ec2Model m, Map<String, String> p, String requestId) {
        Ec2Model.RouteTable t = table(m, p.get("RouteTableId"));
        String cidr = p.get("DestinationCidrBlock");
        Ec2Model.Route r = t.routes.get(cidr);
        if (r == null) {
            throw Ec2ApiError.badRequest("InvalidParameterValue",
                    "There is no route defined for '" + cidr + "' in the route table. Use CreateRoute instead.");
        }
        m.beforeRouteWrite();
        String eni = p.get("NetworkInterfaceId");
        if (eni != null) {
            requireEni(m, eni);
            r.eni = eni;
            r.gateway = null;
        } else if (p.get("GatewayId") != null) {
            r.gateway = p.get("GatewayId");
            r.eni = null;
        } else {
            throw Ec2ApiError.badRequest("MissingParameter", "The request must contain exactly one of gatewayId, "
                    + "natGatewayId, networkInterfaceId, vpcPeeringConnectionId or instanceId");
        }
        return returnTrue("ReplaceRoute", requestId);
    }

    static String create(Ec2Model m, Map<String, String> p, String requestId) {
        Ec2Model.RouteTable t = table(m, p.get("RouteTableId"));
        String cidr = p.get("DestinationCidrBlock");
        if (t.routes.containsKey(cidr)) {
            throw Ec2ApiError.badRequest("RouteAlreadyExists", "The route identified by " + cidr + " already exists.");
        }
        String eni = p.get("NetworkInterfaceId");
        requireEni(m, eni);
        m.beforeRouteWrite();
        t.routes.put(cidr, Ec2Model.Route.eni(cidr, eni));
        return returnTrue("CreateRoute", requestId);
    }

    static String delete(Ec2Model m, Map<String, String> p, String requestId) {
        Ec2Model.RouteTable t = table(m, p.get("RouteTableId"));
        String cidr = p.get("DestinationCidrBlock");
        if (t.routes.remove(cidr) == null) {
            throw Ec2ApiError.badRequest("InvalidRoute.NotFound", "no route with destination-cidr-block " + cidr
                    + " in route table " + t.id);
        }
        return returnTrue("DeleteRoute", requestId);
    }

    static String returnTrue(String action, String requestId) {
        return Xml.response(action, requestId).el("return", "true").end(action);
    }

    private static Ec2Model.RouteTable table(Ec2Model m, String id) {
        Ec2Model.RouteTable t = m.routeTables.get(id);
        if (t == null) {
            throw Ec2ApiError.badRequest("InvalidRouteTableID.NotFound", "The routeTable ID '" + id + "' does not exist");
        }
        return t;
    }

    private static void requireEni(Ec2Model m, String eni) {
        if (!m.enis.containsKey(eni)) {
            throw Ec2ApiError.badRequest("InvalidNetworkInterfaceID.NotFound", "The networkInterface ID '" + eni + "' does not exist");
        }
    }
}
