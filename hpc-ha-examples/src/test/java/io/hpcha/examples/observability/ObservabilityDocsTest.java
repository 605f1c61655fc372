package io.hpcha.examples.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hpcha.Health;
import io.hpcha.Leadership;
import io.hpcha.NodeId;
import io.hpcha.ProbeResult;
import io.hpcha.policy.Decision;
import io.hpcha.policy.DecisionRecord;
import io.hpcha.policy.FailureCensus;
import io.hpcha.policy.Outcome;
import io.hpcha.policy.PassReport;
import io.hpcha.policy.PlanResult;
import io.hpcha.policy.RemediationBudget;
import io.hpcha.policy.StepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The sample dashboard and alert rules query only metrics the daemons really export. */
class ObservabilityDocsTest {
    private static final Path DOCS = Path.of("..", "docs", "observability");
    private static final Pattern METRIC = Pattern.compile("hpcha_[a-z_]+");

    /** Every metric name a daemon exports once each kind of event happened. */
    private static Set<String> exported() {
        DaemonMetrics m = DaemonMetrics.prometheus();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        DecisionRecord r = new DecisionRecord(1, Decision.act("start-standby", "c1", "x"), Outcome.ACTED, "", now);
        m.loopListener().onDecision("l", r);
        m.loopListener().onPass("l", new PassReport(1, now, Duration.ofSeconds(1), PassReport.Status.COMPLETED, List.of(r), ""));
        m.census("l", new FailureCensus(0, 1));
        m.probeResults(List.of(new ProbeResult("ec2-status", "c1", Health.HEALTHY, "", now)));
        var b = m.budgetListener("b");
        b.onStateChange(RemediationBudget.State.NORMAL, RemediationBudget.State.PROTECTED, "x");
        b.onDenied("start-standby", RemediationBudget.Verdict.EXHAUSTED);
        b.onGranted("start-standby");
        m.planListener().onStepEvent("p", new StepRecord("s", StepRecord.Outcome.DONE, 1, Duration.ZERO, ""));
        m.planListener().onFinished(new PlanResult("p", PlanResult.Status.COMPLETED, List.of(), ""));
        m.leadershipListener("ctl-a").onElected(new Leadership("l", NodeId.of("ctl-a"), 1, now));
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(m.scrape());
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    private static Set<String> referenced(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    @Test
    void alertRulesAreValidYamlAndQueryExportedMetrics() throws Exception {
        String text = Files.readString(DOCS.resolve("prometheus-alerts.yaml"));
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(text);
        int alerts = 0;
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                assertThat(rule.get("alert").asText()).startsWith("HpcHa");
                assertThat(rule.get("expr").asText()).isNotBlank();
                assertThat(rule.at("/labels/severity").asText()).isIn("warning", "critical");
                assertThat(rule.at("/annotations/summary").asText()).isNotBlank();
                alerts++;
            }
        }
        assertThat(alerts).isGreaterThanOrEqualTo(10);
        assertThat(exported()).containsAll(referenced(text));
    }

    @Test
    void theDashboardIsValidJsonAndQueriesExportedMetrics() throws Exception {
        String text = Files.readString(DOCS.resolve("grafana-dashboard.json"));
        JsonNode dashboard = new ObjectMapper().readTree(text);
        assertThat(dashboard.get("title").asText()).isEqualTo("hpc-ha");
        assertThat(dashboard.get("panels").size()).isGreaterThan(10);
        Set<String> used = referenced(text);
        assertThat(used).contains("hpcha_budget_state", "hpcha_decisions_total", "hpcha_leader");
        assertThat(exported()).containsAll(used);
    }
}
