package io.hpcha.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.Health;
import io.hpcha.ProbeResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnownSubjectsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(30);
    private final KnownSubjects known = new KnownSubjects();
    private final BackendUnavailableException down = new BackendUnavailableException("slurmctld down");

    @Test
    void anOutageBeforeAnySuccessIsThrownNotHidden() {
        assertThatThrownBy(() -> known.unknown("p", T0, "unreachable", down)).isSameAs(down);
    }

    @Test
    void anOutageReportsEverySubjectLastSeenAsUnknown() {
        known.remember(List.of(result("n1", Health.UNHEALTHY), result("n2", Health.HEALTHY)));

        assertThat(known.unknown("p", T1, "slurmctld unreachable", down))
                .extracting(ProbeResult::subject, ProbeResult::health, ProbeResult::detail, ProbeResult::observedAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("n1", Health.UNKNOWN, "slurmctld unreachable: slurmctld down", T1),
                        org.assertj.core.groups.Tuple.tuple("n2", Health.UNKNOWN, "slurmctld unreachable: slurmctld down", T1));
    }

    @Test
    void theLatestSuccessDecidesWhichSubjectsAreKnown() {
        known.remember(List.of(result("n1", Health.HEALTHY), result("n2", Health.HEALTHY)));
        known.remember(List.of(result("n3", Health.HEALTHY)));

        assertThat(known.unknown("p", T1, "x", down)).extracting(ProbeResult::subject).containsExactly("n3");
    }

    private static ProbeResult result(String subject, Health health) {
        return new ProbeResult("p", subject, health, "d", T0);
    }
}
