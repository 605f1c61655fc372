package io.hpcha.bench.cluster;

/**
 * Writes a {@link GeneratedCluster} as Slurm 22.05.8's {@code sinfo --json} writes it: the same
 * fields, order and layout as the real output captured in hpc-ha-slurm's
 * {@code fixtures/slurm-22.05/sinfo-json-one-down.txt}, one entry per node. Stateless.
 */
public final class SinfoJson {
    private static final long BOOT = 1_795_411_823L;

    private SinfoJson() {
    }

    public static String of(GeneratedCluster c) {
        StringBuilder b = new StringBuilder(c.nodes() * 1_500 + 512);
        b.append("{\n  \"meta\": {\n    \"plugin\": {\n      \"type\": \"openapi\\/v0.0.38\",\n")
                .append("      \"name\": \"Slurm OpenAPI v0.0.38\"\n    },\n    \"Slurm\": {\n      \"version\": {\n")
                .append("        \"major\": 22,\n        \"micro\": 8,\n        \"minor\": 5\n      },\n")
                .append("      \"release\": \"22.05.8\"\n    }\n  },\n  \"errors\": [\n  ],\n  \"nodes\": [\n");
        for (int i = 0; i < c.nodes(); i++) {
            node(b, c, i);
            b.append(i + 1 < c.nodes() ? ",\n" : "\n");
        }
        return b.append("  ]\n}").toString();
    }

    private static void node(StringBuilder b, GeneratedCluster c, int i) {
        String state = c.slurmState(i);
        boolean down = state.equals("down");
        int alloc = switch (state) {
            case "allocated" -> 2;
            case "mixed" -> 1;
            default -> 0;
        };
        b.append("    {\n");
        field(b, "architecture", "\"x86_64\"");
        field(b, "burstbuffer_network_address", "\"\"");
        field(b, "boards", "1");
        field(b, "boot_time", Long.toString(BOOT));
        field(b, "comment", "\"\"");
        field(b, "cores", "1");
        field(b, "cpu_binding", "0");
        field(b, "cpu_load", "1");
        field(b, "extra", "\"\"");
        field(b, "free_memory", "23888");
        field(b, "cpus", "2");
        field(b, "last_busy", Long.toString(BOOT + 458));
        field(b, "features", "\"\"");
        field(b, "active_features", "\"\"");
        field(b, "gres", "\"\"");
        field(b, "gres_drained", "\"N\\/A\"");
        field(b, "gres_used", "\"\"");
        field(b, "mcs_label", "\"\"");
        field(b, "name", "\"" + GeneratedCluster.nodeName(i) + "\"");
        field(b, "next_state_after_reboot", "\"invalid\"");
        field(b, "address", "\"" + address(i) + "\"");
        field(b, "hostname", "\"" + GeneratedCluster.nodeName(i) + "\"");
        field(b, "state", "\"" + state + "\"");
        b.append(down ? "      \"state_flags\": [\n        \"NOT_RESPONDING\"\n      ],\n" : "      \"state_flags\": [\n      ],\n");
        b.append("      \"next_state_after_reboot_flags\": [\n      ],\n");
        field(b, "operating_system", "\"Linux 6.1.0-28-cloud-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1\"");
        field(b, "owner", "null");
        b.append("      \"partitions\": [\n        \"compute\"\n      ],\n");
        field(b, "port", "6818");
        field(b, "real_memory", "2000");
        field(b, "reason", down ? "\"Not responding\"" : "\"\"");
        field(b, "reason_changed_at", down ? Long.toString(BOOT + 4041) : "0");
        field(b, "reason_set_by_user", down ? "\"root\"" : "null");
        field(b, "slurmd_start_time", Long.toString(BOOT + 458));
        field(b, "sockets", "2");
        field(b, "threads", "1");
        field(b, "temporary_disk", "0");
        field(b, "weight", "1");
        field(b, "tres", "\"cpu=2,mem=2000M,billing=2\"");
        field(b, "slurmd_version", "\"22.05.8\"");
        field(b, "alloc_memory", "0");
        field(b, "alloc_cpus", Integer.toString(alloc));
        field(b, "idle_cpus", Integer.toString(2 - alloc));
        field(b, "tres_used", alloc == 0 ? "null" : "\"cpu=" + alloc + "\"");
        b.append("      \"tres_weighted\": 0.0\n    }");
    }

    /** A private address per node: 10.0.x.y. */
    static String address(int i) {
        return "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
    }

    private static void field(StringBuilder b, String name, String json) {
        b.append("      \"").append(name).append("\": ").append(json).append(",\n");
    }
}
