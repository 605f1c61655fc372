package io.hpcha.bench.cluster;

import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link CommandRunner} that answers Slurm's client commands with canned output instead of running
 * them: {@code sinfo -V} with 22.05.8, {@code sinfo --json} with a generated document, and
 * {@code scontrol update} with success (what the real one prints: nothing). Anything else is a
 * failure with exit 1, so a benchmark never silently measures an unexpected path. Thread-safe.
 */
public final class CannedSlurm implements CommandRunner {
    private final String sinfoJson;
    private final AtomicInteger updates = new AtomicInteger();

    public CannedSlurm(String sinfoJson) {
        this.sinfoJson = sinfoJson;
    }

    @Override
    public CommandResult run(Command command) {
        List<String> argv = command.argv();
        String program = command.program();
        if (program.endsWith("sinfo") && argv.equals(List.of(program, "-V"))) {
            return CommandResult.of(command, 0, "slurm-wlm 22.05.8\n", "");
        }
        if (program.endsWith("sinfo") && argv.equals(List.of(program, "--json"))) {
            return CommandResult.of(command, 0, sinfoJson, "");
        }
        if (program.endsWith("scontrol") && argv.size() > 1 && argv.get(1).equals("update")) {
            updates.incrementAndGet();
            return CommandResult.of(command, 0, "", "");
        }
        return CommandResult.of(command, 1, "", "canned Slurm does not answer " + command.display());
    }

    /** How many {@code scontrol update} commands were asked for. */
    public int updates() {
        return updates.get();
    }
}
