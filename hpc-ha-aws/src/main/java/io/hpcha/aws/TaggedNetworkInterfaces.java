package io.hpcha.aws;

import io.hpcha.ConfigurationException;
import io.hpcha.NodeId;
import io.hpcha.aws.internal.Ec2Calls;
import io.hpcha.aws.internal.Ec2Ids;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Discovers the node → ENI map from instance tags instead of a list: every instance carrying the
 * cluster tag and a node-name tag contributes the ENI at its device index (0, the primary interface,
 * unless told otherwise). Terminated instances are ignored.
 *
 * <pre>{@code
 * TaggedNetworkInterfaces.builder().ec2(ec2)
 *     .clusterTag("hpc-ha:cluster", "prod").nodeNameTag("hpc-ha:controller").build();
 * }</pre>
 *
 * <p>What it found is kept until {@link #refresh()}; the floating addresses call that themselves when
 * they meet a node or an ENI they do not know. Thread-safe. Needs {@code ec2:DescribeInstances}.
 */
public final class TaggedNetworkInterfaces implements NetworkInterfaceDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(TaggedNetworkInterfaces.class);

    private final Ec2Calls calls;
    private final String clusterTagKey;
    private final String clusterTagValue;
    private final String nodeNameTag;
    private final int deviceIndex;
    private Map<NodeId, String> known;

    private TaggedNetworkInterfaces(Builder b) {
        if (b.ec2 == null) {
            throw new ConfigurationException("TaggedNetworkInterfaces: ec2 client missing");
        }
        if (b.clusterTagKey == null) {
            throw new ConfigurationException("TaggedNetworkInterfaces: clusterTag missing");
        }
        if (b.nodeNameTag == null) {
            throw new ConfigurationException("TaggedNetworkInterfaces: nodeNameTag missing");
        }
        this.calls = new Ec2Calls(b.ec2, b.callSettings);
        this.clusterTagKey = b.clusterTagKey;
        this.clusterTagValue = b.clusterTagValue;
        this.nodeNameTag = b.nodeNameTag;
        this.deviceIndex = b.deviceIndex;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public synchronized Map<NodeId, String> interfaces() {
        if (known == null) {
            known = discover();
        }
        return known;
    }

    @Override
    public synchronized void refresh() {
        known = null;
    }

    private Map<NodeId, String> discover() {
        Map<NodeId, String> found = new LinkedHashMap<>();
        Map<NodeId, String> instanceOf = new LinkedHashMap<>();
        String token = null;
        do {
            String next = token;
            DescribeInstancesResponse page = calls.call("DescribeInstances", c -> c.ec2().describeInstances(r -> r
                    .filters(Filter.builder().name("tag:" + clusterTagKey).values(clusterTagValue).build(),
                            Filter.builder().name("tag-key").values(nodeNameTag).build(),
                            Filter.builder().name("instance-state-name")
                                    .values("pending", "running", "stopping", "stopped").build())
                    .maxResults(1000).nextToken(next).overrideConfiguration(c.override())));
            for (Reservation reservation : page.reservations()) {
                for (Instance instance : reservation.instances()) {
                    collect(instance, found, instanceOf);
                }
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        LOG.debug("discovered network interfaces {}", found);
        return Collections.unmodifiableMap(found);
    }

    private void collect(Instance instance, Map<NodeId, String> found, Map<NodeId, String> instanceOf) {
        String name = instance.tags().stream().filter(t -> t.key().equals(nodeNameTag)).map(Tag::value)
                .findFirst().orElse(null);
        if (name == null) {
            return;
        }
        NodeId node;
        try {
            node = NodeId.of(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("instance " + instance.instanceId() + " has tag " + nodeNameTag + "='"
                    + name + "', which is not a valid node name", e);
        }
        List<String> enis = new ArrayList<>();
        for (InstanceNetworkInterface eni : instance.networkInterfaces()) {
            if (eni.attachment() != null && Objects.equals(eni.attachment().deviceIndex(), deviceIndex)) {
                enis.add(eni.networkInterfaceId());
            }
        }
        if (enis.size() != 1) {
            throw new ConfigurationException("instance " + instance.instanceId() + " (node " + node + ") has "
                    + enis.size() + " network interfaces at device index " + deviceIndex + ", expected exactly one");
        }
        if (found.containsKey(node)) {
            throw new ConfigurationException("node " + node + " is claimed by two instances: " + instanceOf.get(node)
                    + " and " + instance.instanceId() + " (tag " + nodeNameTag + ")");
        }
        found.put(node, enis.get(0));
        instanceOf.put(node, instance.instanceId());
    }

    @Override
    public String toString() {
        return "TaggedNetworkInterfaces[tag:" + clusterTagKey + "=" + clusterTagValue + ", node from " + nodeNameTag
                + ", device " + deviceIndex + "]";
    }

    /** Builds {@link TaggedNetworkInterfaces}; not thread-safe. */
    public static final class Builder {
        private Ec2Client ec2;
        private AwsCallSettings callSettings = AwsCallSettings.defaults();
        private String clusterTagKey;
        private String clusterTagValue;
        private String nodeNameTag;
        private int deviceIndex;

        private Builder() {
        }

        public Builder ec2(Ec2Client ec2) {
            this.ec2 = Objects.requireNonNull(ec2, "ec2");
            return this;
        }

        public Builder callSettings(AwsCallSettings callSettings) {
            this.callSettings = Objects.requireNonNull(callSettings, "callSettings");
            return this;
        }

        /** Only instances tagged {@code key=value} belong to the cluster. */
        public Builder clusterTag(String key, String value) {
            this.clusterTagKey = Ec2Ids.tagKey("clusterTag key", key);
            this.clusterTagValue = Ec2Ids.tagValue("clusterTag value", value);
            return this;
        }

        /** The tag whose value is the instance's node name. */
        public Builder nodeNameTag(String key) {
            this.nodeNameTag = Ec2Ids.tagKey("nodeNameTag", key);
            return this;
        }

        /** The device index of the interface that carries the address; 0 (the primary) unless told otherwise. */
        public Builder deviceIndex(int deviceIndex) {
            if (deviceIndex < 0) {
                throw new ConfigurationException("deviceIndex must not be negative, was " + deviceIndex);
            }
            this.deviceIndex = deviceIndex;
            return this;
        }

        public TaggedNetworkInterfaces build() {
            return new TaggedNetworkInterfaces(this);
        }
    }
}
