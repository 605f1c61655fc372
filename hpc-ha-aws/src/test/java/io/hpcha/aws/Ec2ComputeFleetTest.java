package io.hpcha.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.FleetInstance;
import io.hpcha.InstanceState;
import io.hpcha.NodeId;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.ScheduledEvent;
import io.hpcha.StatusCheck;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.aws.standin.Ec2Model;
import io.hpcha.aws.standin.Ec2StandIn;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

class Ec2ComputeFleetTest {
    static final Map<String, String> CLUSTER = Map.of("hpc-ha:cluster", "prod");
    static final String NODE_TAG = "hpc-ha:node";
    static final String A = "i-0a000000000000001";
    static final String B = "i-0b000000000000002";
    static final String C = "i-0c000000000000003";
    static final String OTHER = "i-0d000000000000004";

    static Ec2StandIn ec2;
    static Ec2Client client;
    Ec2Model model;

    @BeforeAll
    static void startStandIn() {
        ec2 = Ec2StandIn.start();
        client = ec2.client();
    }

    @AfterAll
    static void stopStandIn() {
        client.close();
        ec2.close();
    }

    @BeforeEach
    void freshRegion() {
        model = ec2.reset();
    }

    Ec2ComputeFleet.Builder fleet() {
        return Ec2ComputeFleet.builder().ec2(client).callSettings(Ec2StandIn.fastRetries(3))
                .clusterTag("hpc-ha:cluster", "prod").nodeNameTag(NODE_TAG).standbyTag("hpc-ha:standby", "true")
                .launchTemplate(LaunchTemplateRef.byName("hpc-compute", "$Default"));
    }

    void threeNodesAndAStranger() {
        model.instance(A).tag("hpc-ha:cluster", "prod").tag(NODE_TAG, "n1");
        model.instance(B).tag("hpc-ha:cluster", "prod").tag(NODE_TAG, "n2").checks("impaired", "ok")
                .event("instance-retirement", "The instance is running on degraded hardware",
                        Instant.parse("2026-01-10T00:00:00Z"), Instant.parse("2026-01-10T06:00:00Z"))
                .event("system-reboot", "[Completed] Scheduled reboot", Instant.parse("2025-12-01T00:00:00Z"), null);
        model.instance(C).tag("hpc-ha:cluster", "prod").tag("hpc-ha:standby", "true").state("stopped");
        model.instance(OTHER).tag("hpc-ha:cluster", "dev").tag(NODE_TAG, "n1");
    }

    @Test
    void instancesMergeDescriptionAndStatusOfTheClusterOnly() {
        threeNodesAndAStranger();

        Map<String, FleetInstance> byId = fleet().build().instances().stream()
                .collect(Collectors.toMap(FleetInstance::instanceId, Function.identity()));

        assertThat(byId).containsOnlyKeys(A, B, C);
        FleetInstance a = byId.get(A);
        assertThat(a.node()).contains(NodeId.of("n1"));
        assertThat(a.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(a.systemStatus()).isEqualTo(StatusCheck.OK);
        assertThat(a.instanceStatus()).isEqualTo(StatusCheck.OK);
        assertThat(a.events()).isEmpty();
        assertThat(a.tags()).containsEntry("hpc-ha:cluster", "prod");

        FleetInstance b = byId.get(B);
        assertThat(b.systemStatus()).isEqualTo(StatusCheck.IMPAIRED);
        assertThat(b.isImpaired()).isTrue();
        assertThat(b.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ScheduledEvent.Kind.RETIREMENT);
            assertThat(e.code()).isEqualTo("instance-retirement");
            assertThat(e.notBefore()).isEqualTo(Instant.parse("2026-01-10T00:00:00Z"));
            assertThat(e.notAfter()).contains(Instant.parse("2026-01-10T06:00:00Z"));
            assertThat(e.description()).isEqualTo("The instance is running on degraded hardware");
        });

        FleetInstance c = byId.get(C);
        assertThat(c.state()).isEqualTo(InstanceState.STOPPED);
        assertThat(c.systemStatus()).isEqualTo(StatusCheck.NOT_APPLICABLE);
        assertThat(c.node()).isEmpty();

        assertThat(ec2.requests("DescribeInstances")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("Filter.1.Name", "tag:hpc-ha:cluster").containsEntry("Filter.1.Value.1", "prod")
                .containsEntry("MaxResults", "1000"));
        assertThat(ec2.requests("DescribeInstanceStatus")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("IncludeAllInstances", "true").containsEntry("MaxResults", "1000")
                .doesNotContainKey("InstanceId.1"));
    }

    @Test
    void paginationFollowsNextTokenAndCostsOneCallPerPageNeverOnePerInstance() {
        List<String> ids = model.instances(2500, CLUSTER, NODE_TAG);
        model.instances(300, Map.of("hpc-ha:cluster", "dev"), NODE_TAG);

        List<FleetInstance> instances = fleet().build().instances();

        assertThat(instances).extracting(FleetInstance::instanceId).containsExactlyElementsOf(ids);
        assertThat(instances).allSatisfy(i -> assertThat(i.systemStatus()).isEqualTo(StatusCheck.OK));
        assertThat(ec2.calls("DescribeInstances")).isEqualTo(3);
        assertThat(ec2.calls("DescribeInstanceStatus")).isEqualTo(3);
        List<Map<String, String>> pages = ec2.requests("DescribeInstances");
        assertThat(pages.get(0)).doesNotContainKey("NextToken");
        assertThat(pages.get(1).get("NextToken")).isNotBlank();
        assertThat(pages.get(2).get("NextToken")).isNotBlank().isNotEqualTo(pages.get(1).get("NextToken"));
    }

    @Test
    void aConnectionResetOnTheSecondPageIsRetriedByTheSdk() {
        model.instances(1500, CLUSTER, NODE_TAG);
        ec2.on("DescribeInstances").wherePresent("NextToken").times(1).resetConnection();

        assertThat(fleet().build().instances()).hasSize(1500);
        assertThat(ec2.requests("DescribeInstances")).extracting(r -> r.containsKey("NextToken"))
                .containsExactly(false, true, true);
    }

    @Test
    void startedInstancesGoPendingThenRunning() {
        threeNodesAndAStranger();
        Ec2ComputeFleet fleet = fleet().build();

        fleet.start(List.of(C));

        assertThat(state(fleet, C)).isEqualTo(InstanceState.PENDING);
        assertThat(state(fleet, C)).isEqualTo(InstanceState.RUNNING);
        assertThat(ec2.requests("StartInstances")).singleElement().satisfies(r -> assertThat(r).containsEntry("InstanceId.1", C));
    }

    @Test
    void startingARunningInstanceChangesNothing() {
        threeNodesAndAStranger();

        fleet().build().start(List.of(A));

        assertThat(model.state(A)).isEqualTo("running");
    }

    @Test
    void stopPassesForceAndStopsAfterStopping() {
        threeNodesAndAStranger();
        Ec2ComputeFleet fleet = fleet().build();

        fleet.stop(List.of(A, B), true);

        assertThat(ec2.requests("StopInstances")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("InstanceId.1", A).containsEntry("InstanceId.2", B).containsEntry("Force", "true"));
        assertThat(state(fleet, A)).isEqualTo(InstanceState.STOPPING);
        assertThat(state(fleet, A)).isEqualTo(InstanceState.STOPPED);

        fleet.stop(List.of(A), false);
        assertThat(ec2.requests("StopInstances").get(1)).containsEntry("Force", "false");
    }

    @Test
    void powerActionsSendAtMostOneThousandDistinctIdsPerCall() {
        List<String> ids = model.instances(2345, CLUSTER, NODE_TAG);
        List<String> withDuplicates = new java.util.ArrayList<>(ids);
        withDuplicates.addAll(ids.subList(0, 10));

        fleet().build().reboot(withDuplicates);

        List<Map<String, String>> calls = ec2.requests("RebootInstances");
        assertThat(calls).hasSize(3);
        assertThat(calls).extracting(Ec2ComputeFleetTest::idCount).containsExactly(1000, 1000, 345);
        assertThat(calls.get(2)).containsEntry("InstanceId.345", ids.get(2344));
    }

    @Test
    void anEmptyCollectionDoesNothing() {
        Ec2ComputeFleet fleet = fleet().build();
        fleet.start(List.of());
        fleet.stop(List.of(), true);
        fleet.reboot(List.of());
        fleet.terminate(List.of());

        assertThat(ec2.calls()).isZero();
    }

    @Test
    void anUnknownIdIsNotFoundAndNothingChanges() {
        threeNodesAndAStranger();

        assertThatThrownBy(() -> fleet().build().stop(List.of(A, "i-0000000000000dead"), false))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("InvalidInstanceID.NotFound")
                .hasMessageContaining("i-0000000000000dead");
        assertThat(model.state(A)).isEqualTo("running");
    }

    @Test
    void aMalformedIdIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> fleet().build().start(List.of("i-xyz"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fleet().build().start(List.of("--force"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(ec2.calls()).isZero();
    }

    @Test
    void terminateShutsDownThenTerminates() {
        threeNodesAndAStranger();
        Ec2ComputeFleet fleet = fleet().build();

        fleet.terminate(List.of(B));

        assertThat(state(fleet, B)).isEqualTo(InstanceState.SHUTTING_DOWN);
        assertThat(state(fleet, B)).isEqualTo(InstanceState.TERMINATED);
    }

    @Test
    void aReplacementIsLaunchedFromTheTemplateWithTheClusterAndNodeTags() {
        model.launchTemplate("hpc-compute");
        Ec2ComputeFleet fleet = fleet().build();

        String id = fleet.launchReplacement(NodeId.of("n7"));

        FleetInstance launched = fleet.instances().stream().filter(i -> i.instanceId().equals(id)).findFirst().orElseThrow();
        assertThat(launched.node()).contains(NodeId.of("n7"));
        assertThat(launched.state()).isEqualTo(InstanceState.PENDING);
        assertThat(ec2.requests("RunInstances")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("LaunchTemplate.LaunchTemplateName", "hpc-compute")
                .containsEntry("LaunchTemplate.Version", "$Default")
                .containsEntry("MinCount", "1").containsEntry("MaxCount", "1")
                .containsEntry("TagSpecification.1.ResourceType", "instance")
                .containsEntry("TagSpecification.1.Tag.1.Key", "hpc-ha:cluster")
                .containsEntry("TagSpecification.1.Tag.2.Key", NODE_TAG)
                .containsEntry("TagSpecification.1.Tag.2.Value", "n7")
                .containsKey("ClientToken"));
    }

    @Test
    void insufficientCapacityIsItsOwnRetryableRefusal() {
        model.launchTemplate("hpc-compute");
        ec2.on("RunInstances").error(500, "InsufficientInstanceCapacity", "We currently do not have sufficient c5.large "
                + "capacity in the Availability Zone you requested (us-east-1a). Our system will be working on "
                + "provisioning additional capacity.");

        assertThatThrownBy(() -> fleet().build().launchReplacement(NodeId.of("n7")))
                .isInstanceOfSatisfying(InsufficientCapacityException.class, e -> {
                    assertThat(e).isInstanceOf(OperationRefusedException.class);
                    assertThat(e.code()).isEqualTo("InsufficientInstanceCapacity");
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("c5.large");
                });
    }

    @Test
    void anUnknownLaunchTemplateIsNotFound() {
        assertThatThrownBy(() -> fleet().build().launchReplacement(NodeId.of("n7")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("InvalidLaunchTemplateName.NotFoundException");
    }

    @Test
    void aStandbyInstanceIsClaimedForANode() {
        threeNodesAndAStranger();
        Ec2ComputeFleet fleet = fleet().build();
        assertThat(fleet.standby()).extracting(FleetInstance::instanceId).containsExactly(C);

        fleet.claimStandby(C, NodeId.of("n2"));

        assertThat(model.get(C).tags()).containsEntry(NODE_TAG, "n2").doesNotContainKey("hpc-ha:standby");
        assertThat(model.state(C)).isEqualTo("pending");
        assertThat(fleet.standby()).isEmpty();
        assertThat(ec2.actions()).containsSubsequence("CreateTags", "DeleteTags", "StartInstances");
    }

    @Test
    void anInstanceStateEc2InventsLaterIsUnexpectedOutputNotAGuess() {
        threeNodesAndAStranger();
        model.get(A).state("hibernating");

        assertThatThrownBy(() -> fleet().build().instances()).isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining(A).hasMessageContaining("hibernating");
    }

    @Test
    void aMistaggedNodeNameLeavesTheInstanceWithoutANode() {
        model.instance(A).tag("hpc-ha:cluster", "prod").tag(NODE_TAG, "n1,n2");

        assertThat(fleet().build().instances()).singleElement().satisfies(i -> assertThat(i.node()).isEmpty());
    }

    private static InstanceState state(Ec2ComputeFleet fleet, String id) {
        return fleet.instances().stream().filter(i -> i.instanceId().equals(id)).findFirst().orElseThrow().state();
    }

    private static int idCount(Map<String, String> request) {
        return (int) request.keySet().stream().filter(k -> k.startsWith("InstanceId.")).count();
    }
}
