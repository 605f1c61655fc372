package io.hpcha.examples.observability;

import io.hpcha.Leadership;
import io.hpcha.ProbeResult;
import io.hpcha.policy.BudgetListener;
import io.hpcha.policy.DecisionRecord;
import io.hpcha.policy.FailureCensus;
import io.hpcha.policy.LeadershipListener;
import io.hpcha.policy.PassReport;
import io.hpcha.policy.PlanListener;
import io.hpcha.policy.PlanResult;
import io.hpcha.policy.ReconcileListener;
import io.hpcha.policy.RemediationBudget;
import io.hpcha.policy.StepRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemons' Micrometer meters, fed by the policy building blocks' listeners. Prometheus names:
 *
 * <ul>
 *   <li>{@code hpcha_decisions_total{loop,action,outcome}}: every decision and what became of it</li>
 *   <li>{@code hpcha_actions_total{loop,action,result}}: actions carried out ({@code acted}) or failed</li>
 *   <li>{@code hpcha_passes_total{loop,status}} and {@code hpcha_loop_duration_seconds{loop}}</li>
 *   <li>{@code hpcha_probe_results_total{probe,health}}: observations per health</li>
 *   <li>{@code hpcha_watched_subjects{loop}} and {@code hpcha_failing_subjects{loop}}: the last census</li>
 *   <li>{@code hpcha_budget_state{budget}} (0 normal, 1 probing, 2 protected, 3 held by an operator),
 *       {@code hpcha_budget_protected{budget}} (0/1), {@code hpcha_budget_protected_entries_total},
 *       {@code hpcha_budget_denied_total{budget,action,verdict}}, {@code hpcha_budget_granted_total{budget,action}}</li>
 *   <li>{@code hpcha_plan_steps_total{plan,step,outcome}}, {@code hpcha_plan_runs_total{plan,status}}</li>
 *   <li>{@code hpcha_leader{candidate}} (0/1), {@code hpcha_leadership_changes_total{candidate,event}}</li>
 * </ul>
 *
 * Thread-safe.
 */
public final class DaemonMetrics {
    private final MeterRegistry registry;
    private final PrometheusMeterRegistry prometheus;
    private final Map<String, AtomicInteger> gauges = new ConcurrentHashMap<>();

    private DaemonMetrics(MeterRegistry registry, PrometheusMeterRegistry prometheus) {
        this.registry = registry;
        this.prometheus = prometheus;
    }

    /** Metrics kept in a Prometheus registry, ready to be scraped. */
    public static DaemonMetrics prometheus() {
        PrometheusMeterRegistry p = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return new DaemonMetrics(p, p);
    }

    /** Metrics kept in {@code registry} (for embedding in an application that has its own). */
    public static DaemonMetrics on(MeterRegistry registry) {
        return new DaemonMetrics(registry, registry instanceof PrometheusMeterRegistry p ? p : null);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        if (prometheus == null) {
            throw new IllegalStateException("these metrics are not kept in a Prometheus registry");
        }
        return prometheus.scrape();
    }

    /** Feeds the reconcile loop's meters. */
    public ReconcileListener loopListener() {
        return new ReconcileListener() {
            @Override
            public void onDecision(String loop, DecisionRecord r) {
                String action = r.decision().action();
                Counter.builder("hpcha.decisions").description("Decisions by action and outcome")
                        .tags("loop", loop, "action", action, "outcome", tag(r.outcome())).register(registry).increment();
                if (r.outcome() == io.hpcha.policy.Outcome.ACTED || r.outcome() == io.hpcha.policy.Outcome.FAILED) {
                    Counter.builder("hpcha.actions").description("Actions carried out or failed")
                            .tags("loop", loop, "action", action, "result", tag(r.outcome())).register(registry).increment();
                }
            }

            @Override
            public void onPass(String loop, PassReport report) {
                Counter.builder("hpcha.passes").description("Reconcile passes by status")
                        .tags("loop", loop, "status", tag(report.status())).register(registry).increment();
                if (report.status() != PassReport.Status.SKIPPED) {
                    Timer.builder("hpcha.loop.duration").description("Time one reconcile pass took")
                            .tags("loop", loop).register(registry).record(report.duration());
                }
            }
        };
    }

    /** Records one snapshot's census for {@code loop}. */
    public void census(String loop, FailureCensus census) {
        gauge("hpcha.watched.subjects", "Subjects the loop watches", "loop", loop).set(census.total());
        gauge("hpcha.failing.subjects", "Watched subjects that look failed", "loop", loop).set(census.failing());
    }

    /** Counts probe results by probe and health. */
    public void probeResults(List<ProbeResult> results) {
        for (ProbeResult r : results) {
            Counter.builder("hpcha.probe.results").description("Probe results by health")
                    .tags("probe", r.probe(), "health", tag(r.health())).register(registry).increment();
        }
    }

    /** Feeds the budget's meters; registers its state gauges. */
    public BudgetListener budgetListener(String budget) {
        AtomicInteger state = gauge("hpcha.budget.state", "0 normal, 1 probing, 2 protected, 3 held by an operator", "budget", budget);
        AtomicInteger isProtected = gauge("hpcha.budget.protected", "1 while remediation is stopped", "budget", budget);
        Counter entries = Counter.builder("hpcha.budget.protected.entries").description("Times protected mode was entered")
                .tags("budget", budget).register(registry);
        return new BudgetListener() {
            @Override
            public void onStateChange(RemediationBudget.State from, RemediationBudget.State to, String reason) {
                state.set(switch (to) {
                    case NORMAL -> 0;
                    case PROBING -> 1;
                    case PROTECTED -> 2;
                    case HELD -> 3;
                });
                isProtected.set(to == RemediationBudget.State.NORMAL ? 0 : 1);
                if (from == RemediationBudget.State.NORMAL) {
                    entries.increment();
                }
            }

            @Override
            public void onDenied(String kind, RemediationBudget.Verdict verdict) {
                Counter.builder("hpcha.budget.denied").description("Actions the budget refused")
                        .tags("budget", budget, "action", kind, "verdict", tag(verdict)).register(registry).increment();
            }

            @Override
            public void onGranted(String kind) {
                Counter.builder("hpcha.budget.granted").description("Actions the budget allowed")
                        .tags("budget", budget, "action", kind).register(registry).increment();
            }
        };
    }

    /** Feeds the failover plan's meters. */
    public PlanListener planListener() {
        return new PlanListener() {
            @Override
            public void onStepEvent(String plan, StepRecord r) {
                Counter.builder("hpcha.plan.steps").description("Failover plan step events")
                        .tags("plan", plan, "step", r.step(), "outcome", tag(r.outcome())).register(registry).increment();
            }

            @Override
            public void onFinished(PlanResult result) {
                Counter.builder("hpcha.plan.runs").description("Failover plan runs by how they ended")
                        .tags("plan", result.plan(), "status", tag(result.status())).register(registry).increment();
            }
        };
    }

    /** Feeds the leadership meters for {@code candidate}. */
    public LeadershipListener leadershipListener(String candidate) {
        AtomicInteger leader = gauge("hpcha.leader", "1 while this process holds the lease", "candidate", candidate);
        return new LeadershipListener() {
            @Override
            public void onElected(Leadership grant) {
                leader.set(1);
                change(candidate, "elected");
            }

            @Override
            public void onLost(Leadership grant, String reason) {
                leader.set(0);
                change(candidate, "lost");
            }
        };
    }

    private void change(String candidate, String event) {
        Counter.builder("hpcha.leadership.changes").description("Leadership won and lost")
                .tags("candidate", candidate, "event", event).register(registry).increment();
    }

    private AtomicInteger gauge(String name, String description, String tagKey, String tagValue) {
        return gauges.computeIfAbsent(name + "|" + tagValue, k -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(name, value, AtomicInteger::get).description(description).tags(tagKey, tagValue).register(registry);
            return value;
        });
    }

    private static String tag(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
