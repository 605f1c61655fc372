package io.hpcha.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;

/**
 * The module boundaries of DESIGN.md as ArchUnit rules. A module is identified by its package root:
 * {@code io.hpcha} and {@code io.hpcha.spi} are the api, {@code io.hpcha.<module>..} the others.
 */
final class ArchitectureRules {
    /** The backend modules' package roots. */
    static final List<String> BACKENDS = List.of("aws", "slurm", "drbd", "beegfs", "linux");

    private ArchitectureRules() {
    }

    /** The api depends on nothing but the JDK, SLF4J and itself. */
    static final ArchRule API_DEPENDS_ONLY_ON_JDK_AND_SLF4J = classes()
            .that().resideInAnyPackage("io.hpcha", "io.hpcha.spi")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.slf4j..", "io.hpcha", "io.hpcha.spi")
            .as("hpc-ha-api depends only on the JDK and SLF4J");

    /** A backend never depends on another backend, on the policy module, the testkit or the examples. */
    static ArchRule backendIsolation(String backend) {
        String[] forbidden = java.util.stream.Stream.concat(
                        BACKENDS.stream().filter(b -> !b.equals(backend)),
                        java.util.stream.Stream.of("policy", "testkit", "examples"))
                .map(m -> "io.hpcha." + m + "..")
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage("io.hpcha." + backend + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .allowEmptyShould(true)
                .as("backend " + backend + " depends on no other backend, nor on policy, testkit or examples");
    }

    /** A module's {@code internal} package is its own business. */
    static final ArchRule NO_FOREIGN_INTERNAL_ACCESS = classes().that().resideInAPackage("io.hpcha..")
            .should(new ArchCondition<JavaClass>("not use another module's internal package") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                        String target = d.getTargetClass().getPackageName();
                        if (target.startsWith("io.hpcha.") && isInternal(target)
                                && !moduleOf(target).equals(moduleOf(origin.getPackageName()))) {
                            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                        }
                    }
                }
            })
            .as("no module uses another module's internal package");

    /** Checked exceptions do not cross the public surface: the library's errors are unchecked. */
    static final ArchRule NO_PUBLIC_CHECKED_EXCEPTIONS = methods()
            .that().areDeclaredInClassesThat().arePublic()
            .and().arePublic()
            .and().areDeclaredInClassesThat().resideInAPackage("io.hpcha..")
            .should(new ArchCondition<JavaMethod>("declare no checked exception") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    // javac's bridge for Callable<Integer>.call() copies Callable's "throws Exception";
                    // no caller sees it, so only source-level methods count.
                    if (method.getModifiers().contains(JavaModifier.BRIDGE)
                            || method.getModifiers().contains(JavaModifier.SYNTHETIC)) {
                        return;
                    }
                    method.getThrowsClause().getTypes().stream()
                            .filter(t -> !t.isAssignableTo(RuntimeException.class) && !t.isAssignableTo(Error.class))
                            .forEach(t -> events.add(SimpleConditionEvent.violated(method,
                                    method.getFullName() + " declares checked " + t.getName())));
                }
            })
            .as("no public method declares a checked exception");

    /** Names say what a class is; "Impl" says nothing. */
    static final ArchRule NO_IMPL_CLASSES = noClasses()
            .that(DescribedPredicate.describe("are public", (JavaClass c) -> c.getModifiers().contains(JavaModifier.PUBLIC)))
            .and().resideInAPackage("io.hpcha..")
            .should().haveSimpleNameEndingWith("Impl")
            .as("no public class is named *Impl");

    static boolean isInternal(String pkg) {
        return pkg.contains(".internal");
    }

    /** {@code io.hpcha.slurm.internal.x} → {@code slurm}; {@code io.hpcha} and {@code io.hpcha.spi} → api. */
    static String moduleOf(String pkg) {
        if (pkg.equals("io.hpcha") || pkg.equals("io.hpcha.spi") || pkg.startsWith("io.hpcha.spi.")) {
            return "api";
        }
        String rest = pkg.substring("io.hpcha.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
