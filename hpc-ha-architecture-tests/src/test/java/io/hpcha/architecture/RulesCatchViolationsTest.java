package io.hpcha.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.hpcha.ArchSampleApiUsingTestkit;
import io.hpcha.archsamples.FooImpl;
import io.hpcha.archsamples.ThrowsChecked;
import io.hpcha.beegfs.ArchSampleBeegfsPeekingIntoDrbd;
import io.hpcha.drbd.ArchSampleDrbdUsingOwnInternal;
import io.hpcha.drbd.internal.ArchSampleDrbdSecret;
import io.hpcha.slurm.ArchSampleSlurmUsingAws;
import org.junit.jupiter.api.Test;

/**
 * Each production rule, unchanged, flags a test-only sample that breaks it. The samples sit in the
 * real module packages but in test sources, so the production import in {@link ArchitectureTest}
 * never sees them.
 */
class RulesCatchViolationsTest {

    @Test
    void apiRuleCatchesADependencyOutsideJdkAndSlf4j() {
        assertViolates(ArchitectureRules.API_DEPENDS_ONLY_ON_JDK_AND_SLF4J, "io.hpcha.testkit.ManualClock",
                ArchSampleApiUsingTestkit.class);
    }

    @Test
    void backendRuleCatchesABackendUsingAnother() {
        assertViolates(ArchitectureRules.backendIsolation("slurm"), "ArchSampleAwsThing", ArchSampleSlurmUsingAws.class);
    }

    @Test
    void internalRuleCatchesForeignInternalAccessButAllowsOwn() {
        assertViolates(ArchitectureRules.NO_FOREIGN_INTERNAL_ACCESS, "ArchSampleDrbdSecret",
                ArchSampleBeegfsPeekingIntoDrbd.class, ArchSampleDrbdSecret.class);
        assertThat(ArchitectureRules.NO_FOREIGN_INTERNAL_ACCESS.evaluate(new ClassFileImporter()
                .importClasses(ArchSampleDrbdUsingOwnInternal.class, ArchSampleDrbdSecret.class)).hasViolation()).isFalse();
    }

    @Test
    void checkedExceptionRuleCatchesAThrowsClause() {
        assertViolates(ArchitectureRules.NO_PUBLIC_CHECKED_EXCEPTIONS, "java.io.IOException", ThrowsChecked.class);
    }

    @Test
    void implRuleCatchesAnImplClass() {
        assertViolates(ArchitectureRules.NO_IMPL_CLASSES, "FooImpl", FooImpl.class);
    }

    @Test
    void moduleOfReadsThePackageRoot() {
        assertThat(ArchitectureRules.moduleOf("io.hpcha")).isEqualTo("api");
        assertThat(ArchitectureRules.moduleOf("io.hpcha.spi")).isEqualTo("api");
        assertThat(ArchitectureRules.moduleOf("io.hpcha.slurm.internal.json")).isEqualTo("slurm");
        assertThat(ArchitectureRules.moduleOf("io.hpcha.drbd")).isEqualTo("drbd");
    }

    private static void assertViolates(ArchRule rule, String mentioned, Class<?>... samples) {
        EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(samples));
        assertThat(result.hasViolation()).as("rule '%s' should flag the sample", rule.getDescription()).isTrue();
        assertThat(result.getFailureReport().toString()).contains(mentioned);
    }
}
