package io.hpcha.aws;

import io.hpcha.ComputeFleet;
import io.hpcha.aws.standin.Ec2Model;
import io.hpcha.aws.standin.Ec2StandIn;
import io.hpcha.testkit.ComputeFleetCompatibilityKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The ComputeFleet contract against the EC2 stand-in. */
class Ec2ComputeFleetCompatibilityTest extends ComputeFleetCompatibilityKit {
    static Ec2StandIn ec2;
    static Ec2Client client;
    private boolean seeded;

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
    protected ComputeFleet createFleet() {
        if (!seeded) {
            Ec2Model model = ec2.reset();
            model.instance("i-0a000000000000001").tag("hpc-ha:cluster", "prod").tag("hpc-ha:node", "n1");
            model.instance("i-0a000000000000002").tag("hpc-ha:cluster", "prod").tag("hpc-ha:node", "n2");
            model.instance("i-0a000000000000003").tag("hpc-ha:cluster", "prod").tag("hpc-ha:node", "n3").state("stopped");
            model.instance("i-0d000000000000009").tag("hpc-ha:cluster", "dev").tag("hpc-ha:node", "n1");
            seeded = true;
        }
        return Ec2ComputeFleet.builder().ec2(client).callSettings(Ec2StandIn.fastRetries(3))
                .clusterTag("hpc-ha:cluster", "prod").nodeNameTag("hpc-ha:node").build();
    }
}
