package io.hpcha.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs a kit subclass through the JUnit Jupiter engine in-process and reports which kit tests failed,
 * so a test can show that a kit catches a broken implementation.
 */
final class KitRun {
    private final Events tests;

    private KitRun(DiscoverySelector selector) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selector).execute();
        this.tests = results.testEvents();
    }

    /** Runs every test of {@code kitSubclass}. */
    static KitRun of(Class<?> kitSubclass) {
        return new KitRun(selectClass(kitSubclass));
    }

    /** Runs one test method of {@code kitSubclass}. */
    static KitRun ofMethod(Class<?> kitSubclass, String methodName) {
        return new KitRun(selectMethod(kitSubclass, methodName));
    }

    /**
     * The names of the kit methods that failed. Asserts that each failed on an assertion or on the
     * implementation's own hpc-ha exception, never by a crash in the kit or the fixture.
     */
    Set<String> failed() {
        tests.failed().stream().forEach(e -> assertThat(throwable(e))
                .as("%s must fail on an assertion or an HaException", methodName(e))
                .isInstanceOfAny(AssertionError.class, io.hpcha.HaException.class));
        return names(tests.failed());
    }

    /** The names of the kit methods that passed. */
    Set<String> succeeded() {
        return names(tests.succeeded());
    }

    /** How many tests ran. */
    long started() {
        return tests.started().count();
    }

    private static Set<String> names(Events events) {
        return events.stream().map(KitRun::methodName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String methodName(Event e) {
        return e.getTestDescriptor().getSource()
                .filter(MethodSource.class::isInstance).map(s -> ((MethodSource) s).getMethodName())
                .orElse(e.getTestDescriptor().getDisplayName());
    }

    private static Throwable throwable(Event e) {
        return e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                .orElse(null);
    }
}
