package io.hpcha.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.Health;
import io.hpcha.ProbeResult;
import io.hpcha.aws.standin.Ec2Model;
import io.hpcha.aws.standin.Ec2StandIn;
import io.hpcha.testkit.ManualClock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

class Ec2StatusProbeTest {
    static final String NODE = "hpc-ha:node";

    static Ec2StandIn ec2;
    static Ec2Client client;
    Ec2Model model;
    ManualClock clock = new ManualClock();

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

    Ec2StatusProbe probe() {
        Ec2ComputeFleet fleet = Ec2ComputeFleet.builder().ec2(client).callSettings(Ec2StandIn.fastRetries(2))
                .clusterTag("hpc-ha:cluster", "prod").nodeNameTag(NODE).standbyTag("hpc-ha:standby", "true").build();
        return Ec2StatusProbe.builder().fleet(fleet).clock(clock).build();
    }

    Ec2Model.Instance node(String id, String name) {
        return model.instance(id).tag("hpc-ha:cluster", "prod").tag(NODE, name);
    }

    Map<String, ProbeResult> results() {
        return probe().probe().stream().collect(Collectors.toMap(ProbeResult::subject, Function.identity()));
    }

    @Test
    void aRunningInstanceWithPassingChecksIsHealthy() {
        node("i-0a000000000000001", "n1");

        assertThat(probe().probe()).singleElement().satisfies(r -> {
            assertThat(r.probe()).isEqualTo("ec2-status");
            assertThat(r.subject()).isEqualTo("i-0a000000000000001");
            assertThat(r.health()).isEqualTo(Health.HEALTHY);
            assertThat(r.detail()).isEqualTo("node n1: running, checks ok");
            assertThat(r.observedAt()).isEqualTo(ManualClock.DEFAULT_START);
        });
    }

    @Test
    void impairedChecksAreUnhealthy() {
        node("i-0a000000000000001", "n1").checks("impaired", "ok");
        node("i-0b000000000000002", "n2").checks("ok", "impaired");

        Map<String, ProbeResult> r = results();
        assertThat(r.get("i-0a000000000000001").health()).isEqualTo(Health.UNHEALTHY);
        assertThat(r.get("i-0a000000000000001").detail()).contains("system status check impaired");
        assertThat(r.get("i-0b000000000000002").health()).isEqualTo(Health.UNHEALTHY);
        assertThat(r.get("i-0b000000000000002").detail()).contains("instance status check impaired");
    }

    @Test
    void scheduledEventsAreDegradedWithTheReasonAndTheStartTime() {
        node("i-0a000000000000001", "n1").event("system-maintenance", "scheduled hardware maintenance",
                Instant.parse("2026-01-12T03:00:00Z"), Instant.parse("2026-01-12T05:00:00Z"));
        node("i-0b000000000000002", "n2").event("instance-stop", "The instance is running on degraded hardware",
                Instant.parse("2026-01-09T00:00:00Z"), null);
        node("i-0c000000000000003", "n3").event("instance-reboot", "[Canceled] scheduled reboot",
                Instant.parse("2026-01-09T00:00:00Z"), null);

        Map<String, ProbeResult> r = results();
        assertThat(r.get("i-0a000000000000001").health()).isEqualTo(Health.DEGRADED);
        assertThat(r.get("i-0a000000000000001").detail())
                .isEqualTo("node n1: scheduled system-maintenance from 2026-01-12T03:00:00Z to 2026-01-12T05:00:00Z: "
                        + "scheduled hardware maintenance");
        assertThat(r.get("i-0b000000000000002").health()).isEqualTo(Health.DEGRADED);
        assertThat(r.get("i-0b000000000000002").detail()).contains("instance-stop from 2026-01-09T00:00:00Z");
        assertThat(r.get("i-0c000000000000003").health()).isEqualTo(Health.HEALTHY);
    }

    @Test
    void anImpairedInstanceWithAnEventIsUnhealthyAndSaysBoth() {
        node("i-0a000000000000001", "n1").checks("impaired", "impaired").event("instance-retirement", "degraded hardware",
                Instant.parse("2026-01-12T03:00:00Z"), null);

        ProbeResult r = results().get("i-0a000000000000001");
        assertThat(r.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(r.detail()).contains("system status check impaired").contains("instance-retirement");
    }

    @Test
    void stoppedOrTerminatedInstancesThatShouldRunAreUnhealthy() {
        node("i-0a000000000000001", "n1").state("stopped");
        node("i-0b000000000000002", "n2").state("terminated");
        node("i-0c000000000000003", "n3").state("stopping");

        Map<String, ProbeResult> r = results();
        assertThat(r.get("i-0a000000000000001").health()).isEqualTo(Health.UNHEALTHY);
        assertThat(r.get("i-0a000000000000001").detail()).isEqualTo("node n1: stopped but should be running");
        assertThat(r.get("i-0b000000000000002").health()).isEqualTo(Health.UNHEALTHY);
        assertThat(r.get("i-0c000000000000003").health()).isEqualTo(Health.UNHEALTHY);
    }

    @Test
    void aStoppedStandbyIsHealthyAndATerminatedInstanceWhoseNodeWasReplacedIsToo() {
        model.instance("i-0a000000000000001").tag("hpc-ha:cluster", "prod").tag("hpc-ha:standby", "true").state("stopped");
        node("i-0b000000000000002", "n2").state("terminated");
        node("i-0c000000000000003", "n2");

        Map<String, ProbeResult> r = results();
        assertThat(r.get("i-0a000000000000001").health()).isEqualTo(Health.HEALTHY);
        assertThat(r.get("i-0a000000000000001").detail()).isEqualTo("stopped (standby)");
        assertThat(r.get("i-0b000000000000002").health()).isEqualTo(Health.HEALTHY);
        assertThat(r.get("i-0b000000000000002").detail()).contains("replaced by i-0c000000000000003");
    }

    @Test
    void checksWithoutDataAreUnknownAndInitializingChecksDegraded() {
        node("i-0a000000000000001", "n1").checks("insufficient-data", "ok");
        node("i-0b000000000000002", "n2").checks("ok", "initializing");

        Map<String, ProbeResult> r = results();
        assertThat(r.get("i-0a000000000000001").health()).isEqualTo(Health.UNKNOWN);
        assertThat(r.get("i-0b000000000000002").health()).isEqualTo(Health.DEGRADED);
    }

    @Test
    void aProbeThatCannotAskEc2ThrowsInsteadOfReportingInstancesUnhealthy() {
        node("i-0a000000000000001", "n1");
        ec2.on("DescribeInstanceStatus").throttle();

        assertThatThrownBy(() -> probe().probe()).isInstanceOf(BackendUnavailableException.class);
    }
}
