package io.hpcha.beegfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.Health;
import io.hpcha.ProbeResult;
import io.hpcha.testkit.ManualClock;
import io.hpcha.testkit.ScriptedCommandRunner;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BeegfsProbesTest {
    private final ManualClock clock = new ManualClock();
    private final ScriptedCommandRunner runner = new ScriptedCommandRunner(clock);
    private final BeegfsClient v7 = BeegfsClient.builder().runner(runner).generation(CliGeneration.V7).build();
    private final BeegfsClient v8 = BeegfsClient.builder().runner(runner).generation(CliGeneration.V8).build();

    private static Map<String, Health> bySubject(List<ProbeResult> results) {
        return results.stream().collect(Collectors.toMap(ProbeResult::subject, ProbeResult::health));
    }

    @Test
    void targetStatesMapToHealth() {
        runner.expect("beegfs-ctl", "--listtargets", "--nodetype=meta", "--state", "--longnodes")
                .thenReturn(0, Fixtures.read("beegfs-7/listtargets-meta-good.txt"));
        runner.expect("beegfs-ctl", "--listtargets", "--nodetype=storage", "--state", "--longnodes")
                .thenReturn(0, Fixtures.read("beegfs-7/listtargets-storage-failover.txt"));
        List<ProbeResult> r = BeegfsTargetProbe.builder().client(v7).clock(clock).build().probe();
        assertThat(bySubject(r)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "meta-target:1", Health.HEALTHY, "meta-target:2", Health.HEALTHY,
                "storage-target:101", Health.UNHEALTHY, "storage-target:102", Health.DEGRADED,
                "storage-target:201", Health.HEALTHY, "storage-target:202", Health.UNHEALTHY));
        assertThat(r).allMatch(p -> p.probe().equals("beegfs-targets") && p.observedAt().equals(clock.instant()));
        assertThat(r.stream().filter(p -> p.subject().equals("storage-target:101")).findFirst().orElseThrow().detail())
                .isEqualTo("Offline, Needs-resync on beegfs-storage stor01 [ID: 1]");
    }

    @Test
    void managementUnreachableAfterASuccessfulProbeIsUnknownNeverUnhealthy() {
        runner.expect("beegfs", "target", "list", "--node-type=storage", "--state", "--capacity", "--raw", "--output=ndjson")
                .thenReturn(0, Fixtures.read("beegfs-8/target-list-storage.ndjson"));
        runner.expect("beegfs", "target", "list", "--node-type=storage", "--state", "--capacity", "--raw", "--output=ndjson")
                .thenReturn(1, "", Fixtures.read("beegfs-8/mgmt-unreachable.stderr.txt"));
        BeegfsTargetProbe probe = BeegfsTargetProbe.builder().client(v8).clock(clock).types(List.of(BeegfsNodeType.STORAGE)).build();
        assertThat(probe.probe()).hasSize(4).allMatch(p -> p.health() == Health.HEALTHY);
        assertThat(probe.probe()).hasSize(4).allMatch(p -> p.health() == Health.UNKNOWN);
    }

    @Test
    void managementUnreachableBeforeAnyProbeThrows() {
        runner.expect("beegfs-ctl", "--listtargets", "--nodetype=meta", "--state", "--longnodes").thenTimeout();
        assertThatThrownBy(() -> BeegfsTargetProbe.builder().client(v7).clock(clock).build().probe())
                .isInstanceOf(BackendUnavailableException.class);
    }

    @Test
    void nodeProbeReportsReachabilityAndLowSpaceOn7x() {
        runner.expect("beegfs-ctl", "--listnodes", "--nodetype=management", "--reachable")
                .thenReturn(0, Fixtures.read("beegfs-7/listnodes-mgmt-reachable.txt"));
        runner.expect("beegfs-ctl", "--listnodes", "--nodetype=meta", "--reachable")
                .thenReturn(0, Fixtures.read("beegfs-7/listnodes-meta-reachable.txt"));
        runner.expect("beegfs-ctl", "--listnodes", "--nodetype=storage", "--reachable")
                .thenReturn(0, Fixtures.read("beegfs-7/listnodes-storage-one-unreachable.txt"));
        runner.expect("beegfs-df").thenReturn(0, Fixtures.read("beegfs-7/beegfs-df.txt"));
        Map<String, Health> h = bySubject(BeegfsNodeProbe.builder().client(v7).clock(clock).lowSpacePercent(5).build().probe());
        assertThat(h).containsEntry("management:1", Health.HEALTHY).containsEntry("meta:2", Health.HEALTHY)
                .containsEntry("storage:1", Health.UNHEALTHY).containsEntry("storage:2", Health.HEALTHY)
                .containsEntry("storage-target:102", Health.DEGRADED) // 2 % free
                .containsEntry("storage-target:202", Health.HEALTHY)  // 8.7 % free, above 5 %
                .containsEntry("storage-target:101", Health.HEALTHY);
        runner.verifyAllConsumed();
    }

    @Test
    void nodeProbeThresholdIsConfigurableOn8x() {
        runner.expect("beegfs", "node", "list", "--node-type=management", "--reachability-check", "--output=ndjson")
                .thenReturn(0, Fixtures.read("beegfs-8/node-list-management.ndjson"));
        runner.expect("beegfs", "node", "list", "--node-type=meta", "--reachability-check", "--output=ndjson")
                .thenReturn(0, Fixtures.read("beegfs-8/node-list-meta.ndjson"));
        runner.expect("beegfs", "node", "list", "--node-type=storage", "--reachability-check", "--output=ndjson")
                .thenReturn(0, Fixtures.read("beegfs-8/node-list-storage.ndjson"));
        runner.expect("beegfs", "target", "list", "--node-type=meta", "--state", "--capacity", "--raw", "--output=ndjson")
                .thenReturn(0, Fixtures.read("beegfs-8/target-list-meta.ndjson"));
        runner.expect("beegfs", "target", "list", "--node-type=storage", "--state", "--capacity", "--raw", "--output=ndjson")
                .thenReturn(0, Fixtures.read("beegfs-8/target-list-storage.ndjson"));
        Map<String, Health> h = bySubject(BeegfsNodeProbe.builder().client(v8).clock(clock).lowSpacePercent(97).build().probe());
        assertThat(h).containsEntry("storage:1", Health.UNHEALTHY).containsEntry("storage:2", Health.HEALTHY)
                .containsEntry("storage-target:101", Health.DEGRADED)  // 95.6 % free < 97
                .containsEntry("meta-target:1", Health.DEGRADED);
    }
}
