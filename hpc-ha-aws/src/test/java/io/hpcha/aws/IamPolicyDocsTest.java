package io.hpcha.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.NodeId;
import io.hpcha.aws.standin.Ec2Model;
import io.hpcha.aws.standin.Ec2StandIn;
import io.hpcha.testkit.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The least-privilege policies in docs/iam allow every EC2 action each component really calls: each
 * component runs its operations against the stand-in, and the actions it sent are checked against
 * its policy document.
 */
class IamPolicyDocsTest {
    static final Path IAM = Path.of(System.getProperty("user.dir")).resolve("../docs/iam").normalize();
    static final Pattern ACTION_ENTRY = Pattern.compile("\"Action\"\\s*:\\s*(\\[[^\\]]*]|\"[^\"]*\")");
    static final Pattern ACTION = Pattern.compile("\"(ec2:[A-Za-z]+)\"");

    static Ec2StandIn ec2;
    static Ec2Client client;
    Ec2Model model;
    final ManualClock clock = new ManualClock();

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
    void controllersAndCompute() {
        model = ec2.reset();
        model.instance(Ids.I_1, Ids.ENI_1, "10.0.1.10").tag("c", "x").tag("ctl", "ctl1");
        model.instance(Ids.I_2, Ids.ENI_2, "10.0.1.20").tag("c", "x").tag("ctl", "ctl2");
        model.routeTable(Ids.RTB_A).routeTable(Ids.RTB_B).route(Ids.RTB_A, "192.168.2.50/32", Ids.ENI_1);
        model.instance("i-0a000000000000001").tag("cluster", "prod").tag("node", "n1");
        model.instance("i-0a000000000000002").tag("cluster", "prod").tag("standby", "true").state("stopped");
        model.launchTemplate("lt-0123456789abcdef0");
    }

    @Test
    void overlayAddressPolicyCoversWhatItCalls() throws IOException {
        TaggedNetworkInterfaces tagged = TaggedNetworkInterfaces.builder().ec2(client).clusterTag("c", "x").nodeNameTag("ctl").build();
        AwsOverlayIpAddress a = AwsOverlayIpAddress.builder().ec2(client).callSettings(Ec2StandIn.fastRetries(3))
                .address("192.168.2.50").routeTables(List.of(Ids.RTB_B, Ids.RTB_A)).networkInterfaces(tagged)
                .createMissingRoute(true).clock(clock).sleeper(clock).build();
        ec2.on("ReplaceRoute").where("RouteTableId", Ids.RTB_A).times(3).throttle();
        try {
            a.assignTo(NodeId.of("ctl2"));
        } catch (io.hpcha.BackendUnavailableException expected) {
            // the failed move created the route in RTB_B and deleted it again
        }
        a.assignTo(NodeId.of("ctl2"));
        a.holder();

        assertCovered("aws-overlay-ip.json", Set.of("DeleteRoute", "CreateRoute", "ReplaceRoute"));
    }

    @Test
    void secondaryAddressPolicyCoversWhatItCalls() throws IOException {
        TaggedNetworkInterfaces tagged = TaggedNetworkInterfaces.builder().ec2(client).clusterTag("c", "x").nodeNameTag("ctl").build();
        AwsSecondaryIpAddress a = AwsSecondaryIpAddress.builder().ec2(client).address("10.0.1.100")
                .networkInterfaces(tagged).clock(clock).sleeper(clock).build();
        a.assignTo(NodeId.of("ctl1"));

        assertCovered("aws-secondary-ip.json", Set.of("AssignPrivateIpAddresses"));
    }

    @Test
    void computeFleetPolicyCoversWhatItCalls() throws IOException {
        Ec2ComputeFleet fleet = Ec2ComputeFleet.builder().ec2(client).clusterTag("cluster", "prod").nodeNameTag("node")
                .standbyTag("standby", "true").launchTemplate(LaunchTemplateRef.byId("lt-0123456789abcdef0", "$Latest")).build();
        fleet.instances();
        fleet.reboot(List.of("i-0a000000000000001"));
        fleet.stop(List.of("i-0a000000000000001"), false);
        fleet.start(List.of("i-0a000000000000001"));
        fleet.claimStandby("i-0a000000000000002", NodeId.of("n2"));
        String id = fleet.launchReplacement(NodeId.of("n3"));
        fleet.terminate(List.of(id));

        assertCovered("ec2-compute-fleet.json", Set.of("RunInstances", "CreateTags", "DeleteTags", "TerminateInstances"));
    }

    @Test
    void statusProbePolicyCoversWhatItCalls() throws IOException {
        Ec2ComputeFleet fleet = Ec2ComputeFleet.builder().ec2(client).clusterTag("cluster", "prod").nodeNameTag("node").build();
        Ec2StatusProbe.builder().fleet(fleet).build().probe();

        assertCovered("ec2-status-probe.json", Set.of("DescribeInstanceStatus"));
    }

    /** Every action sent is allowed by the policy, which allows nothing else; {@code mustHaveSent} proves the run was thorough. */
    private void assertCovered(String policy, Set<String> mustHaveSent) throws IOException {
        Set<String> sent = ec2.actions().stream().map(a -> "ec2:" + a).collect(Collectors.toCollection(TreeSet::new));
        Set<String> allowed = new TreeSet<>();
        Matcher entries = ACTION_ENTRY.matcher(Files.readString(IAM.resolve(policy)));
        while (entries.find()) {
            Matcher m = ACTION.matcher(entries.group(1));
            while (m.find()) {
                allowed.add(m.group(1));
            }
        }
        assertThat(sent).containsAll(mustHaveSent.stream().map(a -> "ec2:" + a).toList());
        assertThat(allowed).as("actions allowed by " + policy).isEqualTo(sent);
    }
}
