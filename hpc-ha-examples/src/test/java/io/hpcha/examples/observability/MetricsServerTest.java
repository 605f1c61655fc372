package io.hpcha.examples.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.policy.Decision;
import io.hpcha.policy.DecisionRecord;
import io.hpcha.policy.FailureCensus;
import io.hpcha.policy.Outcome;
import io.hpcha.policy.PassReport;
import io.hpcha.policy.RemediationBudget;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
    @Test
    void theScrapeEndpointServesTheDaemonsMetricsOverHttp() throws Exception {
        DaemonMetrics metrics = DaemonMetrics.prometheus();
        var loop = metrics.loopListener();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        DecisionRecord acted = new DecisionRecord(1, Decision.act("start-standby", "Compute-1", "ALERT"), Outcome.ACTED, "", now);
        loop.onDecision("recovery-agent", acted);
        loop.onPass("recovery-agent", new PassReport(1, now, Duration.ofMillis(250), PassReport.Status.COMPLETED, List.of(acted), ""));
        metrics.census("recovery-agent", new FailureCensus(1, 4));
        var budget = metrics.budgetListener("recovery-agent");
        budget.onStateChange(RemediationBudget.State.NORMAL, RemediationBudget.State.PROTECTED, "EC2 API failing");
        budget.onDenied("start-standby", RemediationBudget.Verdict.PROTECTED);
        metrics.leadershipListener("ctl-b").onElected(new io.hpcha.Leadership("ctl", io.hpcha.NodeId.of("ctl-b"), 7, now));

        try (MetricsServer server = MetricsServer.start(metrics, "127.0.0.1", 0)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(r.body())
                    .contains("hpcha_decisions_total{action=\"start-standby\",loop=\"recovery-agent\",outcome=\"acted\"} 1.0")
                    .contains("hpcha_actions_total{action=\"start-standby\",loop=\"recovery-agent\",result=\"acted\"} 1.0")
                    .contains("hpcha_passes_total{loop=\"recovery-agent\",status=\"completed\"} 1.0")
                    .contains("hpcha_loop_duration_seconds_count{loop=\"recovery-agent\"} 1")
                    .contains("hpcha_failing_subjects{loop=\"recovery-agent\"} 1.0")
                    .contains("hpcha_watched_subjects{loop=\"recovery-agent\"} 4.0")
                    .contains("hpcha_budget_state{budget=\"recovery-agent\"} 2.0")
                    .contains("hpcha_budget_protected{budget=\"recovery-agent\"} 1.0")
                    .contains("hpcha_budget_protected_entries_total{budget=\"recovery-agent\"} 1.0")
                    .contains("hpcha_budget_denied_total{action=\"start-standby\",budget=\"recovery-agent\",verdict=\"protected\"} 1.0")
                    .contains("hpcha_leader{candidate=\"ctl-b\"} 1.0");

            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).isEqualTo("ok\n");
        }
    }

    @Test
    void anOperatorOnTheHostCanEndOrHoldProtectedModeOverHttp() throws Exception {
        io.hpcha.testkit.ManualClock clock = new io.hpcha.testkit.ManualClock();
        RemediationBudget budget = RemediationBudget.builder().clock(clock).coolDown(Duration.ofMinutes(5)).build();
        budget.recordObserverFailure("EC2 API failing");
        HttpClient http = HttpClient.newHttpClient();
        try (MetricsServer server = MetricsServer.start(DaemonMetrics.prometheus(), "127.0.0.1", 0).operate(budget)) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> state = http.send(HttpRequest.newBuilder(URI.create(base + "/budget")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(state.body()).isEqualTo("PROTECTED: EC2 API failing\n");

            HttpResponse<String> reset = http.send(HttpRequest.newBuilder(URI.create(base + "/budget/reset?operator=alice"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reset.statusCode()).isEqualTo(200);
            assertThat(reset.body()).isEqualTo("NORMAL\n");
            assertThat(budget.isProtected()).isFalse();

            HttpResponse<String> hold = http.send(HttpRequest.newBuilder(URI.create(base + "/budget/hold?operator=bob"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(hold.body()).isEqualTo("HELD: held by operator bob\n");
            clock.advance(Duration.ofHours(1));
            budget.recordObservation(new FailureCensus(0, 4));
            assertThat(budget.state()).as("a hold outlasts any cool-down").isEqualTo(RemediationBudget.State.HELD);

            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "/budget/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(400);
            HttpResponse<String> viaGet = http.send(HttpRequest.newBuilder(URI.create(base + "/budget/reset?operator=alice")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(viaGet.statusCode()).isEqualTo(405);
            assertThat(budget.state()).isEqualTo(RemediationBudget.State.HELD);
        }
    }
}
