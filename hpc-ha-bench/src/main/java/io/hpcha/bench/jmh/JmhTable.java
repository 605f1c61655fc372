package io.hpcha.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns JMH's JSON result file ({@code -rf json}) into a Markdown table: benchmark, N, score ± error
 * (99.9 % confidence interval, as JMH reports it), unit, the time per node, and, when run with
 * {@code -prof gc}, the bytes allocated per operation (which, unlike time, the shared machine's load
 * does not disturb). A plain {@code main}:
 * {@code JmhTable jmh.json [out.md]}.
 */
public final class JmhTable {
    private JmhTable() {
    }

    public static void main(String[] args) throws Exception {
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        StringBuilder b = new StringBuilder();
        b.append("| benchmark | N nodes | score | ± error (99.9 %) | unit | per node | allocated per op | allocated per node |\n"
                + "|---|---:|---:|---:|---|---:|---:|---:|\n");
        for (JsonNode r : results) {
            String name = r.get("benchmark").asText().replace("io.hpcha.bench.jmh.", "");
            int nodes = r.path("params").path("nodes").asInt(0);
            JsonNode m = r.get("primaryMetric");
            double score = m.get("score").asDouble();
            double error = m.get("scoreError").asDouble();
            String unit = m.get("scoreUnit").asText();
            double alloc = Double.NaN;
            var it = r.path("secondaryMetrics").fields();
            while (it.hasNext()) {
                var e = it.next();
                if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                    alloc = e.getValue().get("score").asDouble();
                }
            }
            b.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %s | %s |%n", name, nodes, num(score),
                    Double.isNaN(error) ? "—" : num(error), unit, nodes == 0 ? "" : perNode(score, unit, nodes),
                    Double.isNaN(alloc) ? "—" : bytes(alloc), Double.isNaN(alloc) || nodes == 0 ? "—" : bytes(alloc / nodes)));
        }
        System.out.print(b);
        if (args.length > 1) {
            Files.writeString(Path.of(args[1]), b.toString());
        }
    }

    /** The score per node in nanoseconds. */
    private static String perNode(double score, String unit, int nodes) {
        double nanos = switch (unit) {
            case "ms/op" -> score * 1e6;
            case "us/op" -> score * 1e3;
            case "ns/op" -> score;
            case "s/op" -> score * 1e9;
            default -> Double.NaN;
        };
        return Double.isNaN(nanos) ? "" : String.format(Locale.ROOT, "%,.0f ns", nanos / nodes);
    }

    private static String bytes(double b) {
        if (b >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%,.1f MB", b / 1024 / 1024);
        }
        return b >= 1024 ? String.format(Locale.ROOT, "%,.1f KB", b / 1024) : String.format(Locale.ROOT, "%,.0f B", b);
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
