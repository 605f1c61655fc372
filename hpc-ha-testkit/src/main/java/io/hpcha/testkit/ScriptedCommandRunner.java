package io.hpcha.testkit;

import io.hpcha.BackendUnavailableException;
import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import io.hpcha.spi.Sleeper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A {@link CommandRunner} that answers from a script instead of running programs, so a CLI-backed
 * backend can be tested on the programs' real (captured) output.
 *
 * <pre>{@code
 * ScriptedCommandRunner runner = new ScriptedCommandRunner();
 * runner.expect("scontrol", "ping").always().thenReturn(0, pingOutput);
 * runner.expect("scontrol", "update", "NodeName=n1", "State=DRAIN", "Reason=disk").thenReturn(0, "");
 * runner.expect("drbdadm", "primary", "r0").thenTimeout();
 * ... exercise the backend ...
 * runner.verifyAllConsumed();
 * }</pre>
 *
 * <p>Expectations match the whole argument vector. One-shot expectations are consumed in the order they
 * were made: a command must match the next one. Reusable ones ({@link Expectation#always()}) match any number
 * of times, in any order. A command that matches neither goes to the {@linkplain #respond fallback
 * responder}, if any; otherwise the runner throws {@link AssertionError} naming the command and what it
 * expected, and remembers it so that {@link #verifyAllConsumed()} fails too even if the code under test
 * swallowed the error.
 *
 * <p>Thread-safe. Responses are computed outside the runner's lock.
 */
public final class ScriptedCommandRunner implements CommandRunner {
    private final Sleeper sleeper;
    private final List<Expectation> expectations = new ArrayList<>(); // guarded by this
    private final List<Command> invocations = new ArrayList<>();      // guarded by this
    private final List<String> unexpected = new ArrayList<>();        // guarded by this
    private Function<Command, CommandResult> fallback;                // guarded by this

    /** A runner whose timeouts take no time. */
    public ScriptedCommandRunner() {
        this(duration -> { });
    }

    /** A runner whose {@linkplain Expectation#thenTimeout() timeouts} first sleep the command's timeout (pass a {@link ManualClock}). */
    public ScriptedCommandRunner(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Expects exactly this argument vector. Give the answer with one of the {@code then…} methods. */
    public Expectation expect(String... argv) {
        return expect(Arrays.asList(argv));
    }

    /** Expects exactly this argument vector. */
    public Expectation expect(List<String> argv) {
        List<String> expected = List.copyOf(argv);
        if (expected.isEmpty()) {
            throw new IllegalArgumentException("empty argument vector");
        }
        return add(new Expectation(expected.toString(), c -> c.argv().equals(expected)));
    }

    /** Expects a command {@code matcher} accepts; {@code description} appears in failure messages. */
    public Expectation expectMatching(String description, Predicate<Command> matcher) {
        return add(new Expectation(Objects.requireNonNull(description, "description"),
                Objects.requireNonNull(matcher, "matcher")));
    }

    /**
     * Answers commands no expectation matches, for stateful scripts (a fake {@code drbdadm} whose
     * {@code status} reflects an earlier {@code primary}). Returning null means "not handled": the command
     * is then unexpected.
     */
    public synchronized ScriptedCommandRunner respond(Function<Command, CommandResult> responder) {
        this.fallback = Objects.requireNonNull(responder, "responder");
        return this;
    }

    @Override
    public CommandResult run(Command command) {
        Objects.requireNonNull(command, "command");
        Expectation matched;
        Function<Command, CommandResult> responder;
        synchronized (this) {
            invocations.add(command);
            matched = match(command);
            responder = fallback;
        }
        if (matched != null) {
            return matched.answer(command);
        }
        CommandResult result = responder == null ? null : responder.apply(command);
        if (result != null) {
            return result;
        }
        String message;
        synchronized (this) {
            message = "unexpected command " + command.argv() + "\n" + describeExpectations();
            unexpected.add(command.argv().toString());
        }
        throw new AssertionError(message);
    }

    /** Every command run so far, in order, matched or not. */
    public synchronized List<Command> invocations() {
        return List.copyOf(invocations);
    }

    /** Fails when a one-shot expectation was never used or any command was unexpected. */
    public synchronized void verifyAllConsumed() {
        List<String> pending = expectations.stream().filter(e -> !e.reusable && !e.consumed)
                .map(e -> e.description).toList();
        if (!pending.isEmpty() || !unexpected.isEmpty()) {
            throw new AssertionError("scripted commands not as expected:"
                    + (pending.isEmpty() ? "" : "\n  never run: " + pending)
                    + (unexpected.isEmpty() ? "" : "\n  unexpected: " + unexpected));
        }
    }

    private synchronized Expectation add(Expectation e) {
        expectations.add(e);
        return e;
    }

    private Expectation match(Command command) {
        Expectation next = nextOneShot();
        if (next != null && next.matcher.test(command)) {
            next.consumed = true;
            return next;
        }
        for (Expectation e : expectations) {
            if (e.reusable && e.matcher.test(command)) {
                return e;
            }
        }
        return null;
    }

    private Expectation nextOneShot() {
        for (Expectation e : expectations) {
            if (!e.reusable && !e.consumed) {
                return e;
            }
        }
        return null;
    }

    private String describeExpectations() {
        Expectation next = nextOneShot();
        String reusable = expectations.stream().filter(e -> e.reusable).map(e -> e.description)
                .collect(Collectors.joining(", "));
        return "  next expected: " + (next == null ? "(none)" : next.description)
                + "\n  always accepted: " + (reusable.isEmpty() ? "(none)" : reusable);
    }

    /**
     * One expected command and its scripted answer. Made by {@link ScriptedCommandRunner#expect}; the
     * answer is set with a {@code then…} method, and {@link #always()} makes it reusable.
     */
    public final class Expectation {
        private final String description;
        private final Predicate<Command> matcher;
        private Function<Command, CommandResult> answer; // guarded by the runner
        private boolean reusable;                         // guarded by the runner
        private boolean consumed;                         // guarded by the runner

        private Expectation(String description, Predicate<Command> matcher) {
            this.description = description;
            this.matcher = matcher;
        }

        /** Matches any number of times, in any order, instead of once in sequence. */
        public Expectation always() {
            synchronized (ScriptedCommandRunner.this) {
                reusable = true;
            }
            return this;
        }

        /** The command exits with {@code exitCode}, printing {@code stdout} and nothing on stderr. */
        public Expectation thenReturn(int exitCode, String stdout) {
            return thenReturn(exitCode, stdout, "");
        }

        /** The command exits with {@code exitCode}, printing {@code stdout} and {@code stderr}. */
        public Expectation thenReturn(int exitCode, String stdout, String stderr) {
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
            return thenAnswer(c -> CommandResult.of(c, exitCode, stdout, stderr));
        }

        /** The command runs past its timeout: the runner sleeps the timeout and throws {@link BackendUnavailableException}. */
        public Expectation thenTimeout() {
            return thenAnswer(c -> {
                sleeper.sleep(c.timeout());
                throw new BackendUnavailableException("timed out after " + c.timeout() + ": " + c.display());
            });
        }

        /** The runner throws what {@code failure} makes (a program that cannot start, for instance). */
        public Expectation thenThrow(Function<Command, ? extends RuntimeException> failure) {
            Objects.requireNonNull(failure, "failure");
            return thenAnswer(c -> {
                throw failure.apply(c);
            });
        }

        /** The result is computed from the command (to echo its stdin, say). */
        public Expectation thenAnswer(Function<Command, CommandResult> answer) {
            Objects.requireNonNull(answer, "answer");
            synchronized (ScriptedCommandRunner.this) {
                this.answer = answer;
            }
            return this;
        }

        private CommandResult answer(Command command) {
            Function<Command, CommandResult> a;
            synchronized (ScriptedCommandRunner.this) {
                a = answer;
            }
            if (a == null) {
                throw new AssertionError("expectation " + description + " matched " + command.argv()
                        + " but has no answer: add thenReturn/thenTimeout/thenAnswer");
            }
            return Objects.requireNonNull(a.apply(command), "scripted answer returned null");
        }
    }
}
