package io.hpcha.spi;

/**
 * Runs {@link Command}s. Every CLI-backed backend goes through one, so that tests can script the
 * programs' answers and so that no backend ever builds a shell line.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface CommandRunner {
    /**
     * Runs {@code command} to completion.
     *
     * @return the result, whatever the exit code
     * @throws io.hpcha.BackendUnavailableException when the command ran past its timeout (it and its
     *                                              children were killed) or could not be started
     * @throws io.hpcha.ConfigurationException      when the program does not exist
     */
    CommandResult run(Command command);
}
