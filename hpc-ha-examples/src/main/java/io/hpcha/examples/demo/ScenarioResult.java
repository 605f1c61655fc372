package io.hpcha.examples.demo;

import java.time.Duration;
import java.util.List;

/**
 * How a demo scenario ended. Immutable.
 *
 * @param name      the scenario's title
 * @param succeeded whether every expected outcome was observed
 * @param simulated simulated time from the failure to the restored service
 * @param failures  the expected outcomes that were not observed, in words
 */
public record ScenarioResult(String name, boolean succeeded, Duration simulated, List<String> failures) {
    public ScenarioResult {
        failures = List.copyOf(failures);
    }

    static ScenarioResult of(String name, Duration simulated, List<String> failures) {
        return new ScenarioResult(name, failures.isEmpty(), simulated, failures);
    }
}
