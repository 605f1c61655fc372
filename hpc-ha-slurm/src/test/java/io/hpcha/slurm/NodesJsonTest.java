package io.hpcha.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.NodeFlag;
import io.hpcha.NodeId;
import io.hpcha.NodeState;
import io.hpcha.SchedulerNode;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.slurm.internal.NodesJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON node reader on real 22.05 output and on the 23.02-25.11 shapes (see fixtures/README.md). */
class NodesJsonTest {
    @Test
    void sinfoJson2205AllIdle() {
        NodesJson.Result r = NodesJson.parse(Fixture.load("slurm-22.05/sinfo-json-idle.txt").output());
        assertThat(r.errors()).isEmpty();
        assertThat(r.release()).contains("22.05.8");
        assertThat(r.nodes()).extracting(n -> n.name().value()).containsExactly("n1", "n2", "n3");
        assertThat(r.nodes()).allSatisfy(n -> {
            assertThat(n.state()).isEqualTo(NodeState.IDLE);
            assertThat(n.flags()).isEmpty();
            assertThat(n.reason()).isEmpty();
            assertThat(n.address()).contains("127.0.0.1");
            assertThat(n.isAvailable()).isTrue();
        });
    }

    @Test
    void sinfoJson2205OneNotResponding() {
        Map<String, SchedulerNode> nodes = byName(NodesJson.parse(Fixture.load("slurm-22.05/sinfo-json-one-down.txt").output()).nodes());
        SchedulerNode n3 = nodes.get("n3");
        assertThat(n3.state()).isEqualTo(NodeState.DOWN);
        assertThat(n3.flags()).containsExactly(NodeFlag.NOT_RESPONDING);
        assertThat(n3.rawState()).isEqualTo("down+NOT_RESPONDING");
        assertThat(n3.reason()).hasValueSatisfying(reason -> {
            assertThat(reason.text()).isEqualTo("Not responding");
            assertThat(reason.setBy()).contains("root");
            assertThat(reason.since()).contains(Instant.ofEpochSecond(1795415864));
        });
        assertThat(n3.isResponding()).isFalse();
        assertThat(nodes.get("n1").isAvailable()).isTrue();
    }

    @Test
    void sinfoJson2205DrainingDrainedAndMaintenance() {
        Map<String, SchedulerNode> nodes = byName(NodesJson.parse(Fixture.load("slurm-22.05/sinfo-json-states.txt").output()).nodes());
        assertThat(nodes.get("n1").state()).isEqualTo(NodeState.ALLOCATED);
        assertThat(nodes.get("n1").flags()).containsExactlyInAnyOrder(NodeFlag.DRAIN, NodeFlag.DRAINING);
        assertThat(nodes.get("n1").reason().orElseThrow().text()).isEqualTo("planned maintenance");
        assertThat(nodes.get("n2").state()).isEqualTo(NodeState.IDLE);
        assertThat(nodes.get("n2").flags()).containsExactlyInAnyOrder(NodeFlag.DRAIN, NodeFlag.DRAINED);
        assertThat(nodes.get("n3").flags()).containsExactlyInAnyOrder(NodeFlag.MAINT, NodeFlag.RESERVED);
        assertThat(nodes.get("n3").otherFlags()).isEmpty();
        assertThat(nodes.get("n3").reason()).isEmpty();
    }

    @Test
    void sinfoJson2205RightAfterControllerRestartIsUnknown() {
        List<SchedulerNode> nodes = NodesJson.parse(Fixture.load("slurm-22.05/sinfo-json-after-ctld-restart.txt").output()).nodes();
        assertThat(nodes).extracting(SchedulerNode::state).containsOnly(NodeState.UNKNOWN);
        assertThat(byName(nodes).get("n2").flags()).contains(NodeFlag.DRAIN, NodeFlag.DRAINED);
    }

    @Test
    void sinfoJson2205WithControllerDownHasErrorsAndNoNodes() {
        Fixture f = Fixture.load("slurm-22.05/sinfo-json-ctld-down.txt");
        assertThat(f.exitCode()).as("Slurm 22.05 exits 0 here").isZero();
        NodesJson.Result r = NodesJson.parse(f.output());
        assertThat(r.nodes()).isEmpty();
        assertThat(r.errors()).containsExactly("Unspecified error (errno -1)");
    }

    @Test
    void scontrolJson2302StateArraysAndNumericTimestamps() {
        NodesJson.Result r = NodesJson.parse(Fixture.load("slurm-23.02/scontrol-show-nodes-json.json").output());
        assertThat(r.release()).contains("23.02.4");
        Map<String, SchedulerNode> nodes = byName(r.nodes());
        assertThat(nodes.get("c001").state()).isEqualTo(NodeState.IDLE);
        assertThat(nodes.get("c001").reason()).isEmpty();
        SchedulerNode c002 = nodes.get("c002");
        assertThat(c002.state()).isEqualTo(NodeState.MIXED);
        assertThat(c002.flags()).containsExactlyInAnyOrder(NodeFlag.DRAIN, NodeFlag.DRAINING);
        assertThat(c002.rawState()).isEqualTo("MIXED+DRAIN");
        assertThat(c002.reason().orElseThrow().setBy()).contains("admin");
        assertThat(c002.reason().orElseThrow().since()).contains(Instant.ofEpochSecond(1700000200));
        assertThat(nodes.get("c003").flags()).containsExactly(NodeFlag.NOT_RESPONDING);
        assertThat(nodes.get("c004").flags()).containsExactlyInAnyOrder(NodeFlag.CLOUD, NodeFlag.POWERED_DOWN);
        assertThat(nodes.get("c004").address()).contains("c004");
    }

    @ParameterizedTest
    @ValueSource(strings = {"slurm-23.11", "slurm-24.05", "slurm-25.11"})
    void scontrolJson2311AndLaterTimestampObjects(String version) {
        NodesJson.Result r = NodesJson.parse(Fixture.load(version + "/scontrol-show-nodes-json.json").output());
        assertThat(r.errors()).isEmpty();
        assertThat(r.release()).hasValueSatisfying(rel -> assertThat(rel).startsWith(version.substring(6)));
        Map<String, SchedulerNode> nodes = byName(r.nodes());
        assertThat(nodes.get("c001").isAvailable()).isTrue();
        assertThat(nodes.get("c002").reason().orElseThrow().since()).contains(Instant.ofEpochSecond(1700000200));
        assertThat(nodes.get("c002").reason().orElseThrow().setBy()).contains("admin");
        assertThat(nodes.get("c003").state()).isEqualTo(NodeState.DOWN);
        assertThat(nodes.get("c005").flags()).containsExactlyInAnyOrder(NodeFlag.MAINT, NodeFlag.RESERVED);
        assertThat(nodes.get("c006").flags()).as("completing keeps a drain 'draining'")
                .containsExactlyInAnyOrder(NodeFlag.COMPLETING, NodeFlag.DRAIN, NodeFlag.DRAINING);
        SchedulerNode c007 = nodes.get("c007");
        assertThat(c007.flags()).containsExactly(NodeFlag.REBOOT_REQUESTED);
        assertThat(c007.otherFlags()).as("a flag from a newer Slurm is kept, not fatal")
                .containsExactly("FUTURE_FLAG_FROM_A_NEWER_SLURM");
    }

    @Test
    void dynamicNodesOf2511() {
        SchedulerNode dyn = byName(NodesJson.parse(Fixture.load("slurm-25.11/scontrol-show-nodes-json.json").output()).nodes()).get("dyn1");
        assertThat(dyn.state()).isEqualTo(NodeState.DOWN);
        assertThat(dyn.flags()).containsExactly(NodeFlag.DYNAMIC_NORM);
    }

    @Test
    void scontrolJson2311WithControllerDownReportsTheError() {
        NodesJson.Result r = NodesJson.parse(Fixture.load("slurm-23.11/scontrol-show-nodes-json-ctld-down.json").output());
        assertThat(r.nodes()).isEmpty();
        assertThat(r.errors()).singleElement().asString().contains("Unable to contact slurm controller");
    }

    @Test
    void unsetAndInfiniteTimestampsMeanNoTime() {
        String json = """
                {"nodes": [
                  {"name": "a", "state": ["DOWN"], "reason": "r1", "reason_set_by_user": "u",
                   "reason_changed_at": {"set": false, "infinite": false, "number": 5}},
                  {"name": "b", "state": ["DOWN"], "reason": "r2", "reason_changed_at": {"set": true, "infinite": true, "number": 0}}
                ]}""";
        assertThat(NodesJson.parse(json).nodes()).allSatisfy(n -> assertThat(n.reason().orElseThrow().since()).isEqualTo(Optional.empty()));
    }

    @Test
    void outputThatIsNotNodeJsonIsUnexpected() {
        for (String bad : List.of("", "not json", "[]", "{\"meta\": {}}", "{\"nodes\": {}}",
                "{\"nodes\": [{\"state\": \"idle\"}]}", "{\"nodes\": [{\"name\": \"a\", \"state\": \"sleepy\"}]}",
                "{\"nodes\": [{\"name\": \"a\", \"state\": [\"DRAIN\"]}]}", "{\"nodes\": [{\"name\": \"a b\", \"state\": \"idle\"}]}",
                "{\"nodes\": [ {\"name\": \"a\", ")) {
            assertThatThrownBy(() -> NodesJson.parse(bad)).as(bad).isInstanceOf(UnexpectedOutputException.class);
        }
    }

    static Map<String, SchedulerNode> byName(List<SchedulerNode> nodes) {
        return nodes.stream().collect(Collectors.toMap(n -> n.name().value(), Function.identity()));
    }

    @Test
    void nodeIdsAreValidated() {
        assertThat(NodesJson.parse("{\"nodes\": [{\"name\": \"gpu-01.rack_2\", \"state\": \"mixed\"}]}").nodes())
                .extracting(SchedulerNode::name).containsExactly(NodeId.of("gpu-01.rack_2"));
    }
}
