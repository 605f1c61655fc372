package io.hpcha.drbd;

/**
 * A running program whose standard output is read line by line: what {@link DrbdEvents} follows.
 * Made by a {@link LineProcessLauncher}; tests supply one that plays back recorded lines.
 *
 * <p>{@link #readLine()} is called from one thread only; {@link #write} and {@link #close()} may be
 * called from any thread, {@link #close()} unblocking a pending {@link #readLine()}.
 */
public interface LineProcess extends AutoCloseable {
    /**
     * The next line of standard output without its line end, or null once the program has exited.
     *
     * @throws java.io.UncheckedIOException when the output cannot be read
     */
    String readLine();

    /**
     * Writes {@code text} to the program's standard input.
     *
     * @throws java.io.UncheckedIOException when the program no longer reads it
     */
    void write(String text);

    /** The exit code once {@link #readLine()} returned null; empty while it runs or if it was killed. */
    java.util.OptionalInt exitCode();

    /** Stops the program (and its children) if it still runs. Idempotent. */
    @Override
    void close();
}
