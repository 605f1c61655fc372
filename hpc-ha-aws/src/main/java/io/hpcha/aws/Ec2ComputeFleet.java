package io.hpcha.aws;

import io.hpcha.ComputeFleet;
import io.hpcha.ConfigurationException;
import io.hpcha.FleetInstance;
import io.hpcha.NodeId;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.aws.internal.Chunks;
import io.hpcha.aws.internal.Ec2Calls;
import io.hpcha.aws.internal.Ec2Ids;
import io.hpcha.aws.internal.FleetInstances;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceStatusResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The EC2 instances of one cluster: every instance tagged with the cluster tag. Node names come from
 * another tag; a third, optional tag marks a pool of (usually stopped) standby instances that replace
 * failed nodes.
 *
 * <pre>{@code
 * Ec2ComputeFleet.builder().ec2(ec2)
 *     .clusterTag("hpc-ha:cluster", "prod").nodeNameTag("hpc-ha:node")
 *     .standbyTag("hpc-ha:standby", "true")
 *     .launchTemplate(LaunchTemplateRef.byName("hpc-compute", "$Default"))
 *     .build();
 * }</pre>
 *
 * <p>{@link #instances()} costs one {@code DescribeInstances} call per 1000 cluster instances plus one
 * {@code DescribeInstanceStatus} call per 1000 instances of the account's status listing
 * ({@code IncludeAllInstances}, narrowed by the optional {@linkplain Builder#statusFilter status
 * filters}): the number of calls is the number of pages, never one per instance. Power actions send
 * at most 1000 ids per call. An unknown id fails the whole call with {@link io.hpcha.NotFoundException}
 * (EC2 checks every id before acting on any).
 *
 * <p>Thread-safe and stateless between calls.
 */
public final class Ec2ComputeFleet implements ComputeFleet {
    /** EC2's page size limit for DescribeInstances / DescribeInstanceStatus, and the batch size for power actions. */
    public static final int PAGE_SIZE = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(Ec2ComputeFleet.class);

    private final Ec2Calls calls;
    private final String clusterTagKey;
    private final String clusterTagValue;
    private final String nodeNameTag;
    private final String standbyTagKey;
    private final String standbyTagValue;
    private final LaunchTemplateRef launchTemplate;
    private final List<Filter> statusFilters;

    private Ec2ComputeFleet(Builder b) {
        if (b.ec2 == null) {
            throw new ConfigurationException("Ec2ComputeFleet: ec2 client missing");
        }
        if (b.clusterTagKey == null) {
            throw new ConfigurationException("Ec2ComputeFleet: clusterTag missing");
        }
        if (b.nodeNameTag == null) {
            throw new ConfigurationException("Ec2ComputeFleet: nodeNameTag missing");
        }
        this.calls = new Ec2Calls(b.ec2, b.callSettings);
        this.clusterTagKey = b.clusterTagKey;
        this.clusterTagValue = b.clusterTagValue;
        this.nodeNameTag = b.nodeNameTag;
        this.standbyTagKey = b.standbyTagKey;
        this.standbyTagValue = b.standbyTagValue;
        this.launchTemplate = b.launchTemplate;
        this.statusFilters = List.copyOf(b.statusFilters);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<FleetInstance> instances() {
        Map<String, Instance> described = describeInstances();
        Map<String, InstanceStatus> statuses = describeStatuses(described);
        List<FleetInstance> out = new ArrayList<>(described.size());
        for (Instance i : described.values()) {
            out.add(FleetInstances.of(i, Optional.ofNullable(statuses.get(i.instanceId())), nodeNameTag));
        }
        return List.copyOf(out);
    }

    private Map<String, Instance> describeInstances() {
        Map<String, Instance> described = new LinkedHashMap<>();
        Filter cluster = Filter.builder().name("tag:" + clusterTagKey).values(clusterTagValue).build();
        String token = null;
        do {
            String next = token;
            DescribeInstancesResponse page = calls.call("DescribeInstances", c -> c.ec2().describeInstances(r -> r
                    .filters(cluster).maxResults(PAGE_SIZE).nextToken(next).overrideConfiguration(c.override())));
            for (Reservation reservation : page.reservations()) {
                for (Instance instance : reservation.instances()) {
                    described.put(instance.instanceId(), instance);
                }
            }
            token = nextToken(page.nextToken(), next, "DescribeInstances");
        } while (token != null);
        return described;
    }

    private Map<String, InstanceStatus> describeStatuses(Map<String, Instance> wanted) {
        Map<String, InstanceStatus> statuses = new HashMap<>();
        if (wanted.isEmpty()) {
            return statuses;
        }
        String token = null;
        do {
            String next = token;
            DescribeInstanceStatusResponse page = calls.call("DescribeInstanceStatus", c -> c.ec2()
                    .describeInstanceStatus(r -> r.includeAllInstances(true).filters(statusFilters)
                            .maxResults(PAGE_SIZE).nextToken(next).overrideConfiguration(c.override())));
            for (InstanceStatus s : page.instanceStatuses()) {
                if (wanted.containsKey(s.instanceId())) {
                    statuses.put(s.instanceId(), s);
                }
            }
            token = nextToken(page.nextToken(), next, "DescribeInstanceStatus");
        } while (token != null);
        return statuses;
    }

    /** The token of the next page, null at the end; a token that repeats would loop forever. */
    private static String nextToken(String token, String previous, String action) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        if (token.equals(previous)) {
            throw new UnexpectedOutputException(action + " returned the same NextToken twice", token);
        }
        return token;
    }

    /** The instances of the standby pool (empty without a standby tag). */
    public List<FleetInstance> standby() {
        if (standbyTagKey == null) {
            return List.of();
        }
        return instances().stream().filter(this::isStandby).toList();
    }

    /** Whether {@code instance} belongs to the standby pool. */
    public boolean isStandby(FleetInstance instance) {
        return standbyTagKey != null && standbyTagValue.equals(instance.tags().get(standbyTagKey));
    }

    @Override
    public void start(Collection<String> instanceIds) {
        for (List<String> chunk : chunks(instanceIds)) {
            LOG.info("starting {} instance(s): {}", chunk.size(), abbreviate(chunk));
            calls.call("StartInstances", c -> c.ec2().startInstances(r -> r.instanceIds(chunk).overrideConfiguration(c.override())));
        }
    }

    @Override
    public void stop(Collection<String> instanceIds, boolean force) {
        for (List<String> chunk : chunks(instanceIds)) {
            LOG.info("stopping {} instance(s){}: {}", chunk.size(), force ? " (forced)" : "", abbreviate(chunk));
            calls.call("StopInstances", c -> c.ec2().stopInstances(r -> r.instanceIds(chunk).force(force)
                    .overrideConfiguration(c.override())));
        }
    }

    @Override
    public void reboot(Collection<String> instanceIds) {
        for (List<String> chunk : chunks(instanceIds)) {
            LOG.info("rebooting {} instance(s): {}", chunk.size(), abbreviate(chunk));
            calls.call("RebootInstances", c -> c.ec2().rebootInstances(r -> r.instanceIds(chunk).overrideConfiguration(c.override())));
        }
    }

    /** Terminates instances (irreversible). Idempotent: terminating a terminated instance does nothing. */
    public void terminate(Collection<String> instanceIds) {
        for (List<String> chunk : chunks(instanceIds)) {
            LOG.warn("terminating {} instance(s): {}", chunk.size(), abbreviate(chunk));
            calls.call("TerminateInstances", c -> c.ec2().terminateInstances(r -> r.instanceIds(chunk)
                    .overrideConfiguration(c.override())));
        }
    }

    /**
     * Launches one replacement for {@code node} from the launch template, tagged with the cluster tag
     * and {@code node} as its node name. Not idempotent: each call launches an instance (the SDK's
     * client token only de-duplicates its own retries of one call).
     *
     * @return the new instance's id
     * @throws InsufficientCapacityException when EC2 has no capacity for it now
     */
    public String launchReplacement(NodeId node) {
        Objects.requireNonNull(node, "node");
        return launch(1, Map.of(nodeNameTag, node.value())).get(0);
    }

    /**
     * Launches {@code count} instances from the launch template, tagged with the cluster tag and
     * {@code tags}. Not idempotent.
     *
     * @return the new instances' ids
     */
    public List<String> launch(int count, Map<String, String> tags) {
        if (launchTemplate == null) {
            throw new ConfigurationException("Ec2ComputeFleet: no launchTemplate configured, cannot launch");
        }
        if (count < 1 || count > PAGE_SIZE) {
            throw new IllegalArgumentException("count must be 1.." + PAGE_SIZE + ", was " + count);
        }
        List<Tag> tagList = new ArrayList<>();
        tagList.add(Tag.builder().key(clusterTagKey).value(clusterTagValue).build());
        tags.forEach((k, v) -> tagList.add(Tag.builder().key(Ec2Ids.tagKey("tag", k)).value(Ec2Ids.tagValue("tag " + k, v)).build()));
        TagSpecification spec = TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(tagList).build();
        RunInstancesResponse response = calls.call("RunInstances", c -> c.ec2().runInstances(r -> r
                .launchTemplate(t -> t.launchTemplateId(launchTemplate.id()).launchTemplateName(launchTemplate.name())
                        .version(launchTemplate.version()))
                .minCount(count).maxCount(count).tagSpecifications(spec).overrideConfiguration(c.override())));
        List<String> ids = response.instances().stream().map(Instance::instanceId).toList();
        if (ids.size() != count) {
            throw new UnexpectedOutputException("RunInstances of " + count + " returned " + ids.size() + " instances", ids.toString());
        }
        LOG.info("launched {} from {}: {}", count, launchTemplate, ids);
        return ids;
    }

    /**
     * Takes a standby instance into service as {@code node}: tags it with the node name, removes its
     * standby tag, and starts it.
     */
    public void claimStandby(String instanceId, NodeId node) {
        Ec2Ids.instanceId(instanceId);
        Objects.requireNonNull(node, "node");
        if (standbyTagKey == null) {
            throw new ConfigurationException("Ec2ComputeFleet: no standbyTag configured");
        }
        calls.call("CreateTags", c -> c.ec2().createTags(r -> r.resources(instanceId)
                .tags(Tag.builder().key(nodeNameTag).value(node.value()).build()).overrideConfiguration(c.override())));
        calls.call("DeleteTags", c -> c.ec2().deleteTags(r -> r.resources(instanceId)
                .tags(Tag.builder().key(standbyTagKey).value(standbyTagValue).build()).overrideConfiguration(c.override())));
        LOG.info("standby instance {} claimed as node {}", instanceId, node);
        start(List.of(instanceId));
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        Objects.requireNonNull(ids, "instanceIds");
        ids.forEach(Ec2Ids::instanceId);
        return Chunks.of(ids, PAGE_SIZE);
    }

    private static String abbreviate(List<String> ids) {
        return ids.size() <= 10 ? ids.toString() : ids.subList(0, 10) + " and " + (ids.size() - 10) + " more";
    }

    @Override
    public String toString() {
        return "Ec2ComputeFleet[tag:" + clusterTagKey + "=" + clusterTagValue + ", node from " + nodeNameTag + "]";
    }

    /** Builds {@link Ec2ComputeFleet}; not thread-safe. */
    public static final class Builder {
        private Ec2Client ec2;
        private AwsCallSettings callSettings = AwsCallSettings.defaults();
        private String clusterTagKey;
        private String clusterTagValue;
        private String nodeNameTag;
        private String standbyTagKey;
        private String standbyTagValue;
        private LaunchTemplateRef launchTemplate;
        private final List<Filter> statusFilters = new ArrayList<>();

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

        /** The fleet is every instance tagged {@code key=value}. */
        public Builder clusterTag(String key, String value) {
            this.clusterTagKey = Ec2Ids.tagKey("clusterTag key", key);
            this.clusterTagValue = Ec2Ids.tagValue("clusterTag value", value);
            return this;
        }

        /** The tag whose value is an instance's node name. */
        public Builder nodeNameTag(String key) {
            this.nodeNameTag = Ec2Ids.tagKey("nodeNameTag", key);
            return this;
        }

        /** Instances tagged {@code key=value} form the standby pool. */
        public Builder standbyTag(String key, String value) {
            this.standbyTagKey = Ec2Ids.tagKey("standbyTag key", key);
            this.standbyTagValue = Ec2Ids.tagValue("standbyTag value", value);
            return this;
        }

        /** The template {@link #launchReplacement} launches from. */
        public Builder launchTemplate(LaunchTemplateRef template) {
            this.launchTemplate = Objects.requireNonNull(template, "template");
            return this;
        }

        /**
         * Narrows the {@code DescribeInstanceStatus} listing (which cannot filter on tags) with one of
         * EC2's status filters, for example {@code availability-zone}; the cluster's instances must
         * all match it.
         */
        public Builder statusFilter(String name, String... values) {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[a-z][a-z0-9.-]{0,63}") || values.length == 0) {
                throw new ConfigurationException("statusFilter: '" + name + "' with " + values.length + " values is not a filter");
            }
            statusFilters.add(Filter.builder().name(name).values(values).build());
            return this;
        }

        public Ec2ComputeFleet build() {
            return new Ec2ComputeFleet(this);
        }
    }
}
