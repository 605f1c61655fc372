package io.hpcha.bench.scale;

import java.util.List;
import java.util.Locale;

/** Writes the scale scenario's rows as the Markdown tables of BENCHMARKS.md. Stateless. */
final class MarkdownTables {
    private MarkdownTables() {
    }

    static String of(List<ScaleRow> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| N nodes | agent wall ms | agent CPU ms (process) | agent CPU ms (caller thread) | agent allocated MB | agent peak heap MB "
                + "| agent EC2 requests (pages + starts) | expected pages | naive wall ms | naive CPU ms (process) | naive EC2 requests "
                + "| naive/agent CPU | naive/agent requests |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScaleRow r : rows) {
            String star = r.naiveExtrapolated() ? " *" : "";
            b.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s | %s | %d (%d + %d) | %d | %s%s | %s%s | %,d%s | %s× | %.0f× |%n",
                    r.nodes(), ms(r.agent().wallNanos()), ms(r.agent().processCpuNanos()), ms(r.agent().threadCpuNanos()),
                    mb(r.agent().allocatedBytes()), mb(r.agent().peakHeapBytes()),
                    r.agentTotal(), r.agentPages(), r.agentTotal() - r.agentPages(), r.expectedPages(),
                    ms(r.naive().wallNanos()), star, ms(r.naive().processCpuNanos()), star, r.naiveTotal(), star,
                    ratio((double) r.naive().processCpuNanos() / r.agent().processCpuNanos()),
                    (double) r.naiveTotal() / r.agentTotal()));
        }
        if (rows.stream().anyMatch(ScaleRow::naiveExtrapolated)) {
            b.append("\n\\* naive pass sampled: ");
            rows.stream().filter(ScaleRow::naiveExtrapolated).forEach(r -> b.append(String.format(Locale.ROOT,
                    "N=%,d visited %,d of %,d pairs and was scaled by %.1f; ", r.nodes(), r.naiveSampled(), r.pairs(),
                    (double) r.pairs() / r.naiveSampled())));
            b.setLength(b.length() - 2);
            b.append(".\n");
        }
        b.append("\nWhere the agent's time goes (calling-thread CPU ms, each part measured alone), and growth per node:\n\n");
        b.append("| N nodes | Ec2ComputeFleet.instances() | SlurmScheduler.nodes() | decider (census + decide) | whole pass | whole pass CPU µs per node | naive CPU µs per node |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScaleRow r : rows) {
            b.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s | %.1f | %.1f |%n", r.nodes(), ms(r.fleetRead()), ms(r.slurmRead()),
                    ms(r.decide()), ms(r.agent().threadCpuNanos()), r.agent().processCpuNanos() / 1e3 / r.nodes(),
                    r.naive().processCpuNanos() / 1e3 / r.nodes()));
        }
        return b.toString();
    }

    private static String ratio(double r) {
        return r >= 10 ? String.format(Locale.ROOT, "%.0f", r) : r >= 1 ? String.format(Locale.ROOT, "%.1f", r)
                : String.format(Locale.ROOT, "%.2f", r);
    }

    private static String ms(long nanos) {
        double ms = nanos / 1e6;
        return ms >= 100 ? String.format(Locale.ROOT, "%,.0f", ms) : String.format(Locale.ROOT, "%.1f", ms);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,.0f", bytes / 1024.0 / 1024.0);
    }
}
