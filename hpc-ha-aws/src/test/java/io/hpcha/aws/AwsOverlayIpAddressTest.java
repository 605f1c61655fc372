package io.hpcha.aws;

import static io.hpcha.aws.Ids.ENI_1;
import static io.hpcha.aws.Ids.ENI_2;
import static io.hpcha.aws.Ids.ENI_FOREIGN;
import static io.hpcha.aws.Ids.I_1;
import static io.hpcha.aws.Ids.I_2;
import static io.hpcha.aws.Ids.I_FOREIGN;
import static io.hpcha.aws.Ids.RTB_A;
import static io.hpcha.aws.Ids.RTB_B;
import static io.hpcha.aws.Ids.RTB_C;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.NodeId;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.aws.standin.Ec2Model;
import io.hpcha.aws.standin.Ec2StandIn;
import io.hpcha.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

class AwsOverlayIpAddressTest {
    static final String ADDRESS = "192.168.2.50";
    static final String CIDR = ADDRESS + "/32";
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
    void controllersWithThreeRouteTables() {
        model = ec2.reset();
        model.instance(I_1, ENI_1, "10.0.1.10");
        model.instance(I_2, ENI_2, "10.0.2.10");
        model.routeTable(RTB_A).routeTable(RTB_B).routeTable(RTB_C);
        for (String t : List.of(RTB_A, RTB_B, RTB_C)) {
            model.route(t, CIDR, ENI_1);
        }
        clock = new ManualClock();
    }

    AwsOverlayIpAddress.Builder address() {
        return AwsOverlayIpAddress.builder().ec2(client).callSettings(Ec2StandIn.fastRetries(3))
                .address(ADDRESS).routeTables(List.of(RTB_A, RTB_B, RTB_C))
                .networkInterface(CTL1, ENI_1).networkInterface(CTL2, ENI_2)
                .clock(clock).sleeper(clock).verifyTimeout(Duration.ofSeconds(30)).verifyInterval(Duration.ofSeconds(1));
    }

    @Test
    void holderIsTheNodeAllTablesPointAtReadWithOneCallEachTime() {
        AwsOverlayIpAddress a = address().build();

        assertThat(a.holder()).contains(CTL1);
        model.route(RTB_A, CIDR, ENI_2).route(RTB_B, CIDR, ENI_2).route(RTB_C, CIDR, ENI_2);
        assertThat(a.holder()).contains(CTL2);

        assertThat(ec2.calls("DescribeRouteTables")).isEqualTo(2);
        assertThat(ec2.requests("DescribeRouteTables").get(0))
                .containsEntry("RouteTableId.1", RTB_A).containsEntry("RouteTableId.2", RTB_B)
                .containsEntry("RouteTableId.3", RTB_C).containsEntry("Version", "2016-11-15");
    }

    @Test
    void holderIsEmptyWhenNoTableHasTheRoute() {
        model = ec2.reset();
        model.instance(I_1, ENI_1, "10.0.1.10");
        model.routeTable(RTB_A).routeTable(RTB_B).routeTable(RTB_C);

        assertThat(address().build().holder()).isEmpty();
    }

    @Test
    void tablesThatDisagreeAreReportedWithWhoPointsWhere() {
        model.route(RTB_B, CIDR, ENI_2);

        assertThatThrownBy(() -> address().build().holder())
                .isInstanceOfSatisfying(InconsistentRoutesException.class, e -> {
                    assertThat(e.targets()).containsEntry(RTB_A, ENI_1 + " (ctl1), active")
                            .containsEntry(RTB_B, ENI_2 + " (ctl2), active");
                    assertThat(e.getMessage()).contains(RTB_B + " -> " + ENI_2 + " (ctl2)");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void aBlackholeRouteIsReportedNotHidden() {
        model.get(I_1).state("stopped");

        assertThatThrownBy(() -> address().build().holder())
                .isInstanceOfSatisfying(InconsistentRoutesException.class,
                        e -> assertThat(e.targets()).containsEntry(RTB_A, ENI_1 + " (ctl1), blackhole"));
    }

    @Test
    void aTableWithoutTheRouteWhileOthersHaveItIsReported() {
        model = ec2.reset();
        model.instance(I_1, ENI_1, "10.0.1.10");
        model.routeTable(RTB_A).routeTable(RTB_B).routeTable(RTB_C);
        model.route(RTB_A, CIDR, ENI_1).route(RTB_B, CIDR, ENI_1);

        assertThatThrownBy(() -> address().build().holder())
                .isInstanceOfSatisfying(InconsistentRoutesException.class,
                        e -> assertThat(e.targets()).containsEntry(RTB_C, "no route"));
    }

    @Test
    void aRouteToAnInterfaceOfNoConfiguredNodeIsReported() {
        model.instance(I_FOREIGN, ENI_FOREIGN, "10.0.3.10");
        model.route(RTB_A, CIDR, ENI_FOREIGN).route(RTB_B, CIDR, ENI_FOREIGN).route(RTB_C, CIDR, ENI_FOREIGN);

        assertThatThrownBy(() -> address().build().holder())
                .isInstanceOfSatisfying(InconsistentRoutesException.class,
                        e -> assertThat(e.targets()).containsEntry(RTB_A, ENI_FOREIGN + " (not a configured node), active"));
    }

    @Test
    void assignToRewritesEveryTableByNetworkInterfaceIdAndVerifies() {
        AwsOverlayIpAddress a = address().build();

        a.assignTo(CTL2);

        for (String t : List.of(RTB_A, RTB_B, RTB_C)) {
            assertThat(model.routeTarget(t, CIDR)).isEqualTo(ENI_2);
        }
        assertThat(ec2.requests("ReplaceRoute")).hasSize(3).allSatisfy(r -> assertThat(r)
                .containsEntry("DestinationCidrBlock", CIDR).containsEntry("NetworkInterfaceId", ENI_2)
                .doesNotContainKey("InstanceId"));
        assertThat(ec2.actions()).containsExactly("DescribeRouteTables", "ReplaceRoute", "ReplaceRoute", "ReplaceRoute",
                "DescribeRouteTables");
        assertThat(a.holder()).contains(CTL2);
    }

    @Test
    void assignToTheHolderWritesNothing() {
        address().build().assignTo(CTL1);

        assertThat(ec2.calls("ReplaceRoute")).isZero();
        assertThat(ec2.calls("CreateRoute")).isZero();
        assertThat(ec2.actions()).containsExactly("DescribeRouteTables");
    }

    @Test
    void assignToWritesOnlyTheTablesThatDoNotPointAtTheTargetYet() {
        model.route(RTB_B, CIDR, ENI_2);

        address().build().assignTo(CTL2);

        assertThat(ec2.requests("ReplaceRoute")).extracting(r -> r.get("RouteTableId")).containsExactly(RTB_A, RTB_C);
    }

    @Test
    void assignToRepairsABlackhole() {
        model.get(I_1).state("stopped");

        address().build().assignTo(CTL2);

        assertThat(address().build().holder()).contains(CTL2);
    }

    @Test
    void aSecondTableFailingMidMoveMovesTheFirstBackAndSaysWhereEachTablePoints() {
        ec2.on("ReplaceRoute").where("RouteTableId", RTB_B).where("NetworkInterfaceId", ENI_2)
                .error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.");

        assertThatThrownBy(() -> address().build().assignTo(CTL2))
                .isInstanceOfSatisfying(OperationRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo("UnauthorizedOperation");
                    assertThat(e.getMessage()).contains("failed at " + RTB_B).contains("moved back [" + RTB_A + "]")
                            .contains(RTB_A + " -> " + ENI_1 + " (ctl1), active")
                            .contains(RTB_B + " -> " + ENI_1 + " (ctl1), active")
                            .contains(RTB_C + " -> " + ENI_1 + " (ctl1), active")
                            .contains("ec2:ReplaceRoute");
                });
        for (String t : List.of(RTB_A, RTB_B, RTB_C)) {
            assertThat(model.routeTarget(t, CIDR)).as(t).isEqualTo(ENI_1);
        }
        assertThat(ec2.requests("ReplaceRoute")).extracting(r -> r.get("RouteTableId") + "->" + r.get("NetworkInterfaceId"))
                .containsExactly(RTB_A + "->" + ENI_2, RTB_B + "->" + ENI_2, RTB_A + "->" + ENI_1);
        assertThat(address().build().holder()).contains(CTL1);
    }

    @Test
    void aRollbackThatFailsTooIsReportedWithTheStateLeftBehind() {
        ec2.on("ReplaceRoute").where("RouteTableId", RTB_C).throttle();
        ec2.on("ReplaceRoute").where("RouteTableId", RTB_A).where("NetworkInterfaceId", ENI_1).throttle();

        assertThatThrownBy(() -> address().build().assignTo(CTL2))
                .isInstanceOfSatisfying(BackendUnavailableException.class, e -> assertThat(e.getMessage())
                        .contains("failed at " + RTB_C).contains("could not move back [" + RTB_A)
                        .contains(RTB_A + " -> " + ENI_2 + " (ctl2), active")
                        .contains(RTB_B + " -> " + ENI_1 + " (ctl1), active"));
        assertThat(model.routeTarget(RTB_A, CIDR)).isEqualTo(ENI_2);
        assertThat(model.routeTarget(RTB_B, CIDR)).isEqualTo(ENI_1);
    }

    @Test
    void aMissingRouteIsAClearErrorBeforeAnythingIsWritten() {
        model = ec2.reset();
        model.instance(I_1, ENI_1, "10.0.1.10");
        model.instance(I_2, ENI_2, "10.0.2.10");
        model.routeTable(RTB_A).routeTable(RTB_B).routeTable(RTB_C);
        model.route(RTB_A, CIDR, ENI_1).route(RTB_B, CIDR, ENI_1);

        assertThatThrownBy(() -> address().build().assignTo(CTL2))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("does not exist in [" + RTB_C + "]").hasMessageContaining("createMissingRoute(true)");
        assertThat(ec2.calls("ReplaceRoute")).isZero();
    }

    @Test
    void aRouteThatVanishesBeforeTheWriteIsReportedFromEc2sInvalidParameterValue() {
        ec2.on("ReplaceRoute").where("RouteTableId", RTB_B).error(400, "InvalidParameterValue",
                "There is no route defined for '" + CIDR + "' in the route table. Use CreateRoute instead.");

        assertThatThrownBy(() -> address().build().assignTo(CTL2))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("route " + CIDR + " does not exist in " + RTB_B)
                .hasMessageContaining("moved back [" + RTB_A + "]");
        assertThat(model.routeTarget(RTB_A, CIDR)).isEqualTo(ENI_1);
    }

    @Test
    void missingRoutesAreCreatedWhenConfiguredAndDeletedAgainOnRollback() {
        model = ec2.reset();
        model.instance(I_1, ENI_1, "10.0.1.10");
        model.instance(I_2, ENI_2, "10.0.2.10");
        model.routeTable(RTB_A).routeTable(RTB_B).routeTable(RTB_C);

        address().createMissingRoute(true).build().assignTo(CTL2);

        assertThat(ec2.requests("CreateRoute")).extracting(r -> r.get("RouteTableId")).containsExactly(RTB_A, RTB_B, RTB_C);
        assertThat(address().build().holder()).contains(CTL2);

        ec2.reset();
        model = ec2.model();
        model.instance(I_1, ENI_1, "10.0.1.10");
        model.instance(I_2, ENI_2, "10.0.2.10");
        model.routeTable(RTB_A).routeTable(RTB_B).routeTable(RTB_C);
        ec2.on("CreateRoute").where("RouteTableId", RTB_C).throttle();

        assertThatThrownBy(() -> address().createMissingRoute(true).build().assignTo(CTL2))
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("moved back [" + RTB_B + ", " + RTB_A + "]");
        assertThat(ec2.requests("DeleteRoute")).extracting(r -> r.get("RouteTableId")).containsExactly(RTB_B, RTB_A);
        assertThat(model.hasRoute(RTB_A, CIDR)).isFalse();
        assertThat(model.hasRoute(RTB_B, CIDR)).isFalse();
    }

    @Test
    void throttlingIsRetriedByTheSdkOnlyThenSucceeds() {
        ec2.on("ReplaceRoute").where("RouteTableId", RTB_A).times(1).throttle();

        address().build().assignTo(CTL2);

        assertThat(ec2.requests("ReplaceRoute")).extracting(r -> r.get("RouteTableId")).containsExactly(RTB_A, RTB_A, RTB_B, RTB_C);
        assertThat(model.routeTarget(RTB_A, CIDR)).isEqualTo(ENI_2);
    }

    @Test
    void verificationWaitsOnTheInjectedClockUntilEc2ShowsTheMove() {
        model.staleRouteReadsAfterWrite(3);

        address().build().assignTo(CTL2);

        assertThat(ec2.calls("DescribeRouteTables")).isEqualTo(1 + 4);
        assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START.plusSeconds(3));
    }

    @Test
    void verificationThatNeverSeesTheMoveGivesUpAtTheDeadlineAndSaysWhatItLastRead() {
        model.staleRouteReadsAfterWrite(1000);

        assertThatThrownBy(() -> address().verifyTimeout(Duration.ofSeconds(10)).verifyInterval(Duration.ofSeconds(2))
                .build().assignTo(CTL2))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("gave up after PT10S").hasMessageContaining(RTB_A + " -> " + ENI_1 + " (ctl1)");
        assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START.plusSeconds(10));
        assertThat(ec2.calls("DescribeRouteTables")).isEqualTo(1 + 6);
    }

    @Test
    void anUnknownNodeIsNotFoundAndAnUnknownTableIsNotFound() {
        assertThatThrownBy(() -> address().build().assignTo(NodeId.of("ctl9"))).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("ctl9");
        assertThatThrownBy(() -> address().routeTables(List.of(RTB_A, "rtb-0ddddddddddddddd4")).build().holder())
                .isInstanceOf(NotFoundException.class).hasMessageContaining("InvalidRouteTableID.NotFound")
                .hasMessageContaining("rtb-0ddddddddddddddd4");
    }

    @Test
    void unauthorizedOperationNamesTheMissingIamAction() {
        ec2.on("DescribeRouteTables").error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.");

        assertThatThrownBy(() -> address().build().holder())
                .isInstanceOfSatisfying(OperationRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo("UnauthorizedOperation");
                    assertThat(e.getMessage()).contains("ec2:DescribeRouteTables");
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(ec2.calls("DescribeRouteTables")).isEqualTo(1);
    }

    @Test
    void interfacesCanBeDiscoveredFromInstanceTags() {
        model.get(I_1).tag("hpc-ha:cluster", "prod").tag("hpc-ha:controller", "ctl1");
        model.get(I_2).tag("hpc-ha:cluster", "prod").tag("hpc-ha:controller", "ctl2");
        TaggedNetworkInterfaces tagged = TaggedNetworkInterfaces.builder().ec2(client).callSettings(Ec2StandIn.fastRetries(1))
                .clusterTag("hpc-ha:cluster", "prod").nodeNameTag("hpc-ha:controller").build();
        AwsOverlayIpAddress a = AwsOverlayIpAddress.builder().ec2(client).callSettings(Ec2StandIn.fastRetries(1))
                .address(ADDRESS).routeTables(List.of(RTB_A, RTB_B, RTB_C)).networkInterfaces(tagged)
                .clock(clock).sleeper(clock).build();

        a.assignTo(CTL2);

        assertThat(tagged.interfaces()).isEqualTo(Map.of(CTL1, ENI_1, CTL2, ENI_2));
        assertThat(a.holder()).contains(CTL2);
        assertThat(ec2.requests("DescribeInstances")).hasSize(1).first().satisfies(r -> assertThat(r)
                .containsEntry("Filter.1.Name", "tag:hpc-ha:cluster").containsEntry("Filter.1.Value.1", "prod"));
    }

    @Test
    void builderRefusesWhatCannotWork() {
        assertThatThrownBy(() -> AwsOverlayIpAddress.builder().address("192.168.2.050")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> AwsOverlayIpAddress.builder().routeTables(List.of("rtb-xyz"))).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> AwsOverlayIpAddress.builder().networkInterface(CTL1, "i-0c111111111111111"))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> AwsOverlayIpAddress.builder().ec2(client).address(ADDRESS).networkInterface(CTL1, ENI_1).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("route tables");
        assertThatThrownBy(() -> address().networkInterface(CTL2, ENI_1).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("two nodes");
    }
}
