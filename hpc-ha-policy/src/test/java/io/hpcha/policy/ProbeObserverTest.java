package io.hpcha.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.Health;
import io.hpcha.HealthProbe;
import io.hpcha.ProbeResult;
import io.hpcha.testkit.ManualClock;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeObserverTest {
    private final ManualClock clock = new ManualClock();

    private HealthProbe probe(String name, Health... healths) {
        return new HealthProbe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<ProbeResult> probe() {
                List<ProbeResult> out = new java.util.ArrayList<>();
                for (int i = 0; i < healths.length; i++) {
                    out.add(new ProbeResult(name, "n" + (i + 1), healths[i], "", clock.instant()));
                }
                return out;
            }
        };
    }

    @Test
    void collectsEveryProbesResultsAndCountsUnhealthySubjects() {
        ProbeObserver observer = ProbeObserver.of(clock, List.of(
                probe("slurm-nodes", Health.HEALTHY, Health.UNHEALTHY, Health.DEGRADED),
                probe("ec2-status", Health.HEALTHY, Health.UNHEALTHY, Health.UNKNOWN, Health.UNHEALTHY)));

        Observations o = observer.observe();

        assertThat(o.results()).hasSize(7);
        assertThat(o.of("slurm-nodes")).hasSize(3);
        assertThat(o.find("ec2-status", "n4")).hasValueSatisfying(r -> assertThat(r.health()).isEqualTo(Health.UNHEALTHY));
        // subjects merged by name, worst health wins: n2 and n4 unhealthy; n3's UNKNOWN is not failing
        assertThat(o.census()).isEqualTo(new FailureCensus(2, 4));
    }

    @Test
    void aThrowingProbeFailsTheObservation() {
        HealthProbe broken = new HealthProbe() {
            @Override
            public String name() {
                return "ec2-status";
            }

            @Override
            public List<ProbeResult> probe() {
                throw new BackendUnavailableException("RequestLimitExceeded");
            }
        };
        ProbeObserver observer = ProbeObserver.of(clock, List.of(probe("slurm-nodes", Health.HEALTHY), broken));

        assertThatThrownBy(observer::observe).isInstanceOf(ObservationFailedException.class)
                .hasMessageContaining("ec2-status").hasMessageContaining("RequestLimitExceeded");
    }

    @Test
    void aProbeThatKnowsNothingFailsTheObservation() {
        ProbeObserver observer = ProbeObserver.of(clock, List.of(probe("slurm-nodes", Health.UNKNOWN, Health.UNKNOWN)));

        assertThatThrownBy(observer::observe).isInstanceOf(ObservationFailedException.class)
                .hasMessageContaining("none of its 2 subject(s)");
    }
}
