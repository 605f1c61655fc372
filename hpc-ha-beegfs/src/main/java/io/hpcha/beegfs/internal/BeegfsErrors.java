package io.hpcha.beegfs.internal;

import io.hpcha.BackendUnavailableException;
import io.hpcha.HaException;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.spi.CommandResult;
import java.util.List;

/**
 * Turns a failed BeeGFS command into the exception its text means. Both generations exit 1 for
 * nearly every failure, so the text tells them apart: beegfs-ctl 7.x's messages (for example
 * {@code "Management node communication failed: mgmt01"}) and the 8.x Go tool's (gRPC status
 * texts such as {@code "code = Unavailable"}). Stateless.
 */
public final class BeegfsErrors {
    /** Management (or the node asked) could not be reached: retryable. */
    static final List<String> UNREACHABLE = List.of(
            "Management node communication failed",
            "unable to proceed without a working management node",
            "code = Unavailable",
            "code = DeadlineExceeded",
            "connection refused",
            "Communication with node not successful",
            "Statistics could not be retrieved",
            "Could not check for running jobs",
            "Node download failed",
            "Download of mirror buddy groups failed",
            "Download of target states failed",
            "Pools download failed");
    /** The group or target does not exist. */
    static final List<String> NOT_FOUND = List.of(
            "Could not find buddy group",
            "Couldn't find",
            "No mirror buddy groups defined",
            "no mirrors configured",
            "not found");
    /** The backend answered and said no. */
    static final List<String> REFUSED = List.of(
            "only root can use this command",
            "only root can interact",
            "root privileges",
            "Resync request not successful",
            "Management host did not accept state change",
            "Node did not accept state change",
            "code = PermissionDenied",
            "code = FailedPrecondition");

    private BeegfsErrors() {
    }

    /** Whether a failed command's text says management or a server could not be reached. */
    public static boolean isUnreachable(CommandResult r) {
        String text = r.combinedOutput();
        return UNREACHABLE.stream().anyMatch(text::contains);
    }

    /**
     * The exception for a failed command.
     *
     * @param what what was attempted, for the message ("listing storage targets")
     */
    public static HaException toException(CommandResult r, String what) {
        String text = r.combinedOutput().trim();
        String prefix = what + " failed (" + r.command().program() + " exit " + r.exitCode() + "): ";
        for (String s : UNREACHABLE) {
            if (text.contains(s)) {
                return new BackendUnavailableException(prefix + firstLine(text, s));
            }
        }
        for (String s : NOT_FOUND) {
            if (text.contains(s)) {
                return new NotFoundException(prefix + firstLine(text, s));
            }
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (String s : REFUSED) {
            if (lower.contains(s.toLowerCase(java.util.Locale.ROOT))) {
                return new OperationRefusedException(s, prefix + firstLine(text, s));
            }
        }
        return new UnexpectedOutputException(prefix + "unrecognized output", text);
    }

    private static String firstLine(String text, String needle) {
        for (String line : text.split("\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).contains(needle.toLowerCase(java.util.Locale.ROOT))) {
                return line.trim();
            }
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
