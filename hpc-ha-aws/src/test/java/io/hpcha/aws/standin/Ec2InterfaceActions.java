package io.hpcha.aws.standin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** DescribeNetworkInterfaces and AssignPrivateIpAddresses on the model. */
final class Ec2InterfaceActions {
    private Ec2InterfaceActions() {
    }

    static String describe(Ec2Model m, Map<String, String> p, String requestId) {
        List<String> ids = Form.list(p, "NetworkInterfaceId");
        List<Ec2Model.Eni> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids.isEmpty() ? List.copyOf(m.enis.keySet()) : ids) {
            Ec2Model.Eni n = m.enis.get(id);
            if (n == null) {
                missing.add(id);
            } else {
                found.add(n);
            }
        }
        if (!missing.isEmpty()) {
            throw Ec2ApiError.badRequest("InvalidNetworkInterfaceID.NotFound", missing.size() == 1
                    ? "The networkInterface ID '" + missing.get(0) + "' does not exist"
                    : "The networkInterface IDs '" + String.join(", ", missing) + "' do not exist");
        }
        Function<Ec2Model.Eni, List<String>> secondaries = m.visibleSecondaries();
        Xml x = Xml.response("DescribeNetworkInterfaces", requestId).open("networkInterfaceSet");
        for (Ec2Model.Eni n : found) {
            x.open("item").el("networkInterfaceId", n.id).el("subnetId", Ec2Model.SUBNET).el("vpcId", Ec2Model.VPC)
                    .el("availabilityZone", "us-east-1a").el("description", "").el("ownerId", Ec2Model.OWNER)
                    .el("requesterManaged", "false").el("status", n.instanceId == null ? "available" : "in-use")
                    .el("macAddress", n.mac).el("privateIpAddress", n.primaryIp)
                    .el("sourceDestCheck", "false")
                    .raw("<groupSet><item><groupId>sg-0123456789abcdef0</groupId><groupName>hpc-controllers</groupName></item></groupSet>");
            if (n.instanceId != null) {
                x.open("attachment").el("attachmentId", "eni-attach-" + n.id.substring(4)).el("instanceId", n.instanceId)
                        .el("instanceOwnerId", Ec2Model.OWNER).el("deviceIndex", "0").el("status", "attached")
                        .el("attachTime", "2025-12-01T08:00:00.000Z").el("deleteOnTermination", "true").close("attachment");
            }
            x.raw("<tagSet/>").open("privateIpAddressesSet");
            x.open("item").el("privateIpAddress", n.primaryIp).el("primary", "true").close("item");
            for (String ip : secondaries.apply(n)) {
                x.open("item").el("privateIpAddress", ip).el("primary", "false").close("item");
            }
            x.close("privateIpAddressesSet").raw("<ipv6AddressesSet/><interfaceType>interface</interfaceType>").close("item");
        }
        return x.close("networkInterfaceSet").end("DescribeNetworkInterfaces");
    }

    static String assign(Ec2Model m, Map<String, String> p, String requestId) {
        String id = p.get("NetworkInterfaceId");
        Ec2Model.Eni target = m.enis.get(id);
        if (target == null) {
            throw Ec2ApiError.badRequest("InvalidNetworkInterfaceID.NotFound", "The networkInterface ID '" + id + "' does not exist");
        }
        List<String> addresses = Form.list(p, "PrivateIpAddress");
        boolean reassign = "true".equals(p.get("AllowReassignment"));
        for (String ip : addresses) {
            for (Ec2Model.Eni other : m.enis.values()) {
                if (other != target && (other.secondary.contains(ip) || ip.equals(other.primaryIp))) {
                    if (!reassign || ip.equals(other.primaryIp)) {
                        throw Ec2ApiError.badRequest("InvalidParameterValue", "Address " + ip + " is in use.");
                    }
                }
            }
        }
        m.beforeAssign();
        Xml x = Xml.response("AssignPrivateIpAddresses", requestId).el("networkInterfaceId", id).open("assignedPrivateIpAddressesSet");
        for (String ip : addresses) {
            m.enis.values().forEach(other -> other.secondary.remove(ip));
            target.secondary.add(ip);
            x.open("item").el("privateIpAddress", ip).close("item");
        }
        return x.close("assignedPrivateIpAddressesSet").raw("<assignedIpv4PrefixSet/>").el("return", "true")
                .end("AssignPrivateIpAddresses");
    }
}
