package io.hpcha.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.Health;
import io.hpcha.HealthProbe;
import io.hpcha.ProbeResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe kit catches a probe whose results misname it, repeat a subject and can be modified. */
class HealthProbeKitCanFailTest {
    @Test
    void kitFailsAProbeWithMisnamedDuplicateMutableResults() {
        KitRun run = KitRun.of(BrokenProbeKit.class);
        assertThat(run.failed()).containsExactlyInAnyOrder(
                "everyResultNamesThisProbe", "subjectsAreUnique", "resultListIsImmutable");
        assertThat(run.succeeded()).contains("nameIsNotBlankAndStable", "probingAgainSeesTheSameSubjects");
    }

    /** Results name another probe, list one subject twice, and come in a mutable list. */
    static final class BrokenProbe implements HealthProbe {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public List<ProbeResult> probe() {
            Instant now = Instant.EPOCH;
            return new ArrayList<>(List.of(new ProbeResult("other", "n1", Health.HEALTHY, "", now),
                    new ProbeResult("other", "n1", Health.UNHEALTHY, "", now)));
        }
    }

    static class BrokenProbeKit extends HealthProbeCompatibilityKit {
        @Override
        protected HealthProbe createProbe() {
            return new BrokenProbe();
        }
    }
}
