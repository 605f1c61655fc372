package io.hpcha.beegfs;

import io.hpcha.HealthProbe;
import io.hpcha.testkit.HealthProbeCompatibilityKit;
import io.hpcha.testkit.ScriptedCommandRunner;
import org.junit.jupiter.api.Nested;

/** The HealthProbe contract for both probes and both CLI generations. */
class BeegfsProbeCompatibilityTest {
    static BeegfsClient v7() {
        ScriptedCommandRunner r = new ScriptedCommandRunner();
        r.expect("beegfs-ctl", "--listtargets", "--nodetype=meta", "--state", "--longnodes").always()
                .thenReturn(0, Fixtures.read("beegfs-7/listtargets-meta-good.txt"));
        r.expect("beegfs-ctl", "--listtargets", "--nodetype=storage", "--state", "--longnodes").always()
                .thenReturn(0, Fixtures.read("beegfs-7/listtargets-storage-failover.txt"));
        r.expect("beegfs-ctl", "--listnodes", "--nodetype=management", "--reachable").always()
                .thenReturn(0, Fixtures.read("beegfs-7/listnodes-mgmt-reachable.txt"));
        r.expect("beegfs-ctl", "--listnodes", "--nodetype=meta", "--reachable").always()
                .thenReturn(0, Fixtures.read("beegfs-7/listnodes-meta-reachable.txt"));
        r.expect("beegfs-ctl", "--listnodes", "--nodetype=storage", "--reachable").always()
                .thenReturn(0, Fixtures.read("beegfs-7/listnodes-storage-one-unreachable.txt"));
        r.expect("beegfs-df").always().thenReturn(0, Fixtures.read("beegfs-7/beegfs-df.txt"));
        return BeegfsClient.builder().runner(r).generation(CliGeneration.V7).build();
    }

    static BeegfsClient v8() {
        ScriptedCommandRunner r = new ScriptedCommandRunner();
        r.expect("beegfs", "version").always().thenReturn(0, "8.2.0\n");
        r.expect("beegfs", "target", "list", "--node-type=meta", "--state", "--capacity", "--raw", "--output=ndjson").always()
                .thenReturn(0, Fixtures.read("beegfs-8/target-list-meta.ndjson"));
        r.expect("beegfs", "target", "list", "--node-type=storage", "--state", "--capacity", "--raw", "--output=ndjson").always()
                .thenReturn(0, Fixtures.read("beegfs-8/target-list-storage-failover.ndjson"));
        for (String t : new String[] {"management", "meta", "storage"}) {
            r.expect("beegfs", "node", "list", "--node-type=" + t, "--reachability-check", "--output=ndjson").always()
                    .thenReturn(0, Fixtures.read("beegfs-8/node-list-" + t + ".ndjson"));
        }
        return BeegfsClient.builder().runner(r).build(); // AUTO: detected as 8.x
    }

    @Nested
    class Targets7 extends HealthProbeCompatibilityKit {
        @Override
        protected HealthProbe createProbe() {
            return BeegfsTargetProbe.builder().client(v7()).build();
        }
    }

    @Nested
    class Targets8 extends HealthProbeCompatibilityKit {
        @Override
        protected HealthProbe createProbe() {
            return BeegfsTargetProbe.builder().client(v8()).build();
        }
    }

    @Nested
    class Nodes7 extends HealthProbeCompatibilityKit {
        @Override
        protected HealthProbe createProbe() {
            return BeegfsNodeProbe.builder().client(v7()).build();
        }
    }

    @Nested
    class Nodes8 extends HealthProbeCompatibilityKit {
        @Override
        protected HealthProbe createProbe() {
            return BeegfsNodeProbe.builder().client(v8()).build();
        }
    }
}
