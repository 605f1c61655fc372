package io.hpcha.slurm;

import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Runs commands through another runner, optionally rewritten, and remembers their argument vectors. */
final class RecordingRunner implements CommandRunner {
    private final CommandRunner delegate;
    private final UnaryOperator<Command> rewrite;
    private final List<List<String>> ran = new ArrayList<>();

    RecordingRunner(CommandRunner delegate) {
        this(delegate, UnaryOperator.identity());
    }

    RecordingRunner(CommandRunner delegate, UnaryOperator<Command> rewrite) {
        this.delegate = delegate;
        this.rewrite = rewrite;
    }

    /** Runs every command as user nobody (through setpriv), as a non-admin would. */
    static RecordingRunner asNobody(CommandRunner delegate) {
        return new RecordingRunner(delegate, c -> {
            List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"));
            argv.addAll(c.argv());
            return new Command(argv, c.timeout(), c.stdin(), c.environment());
        });
    }

    @Override
    public synchronized CommandResult run(Command command) {
        ran.add(command.argv());
        return delegate.run(rewrite.apply(command));
    }

    /** The commands run so far whose program ends with {@code program} and whose next argument is {@code verb}. */
    synchronized List<List<String>> ran(String program, String verb) {
        return ran.stream().filter(a -> a.get(0).endsWith(program) && a.size() > 1 && a.get(1).equals(verb)).toList();
    }
}
