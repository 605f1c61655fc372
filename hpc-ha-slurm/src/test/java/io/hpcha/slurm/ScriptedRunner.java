package io.hpcha.slurm;

import io.hpcha.BackendUnavailableException;
import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link CommandRunner} that answers by the command line's start ({@code "scontrol update"}) with
 * scripted results, in order: an answer once used gives way to the next one scripted, the last one
 * repeats. Records every command it ran. A command no script matches fails the test.
 */
final class ScriptedRunner implements CommandRunner {
    private final Map<String, Deque<Answer>> scripts = new LinkedHashMap<>();
    private final List<Command> ran = new ArrayList<>();

    /** Answers commands starting with {@code prefix} with this output and exit code. */
    ScriptedRunner on(String prefix, int exitCode, String output) {
        return on(prefix, c -> CommandResult.of(c, exitCode, exitCode == 0 ? output : "", exitCode == 0 ? "" : output));
    }

    /** Answers with a captured fixture. */
    ScriptedRunner on(String prefix, Fixture f) {
        return on(prefix, c -> CommandResult.of(c, f.exitCode(), f.output(), ""));
    }

    /** Answers with stdout and stderr both given. */
    ScriptedRunner on(String prefix, int exitCode, String stdout, String stderr) {
        return on(prefix, c -> CommandResult.of(c, exitCode, stdout, stderr));
    }

    /** Times out, as a hung slurmctld makes the command do. */
    ScriptedRunner timesOut(String prefix) {
        return on(prefix, c -> {
            throw new BackendUnavailableException("timed out after " + c.timeout() + ": " + c.display());
        });
    }

    synchronized ScriptedRunner on(String prefix, Function<Command, CommandResult> answer) {
        scripts.computeIfAbsent(prefix, k -> new ArrayDeque<>()).add(new Answer(answer));
        return this;
    }

    private static final class Answer {
        final Function<Command, CommandResult> function;
        boolean used;

        Answer(Function<Command, CommandResult> function) {
            this.function = function;
        }
    }

    @Override
    public synchronized CommandResult run(Command command) {
        ran.add(command);
        String line = String.join(" ", command.argv());
        String best = null;
        for (String prefix : scripts.keySet()) {
            if (line.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        if (best == null) {
            throw new AssertionError("unscripted command: " + line);
        }
        Deque<Answer> answers = scripts.get(best);
        while (answers.size() > 1 && answers.peek().used) {
            answers.poll();
        }
        Answer answer = answers.peek();
        answer.used = true;
        return answer.function.apply(command);
    }

    /** Every command run so far, as lines. */
    synchronized List<String> lines() {
        return ran.stream().map(c -> String.join(" ", c.argv())).toList();
    }

    synchronized List<Command> commands() {
        return List.copyOf(ran);
    }

    /** The lines that start with {@code prefix}. */
    synchronized List<String> lines(String prefix) {
        return lines().stream().filter(l -> l.startsWith(prefix)).toList();
    }
}
