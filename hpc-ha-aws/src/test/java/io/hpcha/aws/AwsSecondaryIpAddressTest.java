package io.hpcha.aws;

import static io.hpcha.aws.Ids.ENI_1;
import static io.hpcha.aws.Ids.ENI_2;
import static io.hpcha.aws.Ids.I_1;
import static io.hpcha.aws.Ids.I_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.NodeId;
import io.hpcha.NotFoundException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.aws.standin.Ec2Model;
import io.hpcha.aws.standin.Ec2StandIn;
import io.hpcha.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

class AwsSecondaryIpAddressTest {
    static final String ADDRESS = "10.0.1.100";
    static final NodeId CTL1 = NodeId.of("ctl1");
    static final NodeId CTL2 = NodeId.of("ctl2");

    static Ec2StandIn ec2;
    static Ec2Client client;
    Ec2Model model;
    ManualClock clock;

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
    void twoControllers() {
        model = ec2.reset();
        model.instance(I_1, ENI_1, "10.0.1.10");
        model.instance(I_2, ENI_2, "10.0.1.20");
        clock = new ManualClock();
    }

    AwsSecondaryIpAddress.Builder address() {
        return AwsSecondaryIpAddress.builder().ec2(client).callSettings(Ec2StandIn.fastRetries(3)).address(ADDRESS)
                .networkInterface(CTL1, ENI_1).networkInterface(CTL2, ENI_2)
                .clock(clock).sleeper(clock).verifyTimeout(Duration.ofSeconds(20)).verifyInterval(Duration.ofSeconds(2));
    }

    @Test
    void holderMatchesTheAddressExactlyWithOneCallForTheKnownInterfaces() {
        model.secondaryAddress(ENI_1, "10.0.1.1").secondaryAddress(ENI_2, "10.0.1.10");
        AwsSecondaryIpAddress a = address().build();
        assertThat(a.holder()).isEmpty();

        model.secondaryAddress(ENI_2, ADDRESS);
        assertThat(a.holder()).contains(CTL2);

        assertThat(ec2.requests("DescribeNetworkInterfaces")).hasSize(2).first().satisfies(r -> assertThat(r)
                .containsEntry("NetworkInterfaceId.1", ENI_1).containsEntry("NetworkInterfaceId.2", ENI_2));
    }

    @Test
    void assignToReassignsOnTheTargetInterfaceAndVerifies() {
        model.secondaryAddress(ENI_1, ADDRESS);
        AwsSecondaryIpAddress a = address().build();

        a.assignTo(CTL2);

        assertThat(model.secondaryAddresses(ENI_2)).containsExactly(ADDRESS);
        assertThat(model.secondaryAddresses(ENI_1)).isEmpty();
        assertThat(ec2.requests("AssignPrivateIpAddresses")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("NetworkInterfaceId", ENI_2).containsEntry("PrivateIpAddress.1", ADDRESS)
                .containsEntry("AllowReassignment", "true"));
        assertThat(ec2.actions()).containsExactly("DescribeNetworkInterfaces", "AssignPrivateIpAddresses",
                "DescribeNetworkInterfaces");
        assertThat(a.holder()).contains(CTL2);
    }

    @Test
    void assignToTheHolderWritesNothing() {
        model.secondaryAddress(ENI_1, ADDRESS);

        address().build().assignTo(CTL1);

        assertThat(ec2.actions()).containsExactly("DescribeNetworkInterfaces");
    }

    @Test
    void verificationAllowsForEventualConsistencyOnTheInjectedClock() {
        model.secondaryAddress(ENI_1, ADDRESS).staleReadsAfterAssign(3);

        address().build().assignTo(CTL2);

        assertThat(ec2.calls("DescribeNetworkInterfaces")).isEqualTo(1 + 4);
        assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START.plusSeconds(6));
    }

    @Test
    void verificationGivesUpAtTheDeadlineAndSaysWhereEc2LastShowedTheAddress() {
        model.secondaryAddress(ENI_1, ADDRESS).staleReadsAfterAssign(1000);

        assertThatThrownBy(() -> address().build().assignTo(CTL2))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("gave up after PT20S").hasMessageContaining("EC2 last showed it on [ctl1]");
        assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START.plusSeconds(20));
        assertThat(ec2.calls("DescribeNetworkInterfaces")).isEqualTo(1 + 11);
    }

    @Test
    void anAddressOnTwoInterfacesIsReported() {
        model.secondaryAddress(ENI_1, ADDRESS).secondaryAddress(ENI_2, ADDRESS);

        assertThatThrownBy(() -> address().build().holder()).isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("more than one interface");
    }

    @Test
    void anUnknownNodeOrInterfaceIsNotFound() {
        assertThatThrownBy(() -> address().build().assignTo(NodeId.of("ctl3"))).isInstanceOf(NotFoundException.class);
        model.deleteNetworkInterface(ENI_2);
        assertThatThrownBy(() -> address().build().holder()).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("InvalidNetworkInterfaceID.NotFound").hasMessageContaining(ENI_2);
    }

    @Test
    void aConnectionResetIsRetriedByTheSdk() {
        model.secondaryAddress(ENI_1, ADDRESS);
        ec2.on("AssignPrivateIpAddresses").times(1).resetConnection();

        address().build().assignTo(CTL2);

        assertThat(ec2.calls("AssignPrivateIpAddresses")).isEqualTo(2);
        assertThat(model.secondaryAddresses(ENI_2)).containsExactly(ADDRESS);
    }

    @Test
    void interfacesCanBeDiscoveredFromTagsAndAreRediscoveredForAnUnknownNode() {
        model.get(I_1).tag("hpc-ha:cluster", "prod").tag("hpc-ha:controller", "ctl1");
        TaggedNetworkInterfaces tagged = TaggedNetworkInterfaces.builder().ec2(client).clusterTag("hpc-ha:cluster", "prod")
                .nodeNameTag("hpc-ha:controller").build();
        AwsSecondaryIpAddress a = AwsSecondaryIpAddress.builder().ec2(client).address(ADDRESS).networkInterfaces(tagged)
                .clock(clock).sleeper(clock).build();
        a.assignTo(CTL1);

        model.get(I_2).tag("hpc-ha:cluster", "prod").tag("hpc-ha:controller", "ctl2");
        a.assignTo(CTL2);

        assertThat(a.holder()).contains(CTL2);
        assertThat(ec2.calls("DescribeInstances")).isEqualTo(2);
        assertThat(tagged.interfaces()).containsEntry(CTL2, ENI_2);
        assertThat(List.of(tagged.nodeOf(ENI_1), tagged.nodeOf(ENI_2))).containsExactly(
                java.util.Optional.of(CTL1), java.util.Optional.of(CTL2));
    }
}
