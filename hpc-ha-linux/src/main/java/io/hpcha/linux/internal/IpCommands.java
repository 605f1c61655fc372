package io.hpcha.linux.internal;

import io.hpcha.UnexpectedOutputException;
import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ip} and {@code arping} commands of a Linux floating address, built as argument vectors
 * from values that {@link LinuxNames} has checked, run through a given {@link CommandRunner}, with
 * their failures mapped by {@link IpErrors}. Immutable and thread-safe.
 */
public final class IpCommands {
    private static final Pattern REPLY_FROM = Pattern.compile("reply from (\\S+) \\[([0-9A-Fa-f:]{17})\\]");

    private final String ip;
    private final String arping;
    private final Duration timeout;

    /**
     * @param ip      the {@code ip} program (iproute2)
     * @param arping  the {@code arping} program (iputils)
     * @param timeout how long one {@code ip} command may take; {@code arping} gets its own run time on top
     */
    public IpCommands(String ip, String arping, Duration timeout) {
        this.ip = LinuxNames.program("ip program", ip);
        this.arping = LinuxNames.program("arping program", arping);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** {@code ip -json addr show}: every address on every interface of the runner's host. */
    public List<AddressEntry> addresses(CommandRunner runner, String where) {
        CommandResult result = runner.run(Command.of(timeout, ip, "-json", "addr", "show"));
        if (!result.succeeded()) {
            throw IpErrors.failure("listing addresses on " + where, result);
        }
        return IpAddrJson.parse(result.stdout());
    }

    /**
     * {@code ip addr add CIDR dev IF [label L]}.
     *
     * @return false when the kernel answered that the address is already on that interface
     */
    public boolean add(CommandRunner runner, String cidr, String interfaceName, Optional<String> label, String where) {
        List<String> argv = new ArrayList<>(List.of(ip, "addr", "add", cidr, "dev", interfaceName));
        label.ifPresent(l -> argv.addAll(List.of("label", l)));
        CommandResult result = runner.run(Command.of(timeout, argv));
        if (result.succeeded()) {
            return true;
        }
        if (IpErrors.alreadyAssigned(result)) {
            return false;
        }
        throw IpErrors.failure("adding " + cidr + " on " + interfaceName + " of " + where, result);
    }

    /**
     * {@code ip addr del CIDR dev IF} for an entry read from {@code ip -json addr show}; its interface
     * name is checked first, since it came from a program's output.
     *
     * @return false when the kernel answered that the address was not there (already gone)
     */
    public boolean delete(CommandRunner runner, AddressEntry entry, String where) {
        String interfaceName;
        try {
            interfaceName = LinuxNames.interfaceName("interface", entry.interfaceName());
        } catch (RuntimeException e) {
            throw new UnexpectedOutputException("ip -json addr show on " + where
                    + " named an interface that cannot be passed back to ip safely", entry.interfaceName(), e);
        }
        CommandResult result = runner.run(Command.of(timeout, ip, "addr", "del", entry.cidr(), "dev", interfaceName));
        if (result.succeeded()) {
            return true;
        }
        if (IpErrors.notAssigned(result)) {
            return false;
        }
        throw IpErrors.failure("removing " + entry.cidr() + " from " + interfaceName + " of " + where, result);
    }

    /**
     * Gratuitous ARP with iputils {@code arping}: {@code -U} sends ARP requests, {@code -A} ARP
     * replies, both with the address as sender and target, so that neighbours update their caches.
     * The run is bounded with {@code -w}, so it lasts about {@code (count-1) * interval} (at least 1 s).
     *
     * @param reply    {@code -A} when true, {@code -U} when false
     * @param interval whole seconds; passed as {@code -i} only when it is not arping's default of 1 s
     */
    public void gratuitousArp(CommandRunner runner, boolean reply, String interfaceName, String address,
                              int count, Duration interval, String where) {
        long seconds = interval.toSeconds();
        long deadline = Math.max(1, (count - 1) * seconds);
        List<String> argv = new ArrayList<>(List.of(arping, reply ? "-A" : "-U", "-c", Integer.toString(count),
                "-w", Long.toString(deadline)));
        if (seconds != 1) {
            argv.addAll(List.of("-i", Long.toString(seconds)));
        }
        argv.addAll(List.of("-I", interfaceName, address));
        CommandResult result = runner.run(Command.of(timeout.plusSeconds(deadline), argv));
        if (!result.succeeded()) {
            throw IpErrors.failure("announcing " + address + " from " + interfaceName + " of " + where
                    + " (gratuitous ARP " + (reply ? "reply" : "request") + ")", result);
        }
    }

    /**
     * Duplicate address detection ({@code arping -D}): asks the segment who has {@code address}.
     *
     * @return the hardware address of a host that answered, or empty when none did
     */
    public Optional<String> answeringHost(CommandRunner runner, String interfaceName, String address, String where) {
        CommandResult result = runner.run(Command.of(timeout.plusSeconds(1),
                arping, "-D", "-c", "1", "-w", "1", "-I", interfaceName, address));
        if (result.exitCode() == 0) {
            return Optional.empty();
        }
        Matcher m = REPLY_FROM.matcher(result.stdout());
        if (result.exitCode() == 1 && m.find()) {
            return Optional.of(m.group(2).toLowerCase(java.util.Locale.ROOT));
        }
        throw IpErrors.failure("checking whether another host answers for " + address + " on " + interfaceName
                + " of " + where, result);
    }
}
