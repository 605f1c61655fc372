package io.hpcha.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.NodeId;
import io.hpcha.OperationRefusedException;
import io.hpcha.policy.StepRecord.Outcome;
import io.hpcha.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FailoverPlanTest {
    private final ManualClock clock = new ManualClock();
    /** The "system": which step effects are in place. */
    private final Set<String> inPlace = Collections.synchronizedSet(new HashSet<>());
    /** Every write, in order: "act fence", "undo promote". */
    private final List<String> writes = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Long> tokens = new HashMap<>();
    /** Per-step hook run inside the action, before the effect takes hold. */
    private final Map<String, Consumer<StepContext>> before = new HashMap<>();

    private PlanStep step(String name) {
        return PlanStep.builder(name)
                .verify(ctx -> inPlace.contains(name))
                .action(ctx -> {
                    writes.add("act " + name);
                    tokens.put(name, ctx.fencingToken());
                    before.getOrDefault(name, c -> { }).accept(ctx);
                    inPlace.add(name);
                })
                .compensation(ctx -> {
                    writes.add("undo " + name);
                    inPlace.remove(name);
                })
                .build();
    }

    private FailoverPlan.Builder plan() {
        return FailoverPlan.builder("takeover")
                .step(step("fence")).step(step("promote")).step(step("mount")).step(step("start"))
                .clock(clock).sleeper(clock).backoff(Duration.ofSeconds(1), Duration.ofSeconds(8));
    }

    @Test
    void stepsRunInOrderEachVerified() {
        PlanResult result = plan().build().execute(Authority.standalone());

        assertThat(result.status()).isEqualTo(PlanResult.Status.COMPLETED);
        assertThat(writes).containsExactly("act fence", "act promote", "act mount", "act start");
        assertThat(result.steps(Outcome.DONE)).containsExactly("fence", "promote", "mount", "start");
    }

    @Test
    void whenStepThreeFailsStepsTwoAndOneAreCompensatedInReverse() {
        before.put("mount", ctx -> {
            throw new OperationRefusedException("32", "mount: wrong fs type, bad option, bad superblock on /dev/drbd0");
        });

        PlanResult result = plan().build().execute(Authority.standalone());

        assertThat(result.status()).isEqualTo(PlanResult.Status.FAILED);
        assertThat(result.error()).contains("mount").contains("bad superblock");
        assertThat(writes).containsExactly("act fence", "act promote", "act mount", "undo promote", "undo fence");
        assertThat(result.steps(Outcome.FAILED)).containsExactly("mount");
        assertThat(result.steps(Outcome.COMPENSATED)).containsExactly("promote", "fence");
        assertThat(inPlace).isEmpty();
    }

    @Test
    void aRerunAfterACrashAfterStepTwoFinishesWithoutRepeatingStepsOneAndTwo() {
        before.put("mount", ctx -> {
            throw new SimulatedCrash();
        });
        assertThatThrownBy(() -> plan().build().execute(Authority.standalone())).isInstanceOf(SimulatedCrash.class);
        assertThat(writes).containsExactly("act fence", "act promote", "act mount");
        before.clear();
        writes.clear();

        PlanResult rerun = plan().build().execute(Authority.standalone()); // a new process, same system

        assertThat(rerun.status()).isEqualTo(PlanResult.Status.COMPLETED);
        assertThat(writes).containsExactly("act mount", "act start");
        assertThat(rerun.steps(Outcome.ALREADY_DONE)).containsExactly("fence", "promote");
        assertThat(rerun.steps(Outcome.DONE)).containsExactly("mount", "start");
    }

    @Test
    void aRerunAfterACrashAtAnyStepRepeatsNoActionThatTookEffect() {
        List<String> steps = List.of("fence", "promote", "mount", "start");
        for (String crashing : steps) {
            inPlace.clear();
            writes.clear();
            before.clear();
            before.put(crashing, ctx -> {
                throw new SimulatedCrash();
            });
            assertThatThrownBy(() -> plan().build().execute(Authority.standalone())).isInstanceOf(SimulatedCrash.class);
            before.clear();

            plan().build().execute(Authority.standalone());

            for (String s : steps) {
                assertThat(writes.stream().filter(w -> w.equals("act " + s))).as("crash in %s: acts of %s", crashing, s).hasSize(
                        s.equals(crashing) ? 2 : 1);
            }
        }
    }

    @Test
    void leadershipLostMidPlanRunsNoFurtherStepAndWritesNothingMore() {
        TestLease lease = new TestLease(clock, Duration.ofSeconds(30));
        LeaderElection election = LeaderElection.builder(lease, NodeId.of("ctl-b")).clock(clock)
                .safetyMargin(Duration.ofSeconds(2)).build();
        election.tick();
        before.put("promote", ctx -> clock.advance(Duration.ofSeconds(40))); // a long stall: the grant lapses

        PlanResult result = plan().build().execute(election);

        assertThat(result.status()).isEqualTo(PlanResult.Status.STOPPED_NOT_LEADER);
        assertThat(writes).containsExactly("act fence", "act promote");
        assertThat(result.steps(Outcome.SKIPPED_NOT_LEADER)).containsExactly("mount", "start");
        assertThat(tokens).containsEntry("fence", 1L).containsEntry("promote", 1L);
    }

    @Test
    void everyWriteCarriesTheCurrentFencingToken() {
        TestLease lease = new TestLease(clock, Duration.ofSeconds(30));
        lease.tryAcquire(NodeId.of("ctl-a")); // token 1 went to the peer, which then died
        clock.advance(Duration.ofSeconds(31));
        LeaderElection election = LeaderElection.builder(lease, NodeId.of("ctl-b")).clock(clock).build();
        election.tick();

        plan().build().execute(election);

        assertThat(tokens).containsOnlyKeys("fence", "promote", "mount", "start").allSatisfy((s, t) -> assertThat(t).isEqualTo(2L));
    }

    @Test
    void retryableFailuresAreRetriedWithBackoffOnTheInjectedSleeper() {
        int[] calls = {0};
        before.put("promote", ctx -> {
            if (++calls[0] < 3) {
                throw new BackendUnavailableException("drbdadm timed out");
            }
        });
        var start = clock.instant();

        PlanResult result = plan().maxAttempts(3).build().execute(Authority.standalone());

        assertThat(result.status()).isEqualTo(PlanResult.Status.COMPLETED);
        assertThat(result.events()).filteredOn(e -> e.step().equals("promote")).singleElement()
                .satisfies(e -> assertThat(e.attempts()).isEqualTo(3));
        assertThat(java.time.Duration.between(start, clock.instant())).as("1 s then 2 s").isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void nonRetryableFailuresAreNotRetried() {
        int[] calls = {0};
        before.put("promote", ctx -> {
            calls[0]++;
            throw new OperationRefusedException("-11", "State change failed: (-2) Need access to UpToDate data");
        });

        PlanResult result = plan().maxAttempts(5).build().execute(Authority.standalone());

        assertThat(calls[0]).isEqualTo(1);
        assertThat(result.steps(Outcome.COMPENSATED)).containsExactly("fence");
    }

    @Test
    void anActionWhoseEffectShowsLateIsVerifiedOnRetryNotRepeated() {
        Set<String> late = new HashSet<>();
        PlanStep eventual = PlanStep.builder("move-address")
                .verify(ctx -> late.contains("visible"))
                .action(ctx -> {
                    writes.add("act move-address");
                    late.add("written");
                })
                .build();
        PlanStep watcher = PlanStep.check("observe", ctx -> true);
        FailoverPlan p = FailoverPlan.builder("eventual").step(eventual).step(watcher).clock(clock)
                .sleeper(d -> {
                    clock.advance(d);
                    if (late.contains("written")) {
                        late.add("visible"); // by the retry, the source of truth shows the move
                    }
                }).build();

        PlanResult result = p.execute(Authority.standalone());

        assertThat(result.completed()).isTrue();
        assertThat(writes).containsExactly("act move-address");
        assertThat(result.events().get(0).attempts()).isEqualTo(2);
    }

    @Test
    void anAttemptThatOverrunsItsTimeoutIsInterruptedAndCountsAsFailed() {
        CountDownLatch never = new CountDownLatch(1);
        PlanStep hanging = PlanStep.builder("hang").verify(ctx -> false).action(ctx -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendUnavailableException("interrupted");
            }
        }).attemptTimeout(Duration.ofMillis(100)).maxAttempts(1).build();

        PlanResult result = FailoverPlan.builder("t").step(hanging).clock(clock).sleeper(clock).build()
                .execute(Authority.standalone());

        assertThat(result.status()).isEqualTo(PlanResult.Status.FAILED);
        assertThat(result.error()).contains("TimeoutExceeded");
        assertThat(Thread.interrupted()).as("no interrupt leaks to the caller").isFalse();
    }

    @Test
    void aFailingCompensationIsReportedAndTheOthersStillRun() {
        PlanStep promote = PlanStep.builder("promote").verify(ctx -> inPlace.contains("promote"))
                .action(ctx -> inPlace.add("promote"))
                .compensation(ctx -> {
                    throw new OperationRefusedException("-12", "Device is held open by someone");
                }).build();
        before.put("mount", ctx -> {
            throw new OperationRefusedException("32", "mount failed");
        });
        FailoverPlan p = FailoverPlan.builder("t").step(step("fence")).step(promote).step(step("mount"))
                .clock(clock).sleeper(clock).build();

        PlanResult result = p.execute(Authority.standalone());

        assertThat(result.steps(Outcome.COMPENSATION_FAILED)).containsExactly("promote");
        assertThat(result.steps(Outcome.COMPENSATED)).containsExactly("fence");
    }

    @Test
    void listenersHearEveryEvent() {
        List<String> heard = new ArrayList<>();
        plan().listener(new PlanListener() {
            @Override
            public void onStepStarting(String plan, String step) {
                heard.add("start " + step);
            }

            @Override
            public void onStepEvent(String plan, StepRecord record) {
                heard.add(record.outcome() + " " + record.step());
            }

            @Override
            public void onFinished(PlanResult result) {
                heard.add(result.status().toString());
            }
        }).build().execute(Authority.standalone());

        assertThat(heard).containsExactly("start fence", "DONE fence", "start promote", "DONE promote",
                "start mount", "DONE mount", "start start", "DONE start", "COMPLETED");
    }

    @Test
    void aPreviewVerifiesEveryStepAndActsOnNone() {
        inPlace.add("fence");
        inPlace.add("mount");

        List<StepRecord> preview = plan().build().preview();

        assertThat(writes).isEmpty();
        assertThat(preview).extracting(StepRecord::step, StepRecord::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("fence", Outcome.ALREADY_DONE),
                org.assertj.core.groups.Tuple.tuple("promote", Outcome.WOULD_ACT),
                org.assertj.core.groups.Tuple.tuple("mount", Outcome.ALREADY_DONE),
                org.assertj.core.groups.Tuple.tuple("start", Outcome.WOULD_ACT));
    }

    @Test
    void plansAndStepsAreValidatedWhenBuilt() {
        assertThatThrownBy(() -> FailoverPlan.builder("p").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no steps");
        assertThatThrownBy(() -> FailoverPlan.builder("p").step(step("a")).step(step("a")).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("two steps named 'a'");
        assertThatThrownBy(() -> PlanStep.builder("x").action(ctx -> { }).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("verification");
        assertThatThrownBy(() -> PlanStep.builder("x").verify(ctx -> true).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("action");
    }

    /** Stands for the process dying: an Error is not handled, retried or compensated. */
    private static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;
    }
}
