package io.hpcha.bench.latency;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The detection latency results as BENCHMARKS.md's Markdown table. Stateless. */
final class LatencyTable {
    private LatencyTable() {
    }

    static String of(List<DetectionLatency.Trial> trials, List<Integer> intervals, String pushRefused, String slurmdTimeout) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%d trials; seconds from `slurm-testbed.sh stop-slurmd n2` (SlurmdTimeout=%s):%n%n",
                trials.size(), slurmdTimeout));
        b.append("| detector | median s | min s | max s | per trial s |\n|---|---:|---:|---:|---|\n");
        row(b, "Slurm shows n2 not responding (100 ms sinfo watcher)", trials.stream().map(DetectionLatency.Trial::notResponding).toList());
        List<Double> down = trials.stream().map(DetectionLatency.Trial::down).toList();
        row(b, "Slurm shows n2 DOWN (100 ms sinfo watcher)", down);
        List<String> names = new ArrayList<>(trials.get(0).remediation().keySet());
        for (String name : names) {
            row(b, "remediation call, agent " + name, trials.stream().map(t -> t.remediation().getOrDefault(name, -1.0)).toList());
        }
        double medianDown = median(down);
        b.append(String.format(Locale.ROOT, "| remediation call, agent poll every 30 s (computed: DOWN + uniform phase in [0, 30 s)) "
                + "| %.1f (mean) | %.1f | %.1f | — |%n", (medianDown + 15_000) / 1000, medianDown / 1000, (medianDown + 30_000) / 1000));
        if (pushRefused != null) {
            b.append("\nstrigger push not measured: ").append(pushRefused).append('\n');
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String name, List<Double> ms) {
        List<Double> seen = ms.stream().filter(v -> v >= 0).sorted().toList();
        String per = String.join(", ", ms.stream().map(DetectionLatency::format).toList());
        if (seen.isEmpty()) {
            b.append("| ").append(name).append(" | not seen | | | ").append(per).append(" |\n");
            return;
        }
        b.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %s |%n", name, median(seen) / 1000,
                seen.get(0) / 1000, seen.get(seen.size() - 1) / 1000, per));
    }

    private static double median(List<Double> v) {
        List<Double> s = v.stream().filter(x -> x >= 0).sorted().toList();
        return s.isEmpty() ? -1 : s.get(s.size() / 2);
    }
}
