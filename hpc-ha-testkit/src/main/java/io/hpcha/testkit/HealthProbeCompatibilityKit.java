package io.hpcha.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcha.HealthProbe;
import io.hpcha.ProbeResult;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link HealthProbe} contract as tests. Subclass it in a backend's test sources and implement
 * the factory method; every test below then runs against that backend.
 */
public abstract class HealthProbeCompatibilityKit {
    private HealthProbe probe;

    /** A probe that observes at least one subject. */
    protected abstract HealthProbe createProbe();

    @BeforeEach
    void createProbeUnderTest() {
        probe = createProbe();
    }

    @Test
    void nameIsNotBlankAndStable() {
        String name = probe.name();
        assertNotNull(name);
        assertFalse(name.isBlank(), "name() is blank");
        probe.probe();
        assertEquals(name, probe.name(), "name() changed");
    }

    @Test
    void everyResultNamesThisProbe() {
        List<ProbeResult> results = probe.probe();
        assertFalse(results.isEmpty(), "the fixture observes at least one subject");
        for (ProbeResult r : results) {
            assertEquals(probe.name(), r.probe(), "result for " + r.subject());
            assertNotNull(r.health(), "health of " + r.subject());
        }
    }

    @Test
    void subjectsAreUnique() {
        Set<String> subjects = new HashSet<>();
        for (ProbeResult r : probe.probe()) {
            assertTrue(subjects.add(r.subject()), "subject " + r.subject() + " reported twice");
        }
    }

    @Test
    void resultListIsImmutable() {
        List<ProbeResult> results = probe.probe();
        assertFalse(results.isEmpty(), "the fixture observes at least one subject");
        assertThrows(UnsupportedOperationException.class, () -> results.add(results.get(0)));
        assertThrows(UnsupportedOperationException.class, () -> results.remove(0));
    }

    @Test
    void probingAgainSeesTheSameSubjects() {
        Set<String> first = subjects(probe.probe());
        Set<String> second = subjects(probe.probe());
        assertEquals(first, second, "probing must not change what there is to observe");
    }

    private static Set<String> subjects(List<ProbeResult> results) {
        Set<String> s = new HashSet<>();
        results.forEach(r -> s.add(r.subject()));
        return s;
    }
}
