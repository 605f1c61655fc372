package io.hpcha.aws;

import io.hpcha.HealthProbe;
import io.hpcha.aws.standin.Ec2Model;
import io.hpcha.aws.standin.Ec2StandIn;
import io.hpcha.testkit.HealthProbeCompatibilityKit;
import io.hpcha.testkit.ManualClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The HealthProbe contract for the EC2 status probe against the EC2 stand-in. */
class Ec2StatusProbeCompatibilityTest extends HealthProbeCompatibilityKit {
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
    protected HealthProbe createProbe() {
        if (!seeded) {
            Ec2Model model = ec2.reset();
            model.instance("i-0a000000000000001").tag("hpc-ha:cluster", "prod").tag("hpc-ha:node", "n1");
            model.instance("i-0a000000000000002").tag("hpc-ha:cluster", "prod").tag("hpc-ha:node", "n2").checks("impaired", "ok");
            model.instance("i-0a000000000000003").tag("hpc-ha:cluster", "prod").tag("hpc-ha:node", "n3")
                    .event("system-reboot", "scheduled reboot", Instant.parse("2026-01-05T00:00:00Z"), null);
            seeded = true;
        }
        Ec2ComputeFleet fleet = Ec2ComputeFleet.builder().ec2(client).callSettings(Ec2StandIn.fastRetries(3))
                .clusterTag("hpc-ha:cluster", "prod").nodeNameTag("hpc-ha:node").build();
        return Ec2StatusProbe.builder().fleet(fleet).clock(new ManualClock()).build();
    }
}
