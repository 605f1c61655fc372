package io.hpcha.policy;

import io.hpcha.Health;
import io.hpcha.HealthProbe;
import io.hpcha.ProbeResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An {@link Observer} that asks a fixed list of {@link HealthProbe}s in order. When any probe throws,
 * or answers with nothing but {@link Health#UNKNOWN}, the whole observation fails with
 * {@link ObservationFailedException}: a policy must not act on a picture with a hole in it, and the
 * failure puts the {@link RemediationBudget} into protected mode. Thread-safe when the probes are.
 */
public final class ProbeObserver implements Observer<Observations> {
    private final List<HealthProbe> probes;
    private final Clock clock;

    private ProbeObserver(List<HealthProbe> probes, Clock clock) {
        this.probes = List.copyOf(probes);
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.probes.isEmpty()) {
            throw new IllegalArgumentException("a probe observer needs at least one probe");
        }
    }

    /** Observes with {@code probes}, timestamping on {@code clock}. */
    public static ProbeObserver of(Clock clock, List<HealthProbe> probes) {
        return new ProbeObserver(probes, clock);
    }

    @Override
    public Observations observe() {
        var start = clock.instant();
        List<ProbeResult> all = new ArrayList<>();
        for (HealthProbe probe : probes) {
            List<ProbeResult> results;
            try {
                results = probe.probe();
            } catch (RuntimeException e) {
                throw new ObservationFailedException("probe '" + probe.name() + "' failed: " + e.getMessage(), e);
            }
            if (!results.isEmpty() && results.stream().allMatch(r -> r.health() == Health.UNKNOWN)) {
                throw new ObservationFailedException("probe '" + probe.name() + "' could observe none of its "
                        + results.size() + " subject(s): " + results.get(0).detail(), null);
            }
            all.addAll(results);
        }
        return new Observations(start, all);
    }
}
