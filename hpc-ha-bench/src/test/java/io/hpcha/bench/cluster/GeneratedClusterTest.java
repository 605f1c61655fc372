package io.hpcha.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hpcha.NodeFlag;
import io.hpcha.NodeState;
import io.hpcha.SchedulerNode;
import io.hpcha.slurm.SlurmScheduler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated cluster and its {@code sinfo --json}: real Slurm 22.05's shape, read by the real scheduler. */
class GeneratedClusterTest {
    @Test
    void generatedSinfoJsonHasTheFieldsOfRealSlurm2205InTheSameOrder() throws IOException {
        String real = fixture("sinfo-json-one-down.txt");
        real = real.substring(real.indexOf('\n') + 1, real.lastIndexOf("[exit 0]"));

        String generated = SinfoJson.of(GeneratedCluster.of(4, 1));

        assertThat(topLevelAndNodeFields(generated)).isEqualTo(topLevelAndNodeFields(real));
    }

    @Test
    void theRealSchedulerReadsEveryNodeWithTheFailedPrimariesDown() {
        GeneratedCluster c = GeneratedCluster.of(1_000, 2);
        List<SchedulerNode> nodes = SlurmScheduler.builder().runner(new CannedSlurm(SinfoJson.of(c))).build().nodes();

        assertThat(nodes).hasSize(1_000);
        assertThat(nodes.get(0).name().value()).isEqualTo("c00001");
        assertThat(nodes.get(999).name().value()).isEqualTo("c01000");
        List<String> downPrimaries = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i += 2) {
            if (nodes.get(i).state() == NodeState.DOWN) {
                assertThat(nodes.get(i).has(NodeFlag.NOT_RESPONDING)).isTrue();
                downPrimaries.add(nodes.get(i).name().value());
            }
        }
        assertThat(downPrimaries).containsExactly(GeneratedCluster.nodeName(2 * 166), GeneratedCluster.nodeName(2 * 333));
        assertThat(nodes.stream().filter(n -> n.state() == NodeState.DOWN)).hasSize(502);
        assertThat(nodes.stream().map(SchedulerNode::state).distinct())
                .containsExactlyInAnyOrder(NodeState.IDLE, NodeState.ALLOCATED, NodeState.MIXED, NodeState.DOWN);
    }

    @Test
    void pairsAreAPrimaryAndTheStandbyAfterIt() {
        GeneratedCluster c = GeneratedCluster.of(6, 1);

        assertThat(c.computePairs()).extracting(p -> p.primary().value() + "/" + p.standby().value())
                .containsExactly("c00001/c00002", "c00003/c00004", "c00005/c00006");
        assertThat(c.isFailed(2)).isTrue();
        assertThat(c.systemStatus(2)).isEqualTo("impaired");
        assertThat(c.ec2State(3)).isEqualTo("stopped");
        assertThatThrownBy(() -> GeneratedCluster.of(5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeneratedCluster.of(4, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cannedSlurmRefusesWhatItDoesNotKnow() {
        SlurmScheduler s = SlurmScheduler.builder().runner(new CannedSlurm("{}")).build();

        assertThatThrownBy(s::controllers).isInstanceOf(RuntimeException.class);
    }

    /** Top-level field names, then the field names of the first node entry, in document order. */
    private static List<String> topLevelAndNodeFields(String json) throws IOException {
        List<String> out = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                out.add(field);
                JsonToken v = p.nextToken();
                if (field.equals("nodes")) {
                    p.nextToken();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        out.add("nodes[0]." + p.currentName());
                        p.nextToken();
                        p.skipChildren();
                    }
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        p.skipChildren();
                    }
                } else if (v.isStructStart()) {
                    p.skipChildren();
                }
            }
        }
        return out;
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = GeneratedClusterTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
