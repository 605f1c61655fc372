package io.hpcha.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.NodeFlag;
import io.hpcha.NodeState;
import io.hpcha.SchedulerNode;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.slurm.internal.NodesText;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scontrol show node -o reader on real 22.05 output and on older short forms. */
class NodesTextTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void allIdle() {
        List<SchedulerNode> nodes = NodesText.parse(Fixture.load("slurm-22.05/scontrol-show-node-o.txt").output(), UTC);
        assertThat(nodes).extracting(n -> n.name().value()).containsExactly("n1", "n2", "n3");
        assertThat(nodes).allSatisfy(n -> {
            assertThat(n.state()).isEqualTo(NodeState.IDLE);
            assertThat(n.address()).contains("127.0.0.1");
            assertThat(n.rawState()).isEqualTo("IDLE");
        });
    }

    @Test
    void reasonRunsToTheEndOfTheLineWithUserAndLocalTime() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        SchedulerNode n3 = NodesText.parse(Fixture.load("slurm-22.05/scontrol-show-node-o-one-down.txt").output(), berlin).get(2);
        assertThat(n3.state()).isEqualTo(NodeState.DOWN);
        assertThat(n3.flags()).containsExactly(NodeFlag.NOT_RESPONDING);
        assertThat(n3.reason()).hasValueSatisfying(r -> {
            assertThat(r.text()).isEqualTo("Not responding");
            assertThat(r.setBy()).contains("root");
            assertThat(r.since()).contains(LocalDateTime.parse("2026-11-23T06:37:44").atZone(berlin).toInstant());
        });
    }

    @Test
    void drainingDrainedMaintenance() {
        Map<String, SchedulerNode> nodes = NodesJsonTest.byName(
                NodesText.parse(Fixture.load("slurm-22.05/scontrol-show-node-o-states.txt").output(), UTC));
        assertThat(nodes.get("n1").state()).isEqualTo(NodeState.ALLOCATED);
        assertThat(nodes.get("n1").flags()).containsExactlyInAnyOrder(NodeFlag.DRAIN, NodeFlag.DRAINING);
        assertThat(nodes.get("n1").reason().orElseThrow().text()).isEqualTo("planned maintenance");
        assertThat(nodes.get("n1").reason().orElseThrow().since()).contains(Instant.parse("2026-11-23T09:50:57Z"));
        assertThat(nodes.get("n2").flags()).containsExactlyInAnyOrder(NodeFlag.DRAIN, NodeFlag.DRAINED);
        assertThat(nodes.get("n3").flags()).containsExactlyInAnyOrder(NodeFlag.MAINT, NodeFlag.RESERVED);
        assertThat(nodes.get("n3").rawState()).isEqualTo("IDLE+MAINTENANCE+RESERVED");
    }

    @Test
    void nextStateIsNotStateAndReasonMayHoldEqualsSigns() {
        String line = "NodeName=c1 Arch=x86_64 NextState=RESUME NodeAddr=10.1.2.3 State=DOWN+DRAIN+REBOOT_ISSUED"
                + " Partitions=batch Reason=reboot: bios=2.1 [admin@2026-01-02T03:04:05]\n";
        SchedulerNode c1 = NodesText.parse(line, UTC).get(0);
        assertThat(c1.state()).isEqualTo(NodeState.DOWN);
        assertThat(c1.flags()).containsExactlyInAnyOrder(NodeFlag.DRAIN, NodeFlag.DRAINED, NodeFlag.REBOOT_ISSUED);
        assertThat(c1.reason().orElseThrow().text()).isEqualTo("reboot: bios=2.1");
        assertThat(c1.reason().orElseThrow().setBy()).contains("admin");
        assertThat(c1.address()).contains("10.1.2.3");
    }

    @Test
    void olderShortFormsWithSuffixCharacters() {
        String out = "NodeName=a State=IDLE~ Reason=(null)\n"
                + "NodeName=b State=DOWN* Reason=Not responding\n"
                + "NodeName=c State=DRAINED\n"
                + "NodeName=d State=MIXED#\n";
        Map<String, SchedulerNode> nodes = NodesJsonTest.byName(NodesText.parse(out, UTC));
        assertThat(nodes.get("a").flags()).containsExactly(NodeFlag.POWERED_DOWN);
        assertThat(nodes.get("a").reason()).isEmpty();
        assertThat(nodes.get("b").flags()).containsExactly(NodeFlag.NOT_RESPONDING);
        assertThat(nodes.get("b").reason().orElseThrow().setBy()).isEmpty();
        assertThat(nodes.get("c").flags()).containsExactlyInAnyOrder(NodeFlag.DRAIN, NodeFlag.DRAINED);
        assertThat(nodes.get("d").flags()).containsExactly(NodeFlag.POWERING_UP);
    }

    @Test
    void noNodesAndUnexpectedLines() {
        assertThat(NodesText.parse("No nodes in the system\n", UTC)).isEmpty();
        assertThat(NodesText.parse("", UTC)).isEmpty();
        assertThatThrownBy(() -> NodesText.parse("garbage\n", UTC)).isInstanceOf(UnexpectedOutputException.class);
        assertThatThrownBy(() -> NodesText.parse("NodeName=a Arch=x86_64\n", UTC)).isInstanceOf(UnexpectedOutputException.class);
        assertThatThrownBy(() -> NodesText.parse("NodeName=a State=SNOOZING\n", UTC)).isInstanceOf(UnexpectedOutputException.class);
    }
}
