package io.hpcha.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import io.hpcha.BackendUnavailableException;
import io.hpcha.spi.Await;
import io.hpcha.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Helpers the compatibility kits share. */
final class KitSupport {
    private static final Duration POLL = Duration.ofMillis(250);

    private KitSupport() {
    }

    /**
     * Asserts that {@code condition} holds now or, for a backend that only promises eventual visibility,
     * within {@code timeout} of real time. A fake satisfies it on the first look and nothing waits.
     */
    static void eventually(Duration timeout, String what, BooleanSupplier condition) {
        eventually(timeout, () -> what, condition);
    }

    /** As above, with a description built after the wait, so it can tell what was last observed. */
    static void eventually(Duration timeout, java.util.function.Supplier<String> what, BooleanSupplier condition) {
        try {
            Await.of(Clock.systemUTC(), Sleeper.system(), timeout, POLL).until("the condition", condition);
        } catch (BackendUnavailableException e) {
            fail("expected " + what.get() + " within " + timeout);
        }
    }
}
