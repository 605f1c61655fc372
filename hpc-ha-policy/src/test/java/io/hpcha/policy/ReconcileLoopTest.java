package io.hpcha.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReconcileLoopTest {
    private final ManualClock clock = new ManualClock();
    /** The "cluster": node name to up (true) or down (false). */
    private final Map<String, Boolean> nodes = Collections.synchronizedMap(new TreeMap<>());
    private volatile RuntimeException observerFailure;
    /** Every action the actor took, as "action subject". */
    private final List<String> acted = Collections.synchronizedList(new ArrayList<>());

    private Map<String, Boolean> observe() {
        if (observerFailure != null) {
            throw observerFailure;
        }
        synchronized (nodes) {
            return Map.copyOf(nodes);
        }
    }

    /** The policy under test: restart every down node. A pure function. */
    private static List<Decision> decide(Map<String, Boolean> snapshot, Instant now) {
        return new TreeMap<>(snapshot).entrySet().stream()
                .map(e -> e.getValue()
                        ? Decision.none(e.getKey(), e.getKey() + " is up")
                        : Decision.act("restart", e.getKey(), e.getKey() + " is down"))
                .toList();
    }

    private static FailureCensus census(Map<String, Boolean> snapshot) {
        return new FailureCensus((int) snapshot.values().stream().filter(up -> !up).count(), snapshot.size());
    }

    private ReconcileLoop.Builder<Map<String, Boolean>> loop(RemediationBudget budget) {
        return ReconcileLoop.<Map<String, Boolean>>builder("test", this::observe, ReconcileLoopTest::decide)
                .actor((d, ctx) -> acted.add(d.action() + " " + d.subject()))
                .census(ReconcileLoopTest::census)
                .budget(budget)
                .clock(clock);
    }

    private RemediationBudget budget() {
        return RemediationBudget.builder().clock(clock).maxActions(3, Duration.ofHours(1))
                .maxFailingShare(0.5).coolDown(Duration.ofMinutes(5)).build();
    }

    private void cluster(int up, int down) {
        nodes.clear();
        for (int i = 1; i <= up + down; i++) {
            nodes.put(String.format("n%02d", i), i <= up);
        }
    }

    @Test
    void aDownNodeIsActedOnAndEveryDecisionIsCountedWithItsReason() {
        cluster(4, 1);
        ReconcileLoop<Map<String, Boolean>> loop = loop(budget()).build();

        PassReport report = loop.runOnce();

        assertThat(report.status()).isEqualTo(PassReport.Status.COMPLETED);
        assertThat(acted).containsExactly("restart n05");
        assertThat(report.withOutcome(Outcome.ACTED)).singleElement()
                .satisfies(r -> assertThat(r.describe()).isEqualTo("n05 is down"));
        assertThat(loop.count(Outcome.NO_ACTION)).isEqualTo(4);
        assertThat(loop.count(Outcome.ACTED)).isEqualTo(1);
    }

    @Test
    void sixtyPercentOfNodesDownAtOnceIsProtectedModeAndNothingIsDone() {
        cluster(4, 6);
        RemediationBudget budget = budget();
        ReconcileLoop<Map<String, Boolean>> loop = loop(budget).build();

        PassReport report = loop.runOnce();

        assertThat(acted).isEmpty();
        assertThat(budget.state()).isEqualTo(RemediationBudget.State.PROTECTED);
        assertThat(report.withOutcome(Outcome.PROTECTED)).hasSize(6)
                .allSatisfy(r -> assertThat(r.describe()).contains("not acting: PROTECTED").contains("6 of 10"));
        assertThat(loop.count(Outcome.PROTECTED)).isEqualTo(6);
    }

    @Test
    void aFlappingNodeIsActedOnNoMoreThanTheBudgetAllows() {
        cluster(9, 0);
        ReconcileLoop<Map<String, Boolean>> loop = loop(budget()).build();

        for (int pass = 0; pass < 20; pass++) { // 20 passes 30 s apart: 10 minutes of flapping
            nodes.put("n01", pass % 2 == 1);
            loop.runOnce();
            clock.advance(Duration.ofSeconds(30));
        }

        assertThat(acted).containsExactly("restart n01", "restart n01", "restart n01");
        assertThat(loop.count(Outcome.BUDGET_EXHAUSTED)).isEqualTo(7);

        clock.advance(Duration.ofHours(1)); // the window has slid past the first actions
        nodes.put("n01", false);
        loop.runOnce();
        assertThat(acted).hasSize(4);
    }

    @Test
    void whileTheObserverFailsNothingIsDoneAndActionResumesOnlyAfterItRecovers() {
        cluster(9, 1);
        RemediationBudget budget = budget();
        ReconcileLoop<Map<String, Boolean>> loop = loop(budget).build();
        observerFailure = new BackendUnavailableException("EC2 DescribeInstanceStatus: RequestLimitExceeded");

        for (int pass = 0; pass < 10; pass++) {
            PassReport r = loop.runOnce();
            assertThat(r.status()).isEqualTo(PassReport.Status.OBSERVER_FAILED);
            assertThat(r.error()).contains("RequestLimitExceeded");
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(acted).isEmpty();
        assertThat(budget.isProtected()).isTrue();

        observerFailure = null; // the API recovers; the cool-down runs from its last failure
        loop.runOnce();
        assertThat(acted).as("still inside the cool-down").isEmpty();
        clock.advance(Duration.ofMinutes(5));
        loop.runOnce();
        assertThat(acted).containsExactly("restart n10");
    }

    @Test
    void dryRunDecidesAndLogsButNeverActs() {
        cluster(2, 1);
        ReconcileLoop<Map<String, Boolean>> loop = loop(budget()).dryRun(true).build();

        PassReport report = loop.runOnce();

        assertThat(acted).isEmpty();
        assertThat(report.withOutcome(Outcome.DRY_RUN)).singleElement()
                .satisfies(r -> assertThat(r.describe()).isEqualTo("n03 is down [dry-run: would restart n03]"));
    }

    @Test
    void withoutLeadershipNothingIsDone() {
        cluster(2, 1);
        Authority follower = new Authority() {
            @Override
            public boolean isLeader() {
                return false;
            }

            @Override
            public long fencingToken() {
                throw new NotLeaderException("follower");
            }
        };
        ReconcileLoop<Map<String, Boolean>> loop = loop(budget()).authority(follower).build();

        assertThat(loop.runOnce().withOutcome(Outcome.NOT_LEADER)).hasSize(1);
        assertThat(acted).isEmpty();
    }

    @Test
    void theActorGetsTheFencingToken() {
        cluster(0, 1);
        TestLease lease = new TestLease(clock, Duration.ofSeconds(30));
        LeaderElection election = LeaderElection.builder(lease, io.hpcha.NodeId.of("ctl-a")).clock(clock).build();
        election.tick();
        AtomicReference<ActionContext> seen = new AtomicReference<>();
        ReconcileLoop<Map<String, Boolean>> loop = ReconcileLoop.<Map<String, Boolean>>builder("t", this::observe, ReconcileLoopTest::decide)
                .actor((d, ctx) -> seen.set(ctx)).authority(election).clock(clock).build();

        loop.runOnce();

        assertThat(seen.get().fencingToken()).isEqualTo(1);
        assertThat(seen.get().pass()).isEqualTo(1);
        assertThat(seen.get().now()).isEqualTo(clock.instant());
    }

    @Test
    void aFailingActorIsReportedAndTheOtherDecisionsStillRun() {
        cluster(0, 2);
        ReconcileLoop<Map<String, Boolean>> loop = ReconcileLoop.<Map<String, Boolean>>builder("t", this::observe, ReconcileLoopTest::decide)
                .actor((d, ctx) -> {
                    if (d.subject().equals("n01")) {
                        throw new BackendUnavailableException("timed out");
                    }
                    acted.add(d.subject());
                }).clock(clock).build();

        PassReport report = loop.runOnce();

        assertThat(report.withOutcome(Outcome.FAILED)).singleElement()
                .satisfies(r -> assertThat(r.note()).isEqualTo("BackendUnavailableException: timed out"));
        assertThat(acted).containsExactly("n02");
    }

    @Test
    void aThrowingDeciderActsOnNothing() {
        cluster(0, 1);
        ReconcileLoop<Map<String, Boolean>> loop = ReconcileLoop.<Map<String, Boolean>>builder("t", this::observe, (s, now) -> {
            throw new IllegalStateException("bug");
        }).actor((d, ctx) -> acted.add(d.subject())).clock(clock).build();

        PassReport report = loop.runOnce();

        assertThat(report.status()).isEqualTo(PassReport.Status.DECIDER_FAILED);
        assertThat(report.error()).contains("bug");
        assertThat(acted).isEmpty();
    }

    @Test
    void startedLoopRunsAPassEveryIntervalWithinItsJitterAndStopsCleanly() {
        cluster(1, 0);
        ManualTaskScheduler scheduler = new ManualTaskScheduler(clock);
        List<Instant> passStarts = new ArrayList<>();
        ReconcileLoop<Map<String, Boolean>> loop = loop(budget()).scheduler(scheduler).random(new Random(42))
                .interval(Duration.ofSeconds(30)).jitter(0.2)
                .listener(new ReconcileListener() {
                    @Override
                    public void onPass(String name, PassReport report) {
                        passStarts.add(report.startedAt());
                    }
                }).build();

        loop.start();
        loop.start(); // idempotent
        scheduler.advance(Duration.ofMinutes(10));

        assertThat(passStarts).hasSizeBetween(17, 26);
        assertThat(passStarts.get(0)).isEqualTo(ManualClock.DEFAULT_START);
        for (int i = 1; i < passStarts.size(); i++) {
            Duration gap = Duration.between(passStarts.get(i - 1), passStarts.get(i));
            assertThat(gap).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36));
        }
        assertThat(passStarts.stream().map(p -> p.getEpochSecond() % 30).distinct().count())
                .as("jitter varies the gaps").isGreaterThan(1);

        assertThat(loop.stop(Duration.ofSeconds(1))).isTrue();
        int passes = passStarts.size();
        scheduler.advance(Duration.ofMinutes(10));
        assertThat(passStarts).hasSize(passes);
        assertThat(scheduler.pending()).isZero();
        assertThat(loop.isRunning()).isFalse();
    }

    @Test
    void aSlowPassShortensTheWaitSoPassesStayOnTheInterval() {
        cluster(0, 1);
        ManualTaskScheduler scheduler = new ManualTaskScheduler(clock);
        ReconcileLoop<Map<String, Boolean>> loop = ReconcileLoop.<Map<String, Boolean>>builder("t", this::observe, ReconcileLoopTest::decide)
                .actor((d, ctx) -> clock.advance(Duration.ofSeconds(10))) // the action takes 10 s
                .clock(clock).scheduler(scheduler).jitter(0).interval(Duration.ofSeconds(30)).build();

        loop.start();
        scheduler.advance(Duration.ZERO);

        assertThat(scheduler.nextDue()).contains(ManualClock.DEFAULT_START.plusSeconds(30));
        loop.stop(Duration.ZERO);
    }

    @Test
    void passesNeverOverlap() throws Exception {
        cluster(0, 1);
        CountDownLatch inAction = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ReconcileLoop<Map<String, Boolean>> loop = ReconcileLoop.<Map<String, Boolean>>builder("t", this::observe, ReconcileLoopTest::decide)
                .actor((d, ctx) -> {
                    inAction.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }).clock(clock).build();
        Thread first = new Thread(loop::runOnce);
        first.start();
        assertThat(inAction.await(10, TimeUnit.SECONDS)).isTrue();

        PassReport second = loop.runOnce();

        assertThat(second.status()).isEqualTo(PassReport.Status.SKIPPED);
        assertThat(loop.stop(Duration.ZERO)).as("a pass is still running").isFalse();
        release.countDown();
        first.join(10_000);
        assertThat(loop.stop(Duration.ofSeconds(10))).isTrue();
        assertThat(loop.passes()).isEqualTo(1);
    }

    @Test
    void aPassCannotReenterItself() {
        cluster(0, 1);
        AtomicReference<PassReport> inner = new AtomicReference<>();
        AtomicReference<ReconcileLoop<Map<String, Boolean>>> self = new AtomicReference<>();
        self.set(ReconcileLoop.<Map<String, Boolean>>builder("t", this::observe, ReconcileLoopTest::decide)
                .actor((d, ctx) -> inner.set(self.get().runOnce())).clock(clock).build());

        self.get().runOnce();

        assertThat(inner.get().status()).isEqualTo(PassReport.Status.SKIPPED);
    }

    @Test
    void jitterStaysWithinItsBounds() {
        ReconcileLoop<Map<String, Boolean>> loop = loop(budget()).interval(Duration.ofSeconds(30)).jitter(0.1)
                .random(new Random(7)).build();
        for (int i = 0; i < 1000; i++) {
            assertThat(loop.nextDelay()).isBetween(Duration.ofSeconds(27), Duration.ofSeconds(33));
        }
    }

    @Test
    void misconfigurationIsRefused() {
        var b = ReconcileLoop.<Map<String, Boolean>>builder("t", this::observe, ReconcileLoopTest::decide);
        assertThatThrownBy(b::build).isInstanceOf(ConfigurationException.class).hasMessageContaining("actor");
        assertThatThrownBy(() -> b.jitter(0.9)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> b.interval(Duration.ZERO)).isInstanceOf(ConfigurationException.class);
        ReconcileLoop<Map<String, Boolean>> noScheduler = b.actor((d, c) -> { }).build();
        assertThatThrownBy(noScheduler::start).isInstanceOf(ConfigurationException.class).hasMessageContaining("scheduler");
    }
}
