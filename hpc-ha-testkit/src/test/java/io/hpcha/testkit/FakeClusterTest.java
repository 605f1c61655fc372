package io.hpcha.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.Health;
import io.hpcha.InstanceState;
import io.hpcha.NodeFlag;
import io.hpcha.NodeId;
import io.hpcha.NodeState;
import io.hpcha.ProbeResult;
import io.hpcha.SchedulerNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FakeClusterTest {
    private final ManualClock clock = new ManualClock();
    private final FakeCluster cluster = FakeCluster.builder().clock(clock)
            .computeNodes("compute-1", "compute-2").standby("compute-3").build();

    private SchedulerNode node(String name) {
        return cluster.scheduler().node(name);
    }

    @Test
    void startsWithComputeNodesIdleOnRunningInstancesAndStandbyDownOnStoppedOnes() {
        assertThat(node("compute-1").isAvailable()).isTrue();
        assertThat(cluster.fleet().instance(cluster.instanceOf("compute-1")).state()).isEqualTo(InstanceState.RUNNING);
        assertThat(node("compute-3").state()).isEqualTo(NodeState.DOWN);
        assertThat(node("compute-3").reason().orElseThrow().text()).isEqualTo(FakeCluster.STANDBY_REASON);
        assertThat(cluster.fleet().instance(cluster.instanceOf("compute-3")).state()).isEqualTo(InstanceState.STOPPED);
        assertThat(cluster.fleet().instances()).extracting(i -> i.node().orElseThrow().value())
                .containsExactly("compute-1", "compute-2", "compute-3");
        assertThat(cluster.instanceOf("compute-1")).matches("i-[0-9a-f]{17}");
    }

    @Test
    void aCrashedInstancesNodeStopsRespondingAtOnceAndIsDownAfterTheSlurmdTimeout() {
        cluster.crash("compute-1");
        assertThat(node("compute-1").has(NodeFlag.NOT_RESPONDING)).isTrue();
        assertThat(node("compute-1").state()).isEqualTo(NodeState.IDLE);
        clock.advance(Duration.ofSeconds(299));
        assertThat(node("compute-1").state()).isEqualTo(NodeState.IDLE);
        clock.advance(Duration.ofSeconds(1));
        SchedulerNode down = node("compute-1");
        assertThat(down.state()).isEqualTo(NodeState.DOWN);
        assertThat(down.has(NodeFlag.NOT_RESPONDING)).isTrue();
        assertThat(down.reason().orElseThrow().text()).isEqualTo("Not responding");
        assertThat(down.reason().orElseThrow().since()).contains(ManualClock.DEFAULT_START.plusSeconds(300));
        assertThat(node("compute-2").isAvailable()).isTrue();
    }

    @Test
    void downIsDatedFromTheCrashEvenWhenNobodyLookedInBetween() {
        cluster.crash("compute-1");
        clock.advance(Duration.ofHours(1));
        assertThat(node("compute-1").state()).isEqualTo(NodeState.DOWN);
    }

    @Test
    void anImpairedInstanceMakesItsNodeStopResponding() {
        cluster.impair("compute-2", FakeComputeFleet.Check.SYSTEM);
        clock.advance(Duration.ofMinutes(5));
        assertThat(node("compute-2").isResponding()).isFalse();
    }

    @Test
    void aRestartedInstanceReturnsItsNodeToServiceWithReturnToService() {
        cluster.crash("compute-1");
        clock.advance(Duration.ofMinutes(6));
        cluster.fleet().start(List.of(cluster.instanceOf("compute-1")));
        clock.advance(Duration.ofSeconds(29));
        assertThat(node("compute-1").state()).isEqualTo(NodeState.DOWN);
        clock.advance(Duration.ofSeconds(1));
        assertThat(node("compute-1").isAvailable()).isTrue();
        assertThat(node("compute-1").reason()).isEmpty();
    }

    @Test
    void withoutReturnToServiceARestartedNodeStaysDownUntilResumed() {
        FakeCluster strict = FakeCluster.builder().clock(clock).computeNodes("c1").returnToService(false).build();
        strict.crash("c1");
        clock.advance(Duration.ofMinutes(6));
        strict.fleet().start(List.of(strict.instanceOf("c1")));
        clock.advance(Duration.ofMinutes(1));
        SchedulerNode node = strict.scheduler().node("c1");
        assertThat(node.state()).isEqualTo(NodeState.DOWN);
        assertThat(node.isResponding()).isFalse(); // DOWN, although slurmd answers again
        assertThat(node.has(NodeFlag.NOT_RESPONDING)).isFalse();
        strict.scheduler().resume(List.of(NodeId.of("c1")));
        assertThat(strict.scheduler().node("c1").isAvailable()).isTrue();
    }

    @Test
    void aStandbyComesIntoServiceWhenStartedAndResumed() {
        cluster.fleet().start(List.of(cluster.instanceOf("compute-3")));
        clock.advance(Duration.ofSeconds(30));
        SchedulerNode booted = node("compute-3");
        assertThat(booted.has(NodeFlag.NOT_RESPONDING)).isFalse();
        assertThat(booted.state()).isEqualTo(NodeState.DOWN); // an admin's DOWN stays until resumed
        cluster.scheduler().resume(List.of(NodeId.of("compute-3")));
        assertThat(node("compute-3").isAvailable()).isTrue();
    }

    @Test
    void aDrainSetByAPolicySurvivesTheNodeComingBack() {
        cluster.scheduler().drain(List.of(NodeId.of("compute-1")), "replacing");
        cluster.crash("compute-1");
        clock.advance(Duration.ofMinutes(6));
        cluster.fleet().start(List.of(cluster.instanceOf("compute-1")));
        clock.advance(Duration.ofMinutes(1));
        SchedulerNode node = node("compute-1");
        assertThat(node.state()).isEqualTo(NodeState.IDLE);
        assertThat(node.isDrained()).isTrue();
        assertThat(node.reason().orElseThrow().text()).isEqualTo("replacing");
    }

    @Test
    void probesReportTheClusterAsAPolicySeesIt() {
        cluster.crash("compute-1");
        clock.advance(Duration.ofMinutes(6));
        List<ProbeResult> nodes = cluster.nodeProbe().probe();
        assertThat(nodes).extracting(ProbeResult::subject, ProbeResult::health).containsExactly(
                org.assertj.core.groups.Tuple.tuple("compute-1", Health.UNHEALTHY),
                org.assertj.core.groups.Tuple.tuple("compute-2", Health.HEALTHY),
                org.assertj.core.groups.Tuple.tuple("compute-3", Health.UNHEALTHY));
        assertThat(cluster.instanceProbe().probe()).filteredOn(r -> r.subject().equals(cluster.instanceOf("compute-2")))
                .singleElement().extracting(ProbeResult::health).isEqualTo(Health.HEALTHY);
        assertThat(cluster.controllerProbe().probe()).extracting(ProbeResult::health)
                .containsExactly(Health.HEALTHY, Health.HEALTHY);
    }

    @Test
    void builderRejectsEmptyAndDuplicateNodesAndAMissingClock() {
        assertThatThrownBy(() -> FakeCluster.builder().computeNodes("a").build()).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> FakeCluster.builder().clock(clock).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FakeCluster.builder().computeNodes("a").standby("a"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentPoliciesAndClockNeverDeadlock() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = List.of(
                    pool.submit(() -> {
                        for (int i = 0; i < 500; i++) {
                            cluster.scheduler().nodes();
                            cluster.scheduler().drain(List.of(NodeId.of("compute-2")), "x");
                            cluster.scheduler().resume(List.of(NodeId.of("compute-2")));
                        }
                    }),
                    pool.submit(() -> {
                        for (int i = 0; i < 500; i++) {
                            String id = cluster.instanceOf("compute-1");
                            cluster.fleet().instances();
                            cluster.fleet().stop(List.of(id), true);
                            clock.advance(Duration.ofSeconds(15));
                            cluster.fleet().start(List.of(id));
                            clock.advance(Duration.ofSeconds(30));
                        }
                    }),
                    pool.submit(() -> {
                        for (int i = 0; i < 500; i++) {
                            cluster.tick();
                            cluster.nodeProbe().probe();
                        }
                    }));
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        clock.advance(Duration.ofMinutes(1));
        assertThat(node("compute-1").isResponding()).isTrue();
    }
}
