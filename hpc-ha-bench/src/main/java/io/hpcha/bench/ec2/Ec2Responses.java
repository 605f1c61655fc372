package io.hpcha.bench.ec2;

import io.hpcha.aws.standin.Ec2ApiError;
import io.hpcha.aws.standin.Ec2Shapes;
import io.hpcha.aws.standin.Xml;
import io.hpcha.bench.cluster.GeneratedCluster;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * EC2's answers about a {@link GeneratedCluster}: {@code DescribeInstances} and
 * {@code DescribeInstanceStatus} (paged with {@code MaxResults} 5..1000 and an opaque
 * {@code NextToken}, or for explicit {@code InstanceId.N}), and {@code StartInstances}. The world does
 * not change: a started standby stays stopped, so every pass sees the same cluster. Errors use EC2's
 * envelope and codes. Thread-safe (immutable).
 */
final class Ec2Responses {
    private static final String DESCRIBE = "DescribeInstances";
    private static final String STATUS = "DescribeInstanceStatus";

    private final GeneratedCluster cluster;
    private final Map<String, Integer> indexById = new HashMap<>();

    Ec2Responses(GeneratedCluster cluster) {
        this.cluster = cluster;
        for (int i = 0; i < cluster.nodes(); i++) {
            indexById.put(GeneratedCluster.instanceId(i), i);
        }
    }

    /** The answer to one request: HTTP status and XML body. */
    record Answer(int status, String body) {
    }

    Answer handle(String action, Map<String, String> p, String requestId) {
        try {
            return switch (action) {
                case DESCRIBE -> new Answer(200, describe(p, requestId));
                case STATUS -> new Answer(200, status(p, requestId));
                case "StartInstances" -> new Answer(200, start(p, requestId));
                default -> error(400, "InvalidAction", "The action " + action + " is not valid for this web service.", requestId);
            };
        } catch (Ec2ApiError e) {
            return error(e.status(), e.code(), e.getMessage(), requestId);
        }
    }

    private String describe(Map<String, String> p, String requestId) {
        String clusterFilter = null;
        for (int f = 1; p.containsKey("Filter." + f + ".Name"); f++) {
            String name = p.get("Filter." + f + ".Name");
            if (!name.equals("tag:" + GeneratedCluster.CLUSTER_TAG)) {
                throw new Ec2ApiError(400, "InvalidParameterValue", "The filter '" + name + "' is not supported by this stand-in");
            }
            clusterFilter = p.get("Filter." + f + ".Value.1");
        }
        List<Integer> selected = select(p);
        if (clusterFilter != null && !clusterFilter.equals(GeneratedCluster.CLUSTER)) {
            selected = List.of();
        }
        Page page = page(p, selected.size(), p.containsKey("InstanceId.1"));
        Xml x = Xml.response(DESCRIBE, requestId, (page.to - page.from) * 2_200 + 512).open("reservationSet");
        for (int i : selected.subList(page.from, page.to)) {
            instance(x, i);
        }
        x.close("reservationSet");
        if (page.nextToken != null) {
            x.el("nextToken", page.nextToken);
        }
        return x.end(DESCRIBE);
    }

    private String status(Map<String, String> p, String requestId) {
        if (p.containsKey("Filter.1.Name")) {
            throw new Ec2ApiError(400, "InvalidParameterValue", "The filter '" + p.get("Filter.1.Name") + "' is not supported by this stand-in");
        }
        boolean all = "true".equals(p.get("IncludeAllInstances"));
        List<Integer> selected = new ArrayList<>();
        for (int i : select(p)) {
            if (all || cluster.ec2State(i).equals("running")) {
                selected.add(i);
            }
        }
        Page page = page(p, selected.size(), p.containsKey("InstanceId.1"));
        Xml x = Xml.response(STATUS, requestId, (page.to - page.from) * 700 + 512).open("instanceStatusSet");
        for (int i : selected.subList(page.from, page.to)) {
            x.open("item").el("instanceId", GeneratedCluster.instanceId(i)).el("availabilityZone", "us-east-1a");
            Ec2Shapes.state(x, "instanceState", cluster.ec2State(i));
            Ec2Shapes.summary(x, "systemStatus", cluster.systemStatus(i));
            Ec2Shapes.summary(x, "instanceStatus", cluster.instanceStatus(i));
            x.close("item");
        }
        x.close("instanceStatusSet");
        if (page.nextToken != null) {
            x.el("nextToken", page.nextToken);
        }
        return x.end(STATUS);
    }

    private String start(Map<String, String> p, String requestId) {
        List<Integer> targets = select(p);
        if (targets.isEmpty()) {
            throw new Ec2ApiError(400, "MissingParameter", "The request must contain the parameter InstanceId");
        }
        Xml x = Xml.response("StartInstances", requestId, 512).open("instancesSet");
        for (int i : targets) {
            String before = cluster.ec2State(i);
            x.open("item").el("instanceId", GeneratedCluster.instanceId(i));
            Ec2Shapes.state(x, "currentState", before.equals("stopped") ? "pending" : before);
            Ec2Shapes.state(x, "previousState", before);
            x.close("item");
        }
        return x.close("instancesSet").end("StartInstances");
    }

    /** The explicit {@code InstanceId.N} (every one must exist, as EC2 checks), or every instance. */
    private List<Integer> select(Map<String, String> p) {
        List<Integer> out = new ArrayList<>();
        if (!p.containsKey("InstanceId.1")) {
            for (int i = 0; i < cluster.nodes(); i++) {
                out.add(i);
            }
            return out;
        }
        for (int n = 1; p.containsKey("InstanceId." + n); n++) {
            String id = p.get("InstanceId." + n);
            Integer i = indexById.get(id);
            if (i == null) {
                throw new Ec2ApiError(400, "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            }
            out.add(i);
        }
        return out;
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
            throw new Ec2ApiError(400, "InvalidParameterCombination", "The parameter instancesSet cannot be used with the parameter maxResults");
        }
        int size = Integer.parseInt(max);
        if (size < 5 || size > 1000) {
            throw new Ec2ApiError(400, "InvalidParameterValue", "Value ( " + size
                    + " ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.");
        }
        int from = 0;
        String token = p.get("NextToken");
        if (token != null) {
            try {
                String json = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
                from = Integer.parseInt(json.replaceFirst("^\\{\"offset\":(\\d+)}$", "$1"));
            } catch (IllegalArgumentException e) {
                throw new Ec2ApiError(400, "InvalidParameterValue", "Invalid value '" + token + "' for nextToken");
            }
        }
        int to = Math.min(total, from + size);
        String next = to < total
                ? Base64.getEncoder().encodeToString(("{\"offset\":" + to + "}").getBytes(StandardCharsets.UTF_8))
                : null;
        return new Page(from, to, next);
    }

    private void instance(Xml x, int i) {
        String id = GeneratedCluster.instanceId(i);
        String state = cluster.ec2State(i);
        String ip = "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
        x.open("item").el("reservationId", "r-" + id.substring(2)).el("ownerId", "123456789012").raw("<groupSet/>")
                .open("instancesSet").open("item");
        x.el("instanceId", id).el("imageId", "ami-0abcdef1234567890");
        Ec2Shapes.state(x, "instanceState", state);
        x.el("privateDnsName", "ip-" + ip.replace('.', '-') + ".ec2.internal").el("dnsName", "");
        x.el("reason", state.equals("stopped") ? "User initiated (2026-01-01 00:00:00 GMT)" : "");
        x.el("amiLaunchIndex", "0").raw("<productCodes/>").el("instanceType", "c5.large")
                .el("launchTime", "2026-01-01T00:00:00.000Z")
                .open("placement").el("availabilityZone", "us-east-1a").el("groupName", "").el("tenancy", "default").close("placement")
                .open("monitoring").el("state", "disabled").close("monitoring")
                .el("subnetId", "subnet-0123456789abcdef0").el("vpcId", "vpc-0123456789abcdef0").el("privateIpAddress", ip)
                .el("sourceDestCheck", "true")
                .raw("<groupSet><item><groupId>sg-0123456789abcdef0</groupId><groupName>hpc-compute</groupName></item></groupSet>");
        if (state.equals("stopped")) {
            x.open("stateReason").el("code", "Client.UserInitiatedShutdown")
                    .el("message", "Client.UserInitiatedShutdown: User initiated shutdown").close("stateReason");
        }
        x.el("architecture", "x86_64").el("rootDeviceType", "ebs").el("rootDeviceName", "/dev/xvda")
                .raw("<blockDeviceMapping/>").el("virtualizationType", "hvm").el("clientToken", "");
        x.open("tagSet")
                .open("item").el("key", GeneratedCluster.CLUSTER_TAG).el("value", GeneratedCluster.CLUSTER).close("item")
                .open("item").el("key", GeneratedCluster.NODE_TAG).el("value", GeneratedCluster.nodeName(i)).close("item")
                .close("tagSet");
        x.el("hypervisor", "xen").raw("<networkInterfaceSet/>").el("ebsOptimized", "false");
        x.close("item").close("instancesSet").close("item");
    }

    private static Answer error(int status, String code, String message, String requestId) {
        return new Answer(status, Ec2ApiError.envelope(code, message, requestId));
    }
}
