package io.hpcha.drbd;

import java.util.List;

/**
 * Starts long-running programs for {@link DrbdEvents}: {@link #system()} for real ones, a test's own
 * implementation to play back recorded output. Implementations are thread-safe.
 */
@FunctionalInterface
public interface LineProcessLauncher {
    /**
     * Starts {@code argv} (never through a shell).
     *
     * @throws io.hpcha.BackendUnavailableException when it cannot be started
     */
    LineProcess start(List<String> argv);

    /** Starts real processes with {@link ProcessBuilder}; standard error is discarded. */
    static LineProcessLauncher system() {
        return SystemLineProcess::start;
    }
}
