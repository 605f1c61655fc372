package io.hpcha.drbd.internal;

import io.hpcha.ConfigurationException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Validates every caller-supplied name before it becomes part of a DRBD command, so that it can only
 * mean what the caller meant: a resource name never starts with {@code -} (read as an option), never
 * holds {@code :} or {@code /} (drbdadm's {@code res:peer} and {@code res/volume} syntax), and is never
 * drbdadm's keyword {@code all}. Each check throws {@link ConfigurationException} naming the value.
 * Stateless.
 */
public final class DrbdNames {
    /** DRBD keeps resource names in a 128-byte buffer; drbdadm accepts letters, digits and {@code _.+-}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,127}");
    private static final Pattern PROGRAM = Pattern.compile("(?:/[A-Za-z0-9_.+-]+)+|[A-Za-z0-9_][A-Za-z0-9_.+-]*");

    private DrbdNames() {
    }

    /** A DRBD resource name ({@code r0}, {@code slurm-state}). */
    public static String resource(String what, String name) {
        return name(what, name, "a DRBD resource name");
    }

    /** A peer's connection name ({@code ctl-b}). */
    public static String peer(String what, String name) {
        return name(what, name, "a DRBD peer (connection) name");
    }

    /** A program name or absolute path ({@code drbdadm}, {@code /usr/sbin/drbdadm}). */
    public static String program(String what, String program) {
        if (program == null || !PROGRAM.matcher(program).matches()) {
            throw new ConfigurationException(what + ": expected a program name or absolute path, found '" + program + "'");
        }
        return program;
    }

    private static String name(String what, String name, String expected) {
        Objects.requireNonNull(what, "what");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ConfigurationException(what + ": expected " + expected
                    + " (letters, digits, '_', '.', '+', '-'; not starting with '-', '.' or '+'; at most 128), found '"
                    + (name == null ? null : name.replaceAll("\\p{Cntrl}", "?")) + "'");
        }
        if (name.toLowerCase(Locale.ROOT).equals("all")) {
            throw new ConfigurationException(what + ": 'all' is drbdadm's keyword for every resource, not a name");
        }
        return name;
    }
}
