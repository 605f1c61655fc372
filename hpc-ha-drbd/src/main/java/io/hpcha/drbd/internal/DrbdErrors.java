package io.hpcha.drbd.internal;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.HaException;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.spi.CommandResult;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed DRBD command into the exception its text means. drbdsetup prints a refused state
 * change as {@code <obj>: State change failed: (<code>) <text>} with the kernel's own text
 * ({@code drbd_set_st_err_str}) and exits 11, or 17 for {@code SS_NO_UP_TO_DATE_DISK}; drbdadm repeats
 * the exit code and adds {@code Command '…' terminated with exit code N}. Other failures are
 * {@code <obj>: Failure: (<code>) <text>} with exit 10. Stateless.
 *
 * <ul>
 *   <li>state-change codes ({@code -7} peer not outdated, {@code -1} two primaries, {@code -25} no
 *       quorum, {@code -2} no UpToDate data, …) → {@link OperationRefusedException} with the code and
 *       DRBD's text; the transient ones ({@code -12} device held open, {@code -18}, {@code -19},
 *       {@code -21}, {@code -23}) are retryable</li>
 *   <li>exit 17 without a readable code → refused (no UpToDate data)</li>
 *   <li>{@code Unknown resource} (code 158), drbdadm's {@code not defined in your config} →
 *       {@link NotFoundException}</li>
 *   <li>no DRBD module to talk to ({@code Failed to modprobe drbd}) → {@link BackendUnavailableException}</li>
 *   <li>drbdadm without any configuration ({@code no resources defined!}) → {@link ConfigurationException}</li>
 *   <li>anything else → {@link UnexpectedOutputException} with the text</li>
 * </ul>
 */
public final class DrbdErrors {
    /** drbdsetup's exit code for a refused state change. */
    public static final int EXIT_STATE_CHANGE_FAILED = 11;
    /** drbdsetup's exit code for SS_NO_UP_TO_DATE_DISK. */
    public static final int EXIT_NO_UP_TO_DATE_DATA = 17;
    /** SS_NO_UP_TO_DATE_DISK, as the code of a refusal this library makes itself before calling DRBD. */
    public static final String NO_UP_TO_DATE_DATA = "-2";

    /** Codes that mean "not now": the same request may succeed once the state settles. */
    private static final Set<String> TRANSIENT = Set.of(
            "-12", // SS_DEVICE_IN_USE: Device is held open by someone
            "-18", // SS_IN_TRANSIENT_STATE
            "-19", // SS_CONCURRENT_ST_CHG
            "-21", // SS_INTERRUPTED
            "-23"); // SS_TIMEOUT
    private static final Pattern STATE_CHANGE = Pattern.compile("State change failed: \\((-?\\d+)\\)\\s*([^\\n]*)");
    private static final Pattern FAILURE = Pattern.compile("Failure: \\((\\d+)\\)\\s*([^\\n]*)");
    /** ERR_RES_NOT_KNOWN. */
    private static final String UNKNOWN_RESOURCE_CODE = "158";

    private DrbdErrors() {
    }

    /**
     * The exception for a failed command.
     *
     * @param what what was attempted, for the message ("promote r0")
     */
    public static HaException toException(CommandResult r, String what) {
        String text = r.combinedOutput().trim();
        String prefix = what + " failed (" + r.command().display() + " exit " + r.exitCode() + "): ";
        Matcher sc = STATE_CHANGE.matcher(text);
        if (sc.find()) {
            String code = sc.group(1);
            String drbdText = sc.group(2).trim();
            return new OperationRefusedException(code, prefix + "State change failed: (" + code + ") " + drbdText,
                    TRANSIENT.contains(code), null);
        }
        if (isUnknownResource(text)) {
            return new NotFoundException(prefix + firstLine(text));
        }
        Matcher f = FAILURE.matcher(text);
        if (f.find()) {
            return new OperationRefusedException(f.group(1), prefix + "Failure: (" + f.group(1) + ") " + f.group(2).trim());
        }
        if (r.exitCode() == EXIT_NO_UP_TO_DATE_DATA) {
            return new OperationRefusedException(String.valueOf(EXIT_NO_UP_TO_DATE_DATA),
                    prefix + "no access to UpToDate data" + (text.isEmpty() ? "" : ": " + firstLine(text)));
        }
        if (text.contains("no resources defined!")) {
            return new ConfigurationException(prefix + "drbdadm finds no resource in its configuration"
                    + " (/etc/drbd.conf and the files it includes)");
        }
        if (isModuleMissing(text)) {
            return new BackendUnavailableException(prefix + firstLine(text) + " (is the drbd kernel module loaded?)");
        }
        return new UnexpectedOutputException(prefix + "unrecognized output", text);
    }

    /** Whether DRBD said the resource does not exist (in the kernel or in the configuration). */
    public static boolean isUnknownResource(String text) {
        return text.contains("Unknown resource") || text.contains("(" + UNKNOWN_RESOURCE_CODE + ")")
                || text.contains("not defined in your config") || text.contains("No such resource");
    }

    private static boolean isModuleMissing(String text) {
        return text.contains("Failed to modprobe drbd") || text.contains("generic netlink family")
                || text.contains("Could not connect to 'drbd'")
                || text.contains("No such file or directory") && text.contains("/proc/drbd");
    }

    /** The first line that is not drbdadm's noise about a missing modinfo/modprobe helper. */
    private static String firstLine(String text) {
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("sh: ")) {
                return line.trim();
            }
        }
        return text;
    }
}
