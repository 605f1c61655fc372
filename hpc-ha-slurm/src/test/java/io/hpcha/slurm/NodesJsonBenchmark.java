package io.hpcha.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hpcha.SchedulerNode;
import io.hpcha.slurm.internal.NodesJson;
import io.hpcha.spi.CommandResult;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long reading a 10,000-node cluster's {@code sinfo --json} takes, and what it allocates: a
 * benchmark that prints numbers and asserts only that the nodes were read, never a time.
 *
 * <p>Not part of the build (the class name matches none of surefire's test patterns). Run it on one
 * core with {@code taskset -c 0 mvn -B -o -pl hpc-ha-slurm test -Dtest=NodesJsonBenchmark}.
 *
 * <p>The document is generated from real Slurm 22.05.8 output (the {@code sinfo-json-idle.txt},
 * {@code sinfo-json-states.txt} and {@code sinfo-json-one-down.txt} fixtures): each generated node is
 * a copy of one captured node with a new name and address, so fields, order and layout are Slurm's
 * own. Nine in ten nodes are idle, the rest allocated and draining, drained, in a maintenance
 * reservation or down and not responding.
 */
@Tag("benchmark")
class NodesJsonBenchmark {
    private static final int NODES = 10_000;
    private static final int WARMUP = 30;
    private static final int MEASURED = 30;

    @Test
    void parseSinfoJsonOf10000Nodes() throws Exception {
        String json = generate(NODES);
        System.out.printf("sinfo --json for %,d nodes: %,d bytes (%,d per node); %d processor(s) available%n",
                NODES, json.length(), json.length() / NODES, Runtime.getRuntime().availableProcessors());

        StringBuilder firstFive = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            Measurement m = measure(() -> NodesJson.parse(json).nodes());
            firstFive.append(String.format(" %.1f ms (%.1f MB)", m.millis, m.megabytes));
        }
        System.out.println("first five parses in this JVM (cold):" + firstFive);

        SlurmScheduler scheduler = SlurmScheduler.builder().version(new SlurmVersion(22, 5, 8))
                .runner(c -> CommandResult.of(c, 0, json, "")).build();
        for (int i = 0; i < WARMUP; i++) {
            NodesJson.parse(json);
            scheduler.nodes();
        }
        report("NodesJson.parse (warm)", () -> NodesJson.parse(json).nodes());
        report("SlurmScheduler.nodes() (warm)", scheduler::nodes);
    }

    private static void report(String what, Supplier<List<SchedulerNode>> parse) {
        double[] millis = new double[MEASURED];
        double megabytes = 0;
        for (int i = 0; i < MEASURED; i++) {
            Measurement m = measure(parse);
            millis[i] = m.millis;
            megabytes = m.megabytes;
        }
        Arrays.sort(millis);
        System.out.printf("%-31s median %6.1f ms, min %6.1f ms, max %6.1f ms over %d runs; %6.1f MB allocated per parse%n",
                what + ":", millis[MEASURED / 2], millis[0], millis[MEASURED - 1], MEASURED, megabytes);
    }

    private record Measurement(double millis, double megabytes) {
    }

    private static Measurement measure(Supplier<List<SchedulerNode>> parse) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long allocatedBefore = threads.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        List<SchedulerNode> nodes = parse.get();
        long took = System.nanoTime() - start;
        long allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
        assertThat(nodes).hasSize(NODES);
        return new Measurement(Duration.ofNanos(took).toNanos() / 1e6, allocated / 1e6);
    }

    /** A 22.05 {@code sinfo --json} document of {@code count} nodes cloned from captured ones. */
    static String generate(int count) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode document = (ObjectNode) mapper.readTree(Fixture.load("slurm-22.05/sinfo-json-idle.txt").output());
        List<JsonNode> idle = elements(document.get("nodes"));
        List<JsonNode> odd = new ArrayList<>(elements(mapper.readTree(Fixture.load("slurm-22.05/sinfo-json-states.txt").output()).get("nodes")));
        odd.addAll(elements(mapper.readTree(Fixture.load("slurm-22.05/sinfo-json-one-down.txt").output()).get("nodes")).stream()
                .filter(n -> n.get("state").asText().equals("down")).toList());
        ArrayNode nodes = mapper.createArrayNode();
        for (int i = 0; i < count; i++) {
            JsonNode template = i % 10 == 9 ? odd.get((i / 10) % odd.size()) : idle.get(i % idle.size());
            ObjectNode node = template.deepCopy();
            String name = String.format("c%05d", i + 1);
            node.put("name", name);
            node.put("hostname", name);
            node.put("address", "10.%d.%d.%d".formatted(i >> 16 & 255, i >> 8 & 255, i & 255));
            nodes.add(node);
        }
        document.set("nodes", nodes);
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(document);
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
