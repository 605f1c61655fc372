package io.hpcha.aws;

import io.hpcha.FloatingAddress;
import io.hpcha.NodeId;
import io.hpcha.aws.standin.Ec2Model;
import io.hpcha.aws.standin.Ec2StandIn;
import io.hpcha.testkit.FloatingAddressCompatibilityKit;
import io.hpcha.testkit.ManualClock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The FloatingAddress contract, for the overlay (route table) mode against the EC2 stand-in. */
class AwsOverlayIpAddressCompatibilityTest extends FloatingAddressCompatibilityKit {
    static Ec2StandIn ec2;
    static Ec2Client client;
    private boolean seeded;
    private final ManualClock clock = new ManualClock();

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

    @Override
    protected FloatingAddress createAddress() {
        if (!seeded) {
            Ec2Model model = ec2.reset();
            model.instance(Ids.I_1, Ids.ENI_1, "10.0.1.10");
            model.instance(Ids.I_2, Ids.ENI_2, "10.0.2.10");
            model.routeTable(Ids.RTB_A).routeTable(Ids.RTB_B);
            seeded = true;
        }
        return AwsOverlayIpAddress.builder().ec2(client).callSettings(Ec2StandIn.fastRetries(3))
                .address("192.168.2.50").routeTables(List.of(Ids.RTB_A, Ids.RTB_B))
                .networkInterface(NodeId.of("ctl1"), Ids.ENI_1).networkInterface(NodeId.of("ctl2"), Ids.ENI_2)
                .createMissingRoute(true).clock(clock).sleeper(clock).build();
    }

    @Override
    protected List<NodeId> candidates() {
        return List.of(NodeId.of("ctl1"), NodeId.of("ctl2"));
    }
}
