package io.hpcha.slurm.internal;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.HaException;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.spi.CommandResult;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed Slurm command into the exception its text means. Slurm's client commands exit 1 for
 * every failure; the text tells them apart. Stateless.
 */
public final class SlurmErrors {
    /** The controller could not be reached (Slurm's connection and timeout errors). */
    static final List<String> UNREACHABLE = List.of(
            "Unable to contact slurm controller",
            "Socket timed out on send/recv operation",
            "Zero Bytes were transmitted or received",
            "Communication connection failure",
            "Slurm backup controller in standby mode",
            "Slurmctld is not responding",
            "Protocol authentication error",
            "Munge encode failed");
    /** The controller answered: the caller may not do this. */
    static final List<String> REFUSED = List.of(
            "Invalid user id",
            "Access/permission denied",
            "Access denied",
            "You must specify a reason");
    /** The client could not read its configuration. */
    static final List<String> MISCONFIGURED = List.of(
            "Could not establish a configuration source",
            "Unable to process configuration file",
            "cannot stat file");
    static final String INVALID_NODE_NAME = "Invalid node name specified";
    static final String INVALID_NODE_STATE = "Invalid node state specified";
    private static final Pattern SLURM_ERROR = Pattern.compile("(?m)^\\S*(?: error)?: (?:error: )?(.+)$");

    private SlurmErrors() {
    }

    /** Whether a failed command's text says the controller could not be reached. */
    public static boolean isUnreachable(CommandResult r) {
        return containsAny(r.combinedOutput(), UNREACHABLE);
    }

    /** Whether Slurm rejected a node name it does not know. */
    public static boolean isInvalidNodeName(CommandResult r) {
        return r.combinedOutput().contains(INVALID_NODE_NAME);
    }

    /** Whether Slurm said no for a reason repeating the same request cannot change. */
    public static boolean isRefusal(CommandResult r) {
        return containsAny(r.combinedOutput(), REFUSED) || containsAny(r.combinedOutput(), MISCONFIGURED);
    }

    /**
     * The exception for a failed command.
     *
     * @param what what was attempted, for the message ("drain n[1-3]")
     */
    public static HaException toException(CommandResult r, String what) {
        String text = r.combinedOutput().trim();
        String prefix = what + " failed (" + r.command().program() + " exit " + r.exitCode() + "): ";
        for (String s : UNREACHABLE) {
            if (text.contains(s)) {
                return new BackendUnavailableException(prefix + firstLine(text));
            }
        }
        if (text.contains(INVALID_NODE_NAME)) {
            return new NotFoundException(prefix + firstLine(text));
        }
        for (String s : REFUSED) {
            if (text.contains(s)) {
                return new OperationRefusedException(s, prefix + firstLine(text));
            }
        }
        for (String s : MISCONFIGURED) {
            if (text.contains(s)) {
                return new ConfigurationException(prefix + text + " (is SLURM_CONF or the bin directory right?)");
            }
        }
        Matcher m = SLURM_ERROR.matcher(text);
        if (m.find()) {
            return new OperationRefusedException(m.group(1).trim(), prefix + firstLine(text));
        }
        return new UnexpectedOutputException(prefix + "unrecognized output", text);
    }

    private static boolean containsAny(String text, List<String> needles) {
        for (String s : needles) {
            if (text.contains(s)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String text) {
        for (String line : text.split("\n")) {
            if (line.contains("error") || line.contains("denied") || line.contains("Invalid") || line.contains("must")) {
                return line.trim();
            }
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
