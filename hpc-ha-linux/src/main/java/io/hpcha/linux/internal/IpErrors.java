package io.hpcha.linux.internal;

import io.hpcha.BackendUnavailableException;
import io.hpcha.HaException;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.spi.CommandResult;
import java.util.Locale;

/**
 * Maps what {@code ip}, {@code arping} and {@code ip netns exec} print when they fail to the
 * hpc-ha exception hierarchy. Both wordings of the kernel's answers are known: the classic
 * {@code RTNETLINK answers: <strerror>} and the extended-ack messages of newer kernels
 * ({@code Error: ipv4: Address already assigned.}). Stateless.
 */
public final class IpErrors {
    private IpErrors() {
    }

    /** Whether a failed {@code ip addr add} says the address is already on that interface (EEXIST). */
    public static boolean alreadyAssigned(CommandResult result) {
        String text = result.combinedOutput();
        return text.contains("RTNETLINK answers: File exists") || text.contains("Address already assigned");
    }

    /** Whether a failed {@code ip addr del} says the address is not on that interface (EADDRNOTAVAIL). */
    public static boolean notAssigned(CommandResult result) {
        String text = result.combinedOutput();
        return text.contains("Cannot assign requested address") || text.contains("Address not found");
    }

    /**
     * The exception for a failed command, by the error text it printed. What is not recognised is an
     * {@link UnexpectedOutputException}, so that a new failure mode is seen rather than guessed at.
     *
     * @param what what was being done, for the message ("adding 10.0.0.100/24 on ctl2")
     */
    public static HaException failure(String what, CommandResult result) {
        String text = result.combinedOutput().strip();
        String lower = text.toLowerCase(Locale.ROOT);
        String message = what + " failed (exit " + result.exitCode() + ", `" + result.command().display() + "`): " + text;
        if (text.contains("Cannot find device") || (text.startsWith("Device \"") && text.contains("does not exist"))
                || lower.contains("no such device") || (lower.contains("device") && lower.contains("not available"))) {
            return new NotFoundException(message);
        }
        if (text.contains("Cannot open network namespace")) {
            return new NotFoundException(message);
        }
        if (text.contains("Operation not permitted") || text.contains("Permission denied")) {
            return new OperationRefusedException("EPERM", message);
        }
        if (alreadyAssigned(result)) {
            return new OperationRefusedException("EEXIST", message);
        }
        if (notAssigned(result)) {
            return new OperationRefusedException("EADDRNOTAVAIL", message);
        }
        if (lower.contains("network is down") || lower.contains("is down")) {
            return new OperationRefusedException("ENETDOWN", message, true, null);
        }
        if (text.contains("Resource temporarily unavailable") || text.contains("No buffer space available")) {
            return new BackendUnavailableException(message);
        }
        return new UnexpectedOutputException(what + " failed with exit " + result.exitCode()
                + " and output this backend does not know (`" + result.command().display() + "`)", text);
    }
}
