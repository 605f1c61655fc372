package io.hpcha.aws.standin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The instance actions on the model: describe (paginated), status (paginated), power, run, tags. */
final class Ec2InstanceActions {
    private static final Set<String> DESCRIBE_FILTERS = Set.of("tag-key", "instance-state-name", "instance-id");
    private static final Set<String> STATUS_FILTERS = Set.of("availability-zone", "instance-state-name");

    private Ec2InstanceActions() {
    }

    static String describe(Ec2Model m, Map<String, String> p, String requestId) {
        List<String> ids = Form.list(p, "InstanceId");
        Map<String, List<String>> filters = Form.filters(p);
        filters.keySet().forEach(f -> {
            if (!f.startsWith("tag:") && !DESCRIBE_FILTERS.contains(f)) {
                throw Ec2ApiError.badRequest("InvalidParameterValue", "The filter '" + f + "' is invalid");
            }
        });
        List<Ec2Model.Instance> selected = select(m, ids, filters);
        Page page = page(p, selected.size(), !ids.isEmpty());
        Xml x = Xml.response("DescribeInstances", requestId).open("reservationSet");
        for (Ec2Model.Instance i : selected.subList(page.from, page.to)) {
            x.open("item").el("reservationId", "r-" + i.id.substring(2)).el("ownerId", Ec2Model.OWNER).raw("<groupSet/>")
                    .open("instancesSet").open("item");
            instance(m, x, i);
            x.close("item").close("instancesSet").close("item");
        }
        x.close("reservationSet").opt("nextToken", page.nextToken);
        String body = x.end("DescribeInstances");
        m.settle();
        return body;
    }

    static String describeStatus(Ec2Model m, Map<String, String> p, String requestId) {
        List<String> ids = Form.list(p, "InstanceId");
        Map<String, List<String>> filters = Form.filters(p);
        filters.keySet().forEach(f -> {
            if (!STATUS_FILTERS.contains(f)) {
                throw Ec2ApiError.badRequest("InvalidParameterValue", "The filter '" + f + "' is invalid");
            }
        });
        boolean all = "true".equals(p.get("IncludeAllInstances"));
        List<Ec2Model.Instance> selected = new ArrayList<>();
        for (Ec2Model.Instance i : select(m, ids, Map.of())) {
            boolean zone = !filters.containsKey("availability-zone") || filters.get("availability-zone").contains(i.zone);
            boolean state = !filters.containsKey("instance-state-name") || filters.get("instance-state-name").contains(i.state);
            if ((all || i.state.equals("running")) && zone && state) {
                selected.add(i);
            }
        }
        Page page = page(p, selected.size(), !ids.isEmpty());
        Xml x = Xml.response("DescribeInstanceStatus", requestId).open("instanceStatusSet");
        for (Ec2Model.Instance i : selected.subList(page.from, page.to)) {
            boolean running = i.state.equals("running");
            x.open("item").el("instanceId", i.id).el("availabilityZone", i.zone);
            Ec2Shapes.state(x, "instanceState", i.state);
            Ec2Shapes.summary(x, "systemStatus", running ? i.systemStatus : "not-applicable");
            Ec2Shapes.summary(x, "instanceStatus", running ? i.instanceStatus : "not-applicable");
            if (!i.events.isEmpty()) {
                x.open("eventsSet");
                int n = 0;
                for (String[] e : i.events) {
                    x.open("item").el("instanceEventId", "instance-event-0" + (++n) + "abcdef012345")
                            .el("code", e[0]).el("description", e[1]).el("notBefore", e[2]).opt("notAfter", e[3])
                            .close("item");
                }
                x.close("eventsSet");
            }
            x.close("item");
        }
        x.close("instanceStatusSet").opt("nextToken", page.nextToken);
        String body = x.end("DescribeInstanceStatus");
        m.settle();
        return body;
    }

    static String power(Ec2Model m, String action, Map<String, String> p, String requestId) {
        List<String> ids = Form.list(p, "InstanceId");
        List<Ec2Model.Instance> targets = select(m, ids, Map.of());
        if (action.equals("RebootInstances")) {
            for (Ec2Model.Instance i : targets) {
                if (i.state.equals("terminated")) {
                    throw Ec2ApiError.badRequest("IncorrectInstanceState", "The instance '" + i.id
                            + "' is not in a state from which it can be rebooted.");
                }
            }
            return Ec2RouteActions.returnTrue(action, requestId);
        }
        for (Ec2Model.Instance i : targets) {
            if (action.equals("StartInstances") && i.state.equals("terminated")) {
                throw Ec2ApiError.badRequest("IncorrectInstanceState", "The instance '" + i.id
                        + "' is not in a state from which it can be started.");
            }
        }
        Xml x = Xml.response(action, requestId).open("instancesSet");
        for (Ec2Model.Instance i : targets) {
            String before = i.state;
            String after = switch (action) {
                case "StartInstances" -> before.equals("stopped") ? "pending" : before;
                case "StopInstances" -> before.equals("running") || before.equals("pending") ? "stopping" : before;
                default -> before.equals("terminated") ? "terminated" : "shutting-down";
            };
            i.state = after;
            i.shownTransitional = false;
            x.open("item").el("instanceId", i.id);
            Ec2Shapes.state(x, "currentState", after);
            Ec2Shapes.state(x, "previousState", before);
            x.close("item");
        }
        return x.close("instancesSet").end(action);
    }

    static String run(Ec2Model m, Map<String, String> p, String requestId) {
        String template = p.getOrDefault("LaunchTemplate.LaunchTemplateId", p.get("LaunchTemplate.LaunchTemplateName"));
        if (template == null || !m.launchTemplates.contains(template)) {
            if (p.containsKey("LaunchTemplate.LaunchTemplateId")) {
                throw Ec2ApiError.badRequest("InvalidLaunchTemplateId.NotFound",
                        "The specified launch template, with template ID " + template + ", does not exist.");
            }
            throw Ec2ApiError.badRequest("InvalidLaunchTemplateName.NotFoundException",
                    "The specified launch template, with template name " + template + ", does not exist.");
        }
        int count = Integer.parseInt(p.getOrDefault("MaxCount", "1"));
        String token = p.get("ClientToken");
        List<String> ids = token == null ? null : m.clientTokens.get(token);
        if (ids == null) {
            Map<String, String> tags = "instance".equals(p.get("TagSpecification.1.ResourceType"))
                    ? Form.tags(p, "TagSpecification.1.Tag") : Map.of();
            ids = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                String id = m.nextId("i-");
                Ec2Model.Instance i = m.instance(id).state("pending");
                i.tags.putAll(tags);
                ids.add(id);
            }
            if (token != null) {
                m.clientTokens.put(token, ids);
            }
        }
        Xml x = Xml.response("RunInstances", requestId).el("reservationId", "r-" + ids.get(0).substring(2))
                .el("ownerId", Ec2Model.OWNER).raw("<groupSet/>").open("instancesSet");
        for (String id : ids) {
            x.open("item");
            instance(m, x, m.instances.get(id));
            x.close("item");
        }
        return x.close("instancesSet").end("RunInstances");
    }

    static String tags(Ec2Model m, String action, Map<String, String> p, String requestId) {
        List<Ec2Model.Instance> targets = select(m, Form.list(p, "ResourceId"), Map.of());
        Map<String, String> tags = Form.tags(p, "Tag");
        for (Ec2Model.Instance i : targets) {
            tags.forEach((k, v) -> {
                if (action.equals("CreateTags")) {
                    i.tags.put(k, v == null ? "" : v);
                } else if (v == null || v.equals(i.tags.get(k))) {
                    i.tags.remove(k);
                }
            });
        }
        return Ec2RouteActions.returnTrue(action, requestId);
    }

    private static List<Ec2Model.Instance> select(Ec2Model m, List<String> ids, Map<String, List<String>> filters) {
        List<Ec2Model.Instance> out = new ArrayList<>();
        if (!ids.isEmpty()) {
            List<String> missing = ids.stream().filter(id -> !m.instances.containsKey(id)).toList();
            if (!missing.isEmpty()) {
                throw Ec2ApiError.badRequest("InvalidInstanceID.NotFound", missing.size() == 1
                        ? "The instance ID '" + missing.get(0) + "' does not exist"
                        : "The instance IDs '" + String.join(", ", missing) + "' do not exist");
            }
        }
        for (Ec2Model.Instance i : ids.isEmpty() ? m.instances.values() : ids.stream().map(m.instances::get).toList()) {
            if (matches(i, filters)) {
                out.add(i);
            }
        }
        return out;
    }

    private static boolean matches(Ec2Model.Instance i, Map<String, List<String>> filters) {
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            String name = f.getKey();
            List<String> values = f.getValue();
            boolean ok;
            if (name.startsWith("tag:")) {
                ok = values.contains(i.tags.get(name.substring(4)));
            } else if (name.equals("tag-key")) {
                ok = values.stream().anyMatch(i.tags::containsKey);
            } else if (name.equals("instance-state-name")) {
                ok = values.contains(i.state);
            } else {
                ok = values.contains(i.id);
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private record Page(int from, int to, String nextToken) {
    }

    /** MaxResults / NextToken paging with EC2's rules: 5..1000, not together with explicit ids. */
    private static Page page(Map<String, String> p, int total, boolean explicitIds) {
        String max = p.get("MaxResults");
        if (max == null) {
            return new Page(0, total, null);
        }
        if (explicitIds) {
            throw Ec2ApiError.badRequest("InvalidParameterCombination",
                    "The parameter instancesSet cannot be used with the parameter maxResults");
        }
        int size = Integer.parseInt(max);
        if (size < 5 || size > 1000) {
            throw Ec2ApiError.badRequest("InvalidParameterValue", "Value ( " + size
                    + " ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.");
        }
        int from = 0;
        String token = p.get("NextToken");
        if (token != null) {
            try {
                String json = new String(java.util.Base64.getDecoder().decode(token), java.nio.charset.StandardCharsets.UTF_8);
                from = Integer.parseInt(json.replaceFirst("^\\{\"offset\":(\\d+)}$", "$1"));
            } catch (IllegalArgumentException e) {
                throw Ec2ApiError.badRequest("InvalidParameterValue", "Invalid value '" + token + "' for nextToken");
            }
        }
        int to = Math.min(total, from + size);
        String next = to < total
                ? java.util.Base64.getEncoder().encodeToString(("{\"offset\":" + to + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                : null;
        return new Page(from, to, next);
    }

    private static void instance(Ec2Model m, Xml x, Ec2Model.Instance i) {
        x.el("instanceId", i.id).el("imageId", "ami-0abcdef1234567890");
        Ec2Shapes.state(x, "instanceState", i.state);
        String ip = i.enis.isEmpty() ? "10.0.1." + (Math.abs(i.id.hashCode()) % 250 + 4) : m.enis.get(i.enis.get(0)).primaryIp;
        x.el("privateDnsName", "ip-" + ip.replace('.', '-') + ".ec2.internal").el("dnsName", "");
        x.el("reason", i.state.equals("stopped") ? "User initiated (2026-01-01 00:00:00 GMT)" : "");
        x.el("amiLaunchIndex", "0").raw("<productCodes/>").el("instanceType", "c5.large")
                .el("launchTime", Xml.time(i.launchTime))
                .open("placement").el("availabilityZone", i.zone).el("groupName", "").el("tenancy", "default").close("placement")
                .open("monitoring").el("state", "disabled").close("monitoring")
                .el("subnetId", Ec2Model.SUBNET).el("vpcId", Ec2Model.VPC).el("privateIpAddress", ip)
                .el("sourceDestCheck", "true")
                .raw("<groupSet><item><groupId>sg-0123456789abcdef0</groupId><groupName>hpc-compute</groupName></item></groupSet>");
        if (i.state.equals("stopped")) {
            x.open("stateReason").el("code", "Client.UserInitiatedShutdown")
                    .el("message", "Client.UserInitiatedShutdown: User initiated shutdown").close("stateReason");
        }
        x.el("architecture", "x86_64").el("rootDeviceType", "ebs").el("rootDeviceName", "/dev/xvda")
                .raw("<blockDeviceMapping/>").el("virtualizationType", "hvm").el("clientToken", "");
        x.open("tagSet");
        i.tags.forEach((k, v) -> x.open("item").el("key", k).el("value", v).close("item"));
        x.close("tagSet").el("hypervisor", "xen").open("networkInterfaceSet");
        for (String eniId : i.enis) {
            Ec2Model.Eni n = m.enis.get(eniId);
            x.open("item").el("networkInterfaceId", n.id).el("subnetId", Ec2Model.SUBNET).el("vpcId", Ec2Model.VPC)
                    .el("description", "").el("ownerId", Ec2Model.OWNER).el("status", "in-use").el("macAddress", n.mac)
                    .el("privateIpAddress", n.primaryIp).el("sourceDestCheck", "false").raw("<groupSet/>")
                    .open("attachment").el("attachmentId", "eni-attach-" + n.id.substring(4)).el("deviceIndex", "0")
                    .el("status", "attached").el("attachTime", "2025-12-01T08:00:00.000Z").el("deleteOnTermination", "true")
                    .close("attachment").open("privateIpAddressesSet").open("item").el("privateIpAddress", n.primaryIp)
                    .el("primary", "true").close("item").close("privateIpAddressesSet").close("item");
        }
        x.close("networkInterfaceSet").el("ebsOptimized", "false");
    }
}
