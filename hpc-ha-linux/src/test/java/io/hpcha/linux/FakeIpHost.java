package io.hpcha.linux;

import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import io.hpcha.testkit.ScriptedCommandRunner;
import java.util.List;

/**
 * One node of the captured testbed (ctl1 at 10.213.0.11 or ctl2 at 10.213.0.12, interface eth0) as a
 * stateful script: {@code ip -json addr show} prints the captured output for whether the node holds
 * 10.213.0.100/24 now, {@code ip addr add|del} of that address change it and answer as the kernel does
 * when it is already there or already gone, and {@code arping -U|-A} succeeds. Anything else is
 * unexpected. Thread-safe (announcements run in parallel).
 */
final class FakeIpHost {
    static final String FLOATING = "10.213.0.100";

    final String name;
    final ScriptedCommandRunner runner = new ScriptedCommandRunner();
    private boolean holding;
    private int writes;

    FakeIpHost(String name) {
        this.name = name;
        runner.respond(this::answer);
    }

    synchronized FakeIpHost holding(boolean holding) {
        this.holding = holding;
        return this;
    }

    synchronized boolean holding() {
        return holding;
    }

    /** How many {@code ip addr add|del} changed something. */
    synchronized int writes() {
        return writes;
    }

    /** The argument vectors run on this node, in order. */
    List<List<String>> ran() {
        return runner.invocations().stream().map(Command::argv).toList();
    }

    private synchronized CommandResult answer(Command c) {
        List<String> argv = c.argv();
        if (argv.equals(List.of("ip", "-json", "addr", "show"))) {
            return ok(c, Fixtures.ipJson(name + (holding ? "-holding-labelled" : "-not-holding")));
        }
        if (argv.size() >= 6 && argv.subList(0, 3).equals(List.of("ip", "addr", "add"))
                && argv.get(3).equals(FLOATING + "/24") && argv.subList(4, 6).equals(List.of("dev", "eth0"))) {
            if (holding) {
                return CommandResult.of(c, 2, "", Fixtures.ipError("add-exists"));
            }
            holding = true;
            writes++;
            return ok(c, "");
        }
        if (argv.equals(List.of("ip", "addr", "del", FLOATING + "/24", "dev", "eth0"))) {
            if (!holding) {
                return CommandResult.of(c, 2, "", Fixtures.ipError("del-not-assigned"));
            }
            holding = false;
            writes++;
            return ok(c, "");
        }
        if (argv.get(0).equals("arping") && (argv.get(1).equals("-U") || argv.get(1).equals("-A"))) {
            return ok(c, Fixtures.ipError("arping-unsolicited-ok"));
        }
        return null;
    }

    private static CommandResult ok(Command c, String stdout) {
        return CommandResult.of(c, 0, stdout, "");
    }
}
