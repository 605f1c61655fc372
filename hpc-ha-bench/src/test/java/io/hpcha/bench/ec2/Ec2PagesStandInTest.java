package io.hpcha.bench.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.FleetInstance;
import io.hpcha.InstanceState;
import io.hpcha.StatusCheck;
import io.hpcha.aws.Ec2ComputeFleet;
import io.hpcha.bench.cluster.GeneratedCluster;
import io.hpcha.bench.scale.NaiveRecoveryAgent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** The EC2 stand-in, read by the real AWS SDK and the real Ec2ComputeFleet: right data, EC2's paging, exact counts. */
class Ec2PagesStandInTest {
    static final GeneratedCluster CLUSTER = GeneratedCluster.of(2_500, 2);
    static Ec2PagesStandIn standIn;
    static Ec2Client ec2;

    @BeforeAll
    static void start() {
        standIn = Ec2PagesStandIn.start(CLUSTER);
        ec2 = Ec2Clients.forEndpoint(standIn.endpoint());
    }

    @AfterAll
    static void stop() {
        ec2.close();
        standIn.close();
    }

    @Test
    void theFleetReadsEveryInstanceInOneRequestPerPage() {
        Ec2ComputeFleet fleet = Ec2ComputeFleet.builder().ec2(ec2)
                .clusterTag(GeneratedCluster.CLUSTER_TAG, GeneratedCluster.CLUSTER).nodeNameTag(GeneratedCluster.NODE_TAG).build();
        standIn.resetCounts();

        List<FleetInstance> instances = fleet.instances();

        assertThat(standIn.counts()).isEqualTo(Map.of("DescribeInstances", 3L, "DescribeInstanceStatus", 3L));
        assertThat(instances).hasSize(2_500);
        assertThat(instances.get(0).node().orElseThrow().value()).isEqualTo("c00001");
        assertThat(instances.stream().filter(i -> i.state() == InstanceState.RUNNING)).hasSize(1_250);
        assertThat(instances.stream().filter(i -> i.state() == InstanceState.STOPPED)).hasSize(1_250);
        assertThat(instances.stream().filter(FleetInstance::isImpaired).map(i -> i.node().orElseThrow().value()))
                .containsExactly(GeneratedCluster.nodeName(2 * 416), GeneratedCluster.nodeName(2 * 833));
        assertThat(instances.stream().filter(i -> i.state() == InstanceState.RUNNING && !i.isImpaired())
                .allMatch(i -> i.systemStatus() == StatusCheck.OK && i.instanceStatus() == StatusCheck.OK)).isTrue();
    }

    @Test
    void theFleetSeesNothingOfAnotherCluster() {
        Ec2ComputeFleet other = Ec2ComputeFleet.builder().ec2(ec2)
                .clusterTag(GeneratedCluster.CLUSTER_TAG, "other").nodeNameTag(GeneratedCluster.NODE_TAG).build();

        assertThat(other.instances()).isEmpty();
    }

    @Test
    void theNaiveAgentAsksOncePerPrimaryAndStartsTheFailedPairsStandbys() {
        NaiveRecoveryAgent naive = new NaiveRecoveryAgent(ec2, NaiveRecoveryAgent.pairsOf(CLUSTER));
        standIn.resetCounts();

        int started = naive.runOnce(Integer.MAX_VALUE);

        assertThat(started).isEqualTo(2);
        assertThat(standIn.counts()).isEqualTo(Map.of("DescribeInstanceStatus", 1_250L, "StartInstances", 2L));
    }

    @Test
    void pagesFollowEc2sRules() {
        assertThatThrownBy(() -> ec2.describeInstanceStatus(r -> r.instanceIds(GeneratedCluster.instanceId(0)).maxResults(5)))
                .isInstanceOfSatisfying(Ec2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterCombination"));
        assertThatThrownBy(() -> ec2.describeInstances(r -> r.maxResults(1001)))
                .isInstanceOfSatisfying(Ec2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> ec2.describeInstanceStatus(r -> r.instanceIds("i-0123456789abcdef0")))
                .isInstanceOfSatisfying(Ec2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound"));
        assertThat(ec2.describeInstanceStatus(r -> r.maxResults(1000)).instanceStatuses())
                .hasSize(1_000).allMatch(s -> s.instanceState().nameAsString().equals("running"));
    }
}
