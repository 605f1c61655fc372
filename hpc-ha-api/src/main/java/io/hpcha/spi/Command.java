package io.hpcha.spi;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A program to run: an argument vector (never a shell line), a timeout, optional standard input and
 * environment overrides. Immutable; the {@code with…} methods return copies.
 *
 * <p>Each argument reaches the program verbatim, so {@code "; rm -rf /"} is just text. Callers still
 * validate every caller-supplied value before putting it here, so that it cannot be read as an option
 * or a keyword by the program itself.
 *
 * @param argv        program and arguments; the program is looked up on {@code PATH} unless absolute
 * @param timeout     how long the program may run before it and its children are killed
 * @param stdin       text written to the program's standard input, then closed; empty for none
 * @param environment variables set on top of the runner's environment
 */
public record Command(List<String> argv, Duration timeout, Optional<String> stdin, Map<String, String> environment) {
    public Command {
        argv = List.copyOf(argv);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(stdin, "stdin");
        environment = Map.copyOf(environment);
        if (argv.isEmpty() || argv.get(0).isBlank()) {
            throw new IllegalArgumentException("empty argument vector");
        }
        for (String arg : argv) {
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("argument holds a NUL character: " + arg.replace('\0', '?'));
            }
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** A command with no input and no environment overrides. */
    public static Command of(Duration timeout, String... argv) {
        return new Command(Arrays.asList(argv), timeout, Optional.empty(), Map.of());
    }

    /** A command with no input and no environment overrides. */
    public static Command of(Duration timeout, List<String> argv) {
        return new Command(argv, timeout, Optional.empty(), Map.of());
    }

    /** This command with {@code text} on its standard input. */
    public Command withStdin(String text) {
        return new Command(argv, timeout, Optional.of(text), environment);
    }

    /** This command with these environment overrides (replacing earlier ones). */
    public Command withEnvironment(Map<String, String> overrides) {
        return new Command(argv, timeout, stdin, overrides);
    }

    /** The program, {@code argv[0]}. */
    public String program() {
        return argv.get(0);
    }

    /** The argument vector joined by spaces, for logs and messages only (never to be executed). */
    public String display() {
        return String.join(" ", argv);
    }
}
