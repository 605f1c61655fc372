package io.hpcha.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.hpcha.ControllerRole;
import io.hpcha.ControllerStatus;
import io.hpcha.Health;
import io.hpcha.NodeFlag;
import io.hpcha.NodeId;
import io.hpcha.NodeReason;
import io.hpcha.NodeState;
import io.hpcha.OperationRefusedException;
import io.hpcha.ProbeResult;
import io.hpcha.SchedulerNode;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** SlurmScheduler against a real slurmctld and three real slurmd (scripts/slurm-testbed.sh). */
@ExtendWith(SlurmTestbedExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SlurmSchedulerIT {
    private static SlurmTestbed testbed;
    private SlurmScheduler scheduler;

    @BeforeAll
    static void setUp(SlurmTestbed t) {
        testbed = t;
    }

    @BeforeEach
    void restore() {
        testbed.restore();
        scheduler = testbed.scheduler();
    }

    @AfterAll
    static void leaveTheTestbedAsFound() {
        testbed.restore();
    }

    private static List<NodeId> ids(String... names) {
        return java.util.Arrays.stream(names).map(NodeId::of).toList();
    }

    private Map<String, SchedulerNode> nodes() {
        return scheduler.nodes().stream().collect(Collectors.toMap(n -> n.name().value(), Function.identity()));
    }

    @Test
    void listsTheNodesWithTheJsonOfThisSlurmVersion() {
        List<SchedulerNode> nodes = scheduler.nodes();
        assertThat(nodes).extracting(n -> n.name().value()).containsExactly("n1", "n2", "n3");
        assertThat(nodes).allSatisfy(n -> {
            assertThat(n.state()).isEqualTo(NodeState.IDLE);
            assertThat(n.isAvailable()).isTrue();
            assertThat(n.address()).contains("127.0.0.1");
        });
        SlurmVersion v = scheduler.version();
        assertThat(scheduler.nodeSource()).isEqualTo(v.atLeast(SlurmVersion.V23_02) ? NodeSource.SCONTROL_JSON
                : v.atLeast(SlurmVersion.V21_08) ? NodeSource.SINFO_JSON : NodeSource.SCONTROL_TEXT);
        assertThat(scheduler.returnToService()).isEqualTo(1);
    }

    @Test
    void drainIsOneScontrolCommandAndLeavesTheNodesDrainedWithReason() {
        RecordingRunner recording = new RecordingRunner(testbed.runner());
        SlurmScheduler s = SlurmScheduler.builder().runner(recording).build();
        Instant before = Instant.now().minusSeconds(2);
        s.drain(ids("n2", "n1"), "disk failure on /scratch");

        assertThat(recording.ran("scontrol", "update")).containsExactly(List.of("scontrol", "update", "nodename=n[1-2]",
                "state=DRAIN", "reason=disk failure on /scratch"));
        Map<String, SchedulerNode> nodes = nodes();
        for (String n : List.of("n1", "n2")) {
            assertThat(nodes.get(n).flags()).containsExactlyInAnyOrder(NodeFlag.DRAIN, NodeFlag.DRAINED);
            NodeReason reason = nodes.get(n).reason().orElseThrow();
            assertThat(reason.text()).isEqualTo("disk failure on /scratch");
            assertThat(reason.setBy()).contains("root");
            assertThat(reason.since()).hasValueSatisfying(t -> assertThat(t).isBetween(before, Instant.now().plusSeconds(2)));
        }
        assertThat(nodes.get("n3").isAvailable()).isTrue();
    }

    @Test
    void everyNodeSourceReadsTheSameStates() {
        scheduler.drain(ids("n2"), "compare sources");
        scheduler.markDown(ids("n3"), "compare sources too");
        List<SchedulerNode> json = scheduler.nodes();
        List<SchedulerNode> text = SlurmScheduler.builder().runner(testbed.runner()).nodeSource(NodeSource.SCONTROL_TEXT)
                .build().nodes();
        assertThat(text).hasSameSizeAs(json);
        for (int i = 0; i < json.size(); i++) {
            SchedulerNode a = json.get(i);
            SchedulerNode b = text.get(i);
            assertThat(b.name()).isEqualTo(a.name());
            assertThat(b.state()).as(a.name().value()).isEqualTo(a.state());
            assertThat(b.flags()).as(a.name().value()).isEqualTo(a.flags());
            assertThat(b.reason()).as(a.name().value()).isEqualTo(a.reason());
            assertThat(b.address()).isEqualTo(a.address());
        }
    }

    @Test
    void aDrainWithARunningJobIsDrainingAndTheProbeSaysDegraded() {
        assertThat(testbed.slurm("sbatch", "--nodelist=n1", "--output=/dev/null", "--chdir=/", "--wrap=sleep 60").succeeded()).isTrue();
        SlurmTestbed.await(Duration.ofSeconds(30), "n1 allocated", () -> nodes().get("n1").state() == NodeState.ALLOCATED);
        scheduler.drain(ids("n1"), "drain after the job");
        SchedulerNode n1 = nodes().get("n1");
        assertThat(n1.flags()).containsExactlyInAnyOrder(NodeFlag.DRAIN, NodeFlag.DRAINING);
        ProbeResult r = SlurmNodeProbe.builder().scheduler(scheduler).build().probe().get(0);
        assertThat(r.subject()).isEqualTo("n1");
        assertThat(r.health()).isEqualTo(Health.DEGRADED);
        assertThat(r.detail()).startsWith("allocated+DRAIN: drain after the job (by root");
    }

    @Test
    void resumeReturnsDrainedAndDownNodesToServiceAndIsIdempotent() {
        scheduler.drain(ids("n1"), "to resume");
        scheduler.markDown(ids("n2"), "to resume");
        scheduler.resume(ids("n1", "n2", "n3"));
        SlurmTestbed.await(Duration.ofSeconds(20), "all available", () -> scheduler.nodes().stream().allMatch(SchedulerNode::isAvailable));
        scheduler.resume(ids("n1", "n2", "n3"));
        assertThat(scheduler.nodes()).allSatisfy(n -> assertThat(n.isDrained()).isFalse());
    }

    @Test
    void markDownStaysDownWithReturnToService1() {
        scheduler.markDown(ids("n3"), "replaced disk");
        SchedulerNode n3 = nodes().get("n3");
        assertThat(n3.state()).isEqualTo(NodeState.DOWN);
        assertThat(n3.reason().orElseThrow().text()).isEqualTo("replaced disk");
        // for longer than SlurmdTimeout Slurm keeps hearing from the healthy slurmd and keeps the node down
        SlurmTestbed.holdsFor(testbed.slurmdTimeout().plusSeconds(2), "n3 stays DOWN",
                () -> nodes().get("n3").state() == NodeState.DOWN);
        assertThat(SlurmNodeProbe.health(nodes().get("n3"))).isEqualTo(Health.UNHEALTHY);
    }

    @Test
    void aRequestNamingAnUnknownNodeChangesNothing() {
        RecordingRunner recording = new RecordingRunner(testbed.runner());
        SlurmScheduler s = SlurmScheduler.builder().runner(recording).build();
        assertThatThrownBy(() -> s.drain(ids("n1", "nosuchnode99"), "partial"))
                .isInstanceOf(UnknownNodesException.class)
                .asInstanceOf(type(UnknownNodesException.class)).satisfies(e -> {
                    assertThat(e.report().unknown()).containsExactly(NodeId.of("nosuchnode99"));
                    assertThat(e.report().notInRequestedState()).containsExactly(NodeId.of("n1"));
                });
        assertThat(recording.ran("scontrol", "update")).isEmpty();
        assertThat(nodes().values()).allSatisfy(n -> assertThat(n.isAvailable()).isTrue());
    }

    @Test
    void withoutTheCheckSlurmAppliesTheUpdateUpToTheUnknownNodeAndTheReportSaysSo() {
        // Slurm 22.05 drains n1, reaches nosuchnode99, stops and exits 1 with "Invalid node name specified"
        SlurmScheduler unchecked = SlurmScheduler.builder().runner(testbed.runner()).checkNodesExistFirst(false).build();
        assertThatThrownBy(() -> unchecked.drain(ids("n1", "nosuchnode99"), "partial"))
                .isInstanceOf(UnknownNodesException.class)
                .asInstanceOf(type(UnknownNodesException.class)).satisfies(e -> {
                    assertThat(e.report().unknown()).containsExactly(NodeId.of("nosuchnode99"));
                    assertThat(e.report().inRequestedState()).containsExactly(NodeId.of("n1"));
                    assertThat(e.report().slurmErrors()).singleElement().asString().contains("Invalid node name specified");
                });
        assertThat(nodes().get("n1").isDrained()).isTrue();
        assertThat(nodes().get("n2").isAvailable()).isTrue();
    }

    @Test
    void aUserWhoIsNotASlurmAdminIsRefused() {
        SlurmScheduler nobody = SlurmScheduler.builder().runner(RecordingRunner.asNobody(testbed.runner())).build();
        assertThat(nobody.nodes()).hasSize(3);
        assertThatThrownBy(() -> nobody.drain(ids("n1"), "not mine"))
                .isInstanceOf(OperationRefusedException.class).hasMessageContaining("Invalid user id");
        assertThat(nodes().get("n1").isDrained()).isFalse();
    }

    @Test
    void updateAddressPointsSlurmAtAReplacedInstance() {
        scheduler.updateAddress(NodeId.of("n1"), "127.0.0.2", "n1-replaced");
        try {
            assertThat(nodes().get("n1").address()).contains("127.0.0.2");
            // slurmd listens on every loopback address, so the node keeps answering at its new address
            SlurmTestbed.await(Duration.ofSeconds(20), "n1 still responding", () -> nodes().get("n1").isAvailable());
            assertThat(testbed.slurm("scontrol", "show", "node", "n1").stdout()).contains("NodeHostName=n1-replaced");
        } finally {
            scheduler.updateAddress(NodeId.of("n1"), "127.0.0.1", "n1");
        }
        assertThat(nodes().get("n1").address()).contains("127.0.0.1");
    }

    @Test
    void oneControllerAndNoBackupToTakeOver() throws Exception {
        String host = InetAddress.getLocalHost().getHostName().split("\\.")[0];
        assertThat(scheduler.controllers()).containsExactly(new ControllerStatus(host, ControllerRole.PRIMARY, 0, true));
        assertThatThrownBy(scheduler::takeover).isInstanceOf(OperationRefusedException.class)
                .satisfies(e -> assertThat(((OperationRefusedException) e).code()).isEqualTo("no-backup-controller"));
    }
}
