package io.hpcha.policy;

import io.hpcha.Health;
import io.hpcha.ProbeResult;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a set of {@link io.hpcha.HealthProbe}s saw in one pass: the snapshot of a {@link ProbeObserver}.
 * Immutable.
 *
 * @param observedAt when the observation started
 * @param results    every probe's results, in probe order
 */
public record Observations(Instant observedAt, List<ProbeResult> results) {
    public Observations {
        Objects.requireNonNull(observedAt, "observedAt");
        results = List.copyOf(results);
    }

    /** The results of the probe named {@code probe}. */
    public List<ProbeResult> of(String probe) {
        return results.stream().filter(r -> r.probe().equals(probe)).toList();
    }

    /** What {@code probe} concluded about {@code subject}, if it reported on it. */
    public Optional<ProbeResult> find(String probe, String subject) {
        return results.stream().filter(r -> r.probe().equals(probe) && r.subject().equals(subject)).findFirst();
    }

    /**
     * Subjects (across probes, by name) whose worst health is {@link Health#UNHEALTHY}, out of all
     * subjects reported. UNKNOWN is not counted as failing: not knowing is not failing.
     */
    public FailureCensus census() {
        Map<String, Health> worst = new HashMap<>();
        for (ProbeResult r : results) {
            worst.merge(r.subject(), r.health(), Health::worst);
        }
        int failing = (int) worst.values().stream().filter(h -> h == Health.UNHEALTHY).count();
        return new FailureCensus(failing, worst.size());
    }
}
