package io.hpcha.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Checks every module's production classes against {@link ArchitectureRules}. */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.hpcha");
        // the modules arrive as jars or class folders depending on the Maven phase; either way they must be here
        assertThat(production.contain(io.hpcha.spi.LocalCommandRunner.class)).isTrue();
        assertThat(production.contain(io.hpcha.testkit.ManualClock.class)).isTrue();
        assertThat(production.containPackage("io.hpcha.architecture")).as("test classes leaked into the import").isFalse();
    }

    @Test
    void apiDependsOnlyOnTheJdkAndSlf4j() {
        ArchitectureRules.API_DEPENDS_ONLY_ON_JDK_AND_SLF4J.check(production);
    }

    @ParameterizedTest
    @FieldSource("io.hpcha.architecture.ArchitectureRules#BACKENDS")
    void backendsAreIsolated(String backend) {
        ArchitectureRules.backendIsolation(backend).check(production);
    }

    @Test
    void noModuleUsesAnotherModulesInternals() {
        ArchitectureRules.NO_FOREIGN_INTERNAL_ACCESS.check(production);
    }

    @Test
    void noPublicMethodDeclaresACheckedException() {
        ArchitectureRules.NO_PUBLIC_CHECKED_EXCEPTIONS.check(production);
    }

    @Test
    void noPublicClassIsNamedImpl() {
        ArchitectureRules.NO_IMPL_CLASSES.check(production);
    }
}
