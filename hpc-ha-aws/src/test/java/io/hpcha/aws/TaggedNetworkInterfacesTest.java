package io.hpcha.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.ConfigurationException;
import io.hpcha.NodeId;
import io.hpcha.aws.standin.Ec2Model;
import io.hpcha.aws.standin.Ec2StandIn;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

class TaggedNetworkInterfacesTest {
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

    TaggedNetworkInterfaces directory() {
        return TaggedNetworkInterfaces.builder().ec2(client).callSettings(Ec2StandIn.fastRetries(2))
                .clusterTag("hpc-ha:cluster", "prod").nodeNameTag("hpc-ha:controller").build();
    }

    @Test
    void discoversTaggedLiveInstancesOnceUntilRefreshed() {
        model.instance(Ids.I_1, Ids.ENI_1, "10.0.1.10").tag("hpc-ha:cluster", "prod").tag("hpc-ha:controller", "ctl1");
        model.instance(Ids.I_2, Ids.ENI_2, "10.0.1.20").tag("hpc-ha:cluster", "dev").tag("hpc-ha:controller", "ctl2");
        model.instance(Ids.I_FOREIGN, Ids.ENI_FOREIGN, "10.0.1.30").tag("hpc-ha:cluster", "prod");
        TaggedNetworkInterfaces d = directory();

        assertThat(d.interfaces()).isEqualTo(Map.of(NodeId.of("ctl1"), Ids.ENI_1));
        assertThat(d.interfaces()).hasSize(1);
        assertThat(ec2.calls("DescribeInstances")).isEqualTo(1);
        assertThat(ec2.requests("DescribeInstances").get(0))
                .containsEntry("Filter.2.Name", "tag-key").containsEntry("Filter.2.Value.1", "hpc-ha:controller")
                .containsEntry("Filter.3.Name", "instance-state-name").doesNotContainValue("terminated");

        d.refresh();
        d.interfaces();
        assertThat(ec2.calls("DescribeInstances")).isEqualTo(2);
    }

    @Test
    void twoLiveInstancesClaimingOneNodeAreAConfigurationError() {
        model.instance(Ids.I_1, Ids.ENI_1, "10.0.1.10").tag("hpc-ha:cluster", "prod").tag("hpc-ha:controller", "ctl1");
        model.instance(Ids.I_2, Ids.ENI_2, "10.0.1.20").tag("hpc-ha:cluster", "prod").tag("hpc-ha:controller", "ctl1");

        assertThatThrownBy(() -> directory().interfaces()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("node ctl1 is claimed by two instances").hasMessageContaining(Ids.I_1)
                .hasMessageContaining(Ids.I_2);
    }

    @Test
    void aTerminatedPredecessorDoesNotCount() {
        model.instance(Ids.I_1, Ids.ENI_1, "10.0.1.10").tag("hpc-ha:cluster", "prod").tag("hpc-ha:controller", "ctl1")
                .state("terminated");
        model.instance(Ids.I_2, Ids.ENI_2, "10.0.1.20").tag("hpc-ha:cluster", "prod").tag("hpc-ha:controller", "ctl1");

        assertThat(directory().interfaces()).isEqualTo(Map.of(NodeId.of("ctl1"), Ids.ENI_2));
    }

    @Test
    void aNodeNameTagThatIsNoNodeNameIsAConfigurationError() {
        model.instance(Ids.I_1, Ids.ENI_1, "10.0.1.10").tag("hpc-ha:cluster", "prod").tag("hpc-ha:controller", "-rf");

        assertThatThrownBy(() -> directory().interfaces()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'-rf'");
    }
}
