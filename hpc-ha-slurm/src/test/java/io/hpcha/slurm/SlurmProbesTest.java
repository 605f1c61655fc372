package io.hpcha.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ControllerRole;
import io.hpcha.ControllerStatus;
import io.hpcha.Health;
import io.hpcha.NodeFlag;
import io.hpcha.NodeId;
import io.hpcha.NodeState;
import io.hpcha.ProbeResult;
import io.hpcha.SchedulerNode;
import io.hpcha.slurm.internal.NodesJson;
import io.hpcha.testkit.ManualClock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The node and controller probes: classification, UNKNOWN (never UNHEALTHY) when slurmctld is down. */
class SlurmProbesTest {
    private final ManualClock clock = new ManualClock();
    private final StubScheduler scheduler = new StubScheduler();
    private final SlurmNodeProbe nodeProbe = SlurmNodeProbe.builder().scheduler(scheduler).clock(clock).build();

    private static SchedulerNode node(String name, NodeState state, NodeFlag... flags) {
        Set<NodeFlag> f = flags.length == 0 ? Set.of() : EnumSet.of(flags[0], flags);
        return new SchedulerNode(NodeId.of(name), state, f, Set.of(), Optional.empty(), Optional.empty(), state.name());
    }

    @Test
    void classification() {
        assertThat(SlurmNodeProbe.health(node("a", NodeState.IDLE))).isEqualTo(Health.HEALTHY);
        assertThat(SlurmNodeProbe.health(node("a", NodeState.ALLOCATED, NodeFlag.COMPLETING))).isEqualTo(Health.HEALTHY);
        assertThat(SlurmNodeProbe.health(node("a", NodeState.MIXED, NodeFlag.RESERVED, NodeFlag.PLANNED))).isEqualTo(Health.HEALTHY);
        assertThat(SlurmNodeProbe.health(node("a", NodeState.IDLE, NodeFlag.DRAIN, NodeFlag.DRAINED))).isEqualTo(Health.DEGRADED);
        assertThat(SlurmNodeProbe.health(node("a", NodeState.MIXED, NodeFlag.DRAIN, NodeFlag.DRAINING))).isEqualTo(Health.DEGRADED);
        assertThat(SlurmNodeProbe.health(node("a", NodeState.IDLE, NodeFlag.CLOUD, NodeFlag.POWERED_DOWN))).isEqualTo(Health.DEGRADED);
        assertThat(SlurmNodeProbe.health(node("a", NodeState.IDLE, NodeFlag.MAINT))).isEqualTo(Health.DEGRADED);
        assertThat(SlurmNodeProbe.health(node("a", NodeState.FUTURE))).isEqualTo(Health.DEGRADED);
        assertThat(SlurmNodeProbe.health(node("a", NodeState.DOWN))).isEqualTo(Health.UNHEALTHY);
        assertThat(SlurmNodeProbe.health(node("a", NodeState.DOWN, NodeFlag.DRAIN, NodeFlag.DRAINED))).isEqualTo(Health.UNHEALTHY);
        assertThat(SlurmNodeProbe.health(node("a", NodeState.IDLE, NodeFlag.NOT_RESPONDING))).isEqualTo(Health.UNHEALTHY);
        assertThat(SlurmNodeProbe.health(node("a", NodeState.IDLE, NodeFlag.FAIL))).isEqualTo(Health.UNHEALTHY);
        assertThat(SlurmNodeProbe.health(node("a", NodeState.IDLE, NodeFlag.INVALID_REG))).isEqualTo(Health.UNHEALTHY);
        assertThat(SlurmNodeProbe.health(node("a", NodeState.ERROR))).isEqualTo(Health.UNHEALTHY);
        assertThat(SlurmNodeProbe.health(node("a", NodeState.UNKNOWN))).isEqualTo(Health.UNKNOWN);
    }

    @Test
    void oneResultPerNodeFromRealOutput() {
        scheduler.nodes = NodesJson.parse(Fixture.load("slurm-22.05/sinfo-json-states.txt").output()).nodes();
        Map<String, ProbeResult> r = bySubject(nodeProbe.probe());
        assertThat(r).containsOnlyKeys("n1", "n2", "n3");
        assertThat(r.get("n1").health()).isEqualTo(Health.DEGRADED);
        assertThat(r.get("n1").detail()).startsWith("allocated+DRAIN: planned maintenance (by root, since ");
        assertThat(r.get("n2").health()).isEqualTo(Health.DEGRADED);
        assertThat(r.get("n3").health()).isEqualTo(Health.DEGRADED);
        assertThat(r.values()).allSatisfy(p -> {
            assertThat(p.probe()).isEqualTo("slurm-nodes");
            assertThat(p.observedAt()).isEqualTo(clock.instant());
        });
        scheduler.nodes = NodesJson.parse(Fixture.load("slurm-22.05/sinfo-json-one-down.txt").output()).nodes();
        assertThat(bySubject(nodeProbe.probe()).get("n3").health()).isEqualTo(Health.UNHEALTHY);
    }

    @Test
    void controllerDownMakesEveryKnownNodeUnknownNeverUnhealthy() {
        assertThatThrownBy(() -> {
            scheduler.unreachable = true;
            nodeProbe.probe();
        }).as("no node seen yet: nothing to report").isInstanceOf(BackendUnavailableException.class);

        scheduler.unreachable = false;
        scheduler.nodes = NodesJson.parse(Fixture.load("slurm-22.05/sinfo-json-idle.txt").output()).nodes();
        nodeProbe.probe();
        scheduler.unreachable = true;
        clock.advance(Duration.ofSeconds(30));
        List<ProbeResult> results = nodeProbe.probe();
        assertThat(results).extracting(ProbeResult::subject).containsExactly("n1", "n2", "n3");
        assertThat(results).allSatisfy(p -> {
            assertThat(p.health()).isEqualTo(Health.UNKNOWN);
            assertThat(p.detail()).contains("slurmctld unreachable");
            assertThat(p.observedAt()).isEqualTo(clock.instant());
        });
    }

    @Test
    void controllerProbe() {
        SlurmControllerProbe probe = SlurmControllerProbe.builder().scheduler(scheduler).clock(clock).build();
        scheduler.controllers = List.of(new ControllerStatus("ctl0", ControllerRole.PRIMARY, 0, false),
                new ControllerStatus("ctl1", ControllerRole.BACKUP, 1, true));
        List<ProbeResult> r = probe.probe();
        assertThat(r).extracting(ProbeResult::subject).containsExactly("ctl0", "ctl1");
        assertThat(r).extracting(ProbeResult::health).containsExactly(Health.UNHEALTHY, Health.HEALTHY);
        assertThat(r.get(0).detail()).isEqualTo("primary #0 at ctl0 is DOWN");
        assertThat(r).allSatisfy(p -> assertThat(p.probe()).isEqualTo("slurm-controllers"));
        scheduler.unreachable = true;
        assertThatThrownBy(probe::probe).isInstanceOf(BackendUnavailableException.class);
    }

    @Test
    void probeNamesAreConfigurable() {
        assertThat(SlurmNodeProbe.builder().scheduler(scheduler).name("compute").build().name()).isEqualTo("compute");
        assertThatThrownBy(() -> SlurmNodeProbe.builder().build()).isInstanceOf(io.hpcha.ConfigurationException.class);
    }

    private static Map<String, ProbeResult> bySubject(List<ProbeResult> results) {
        return results.stream().collect(Collectors.toMap(ProbeResult::subject, Function.identity()));
    }
}
