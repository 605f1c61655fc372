package io.hpcha.linux.internal;

import io.hpcha.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Strict shapes of the values this module puts into {@code ip} and {@code arping} argument vectors,
 * checked before any command is built, so that a value can never be read as an option or keyword.
 * Each check throws {@link ConfigurationException} naming the value and what was expected.
 */
public final class LinuxNames {
    /** Linux's IFNAMSIZ is 16 bytes including the terminating NUL. */
    public static final int MAX_INTERFACE_NAME = 15;

    private static final Pattern IPV4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
    // Stricter than the kernel (which rejects only '/', ':', whitespace, "." and ".."): no leading '-'
    // so a name is never an option, and only characters that interface names use in practice.
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern LABEL_SUFFIX = Pattern.compile("[A-Za-z0-9_.-]+");
    // ip netns names become file names under /run/netns.
    private static final Pattern NETNS = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    private static final Pattern PROGRAM = Pattern.compile("(?:/[A-Za-z0-9_.+-]+)+|[A-Za-z0-9_][A-Za-z0-9_.+-]*");

    private LinuxNames() {
    }

    /**
     * A unicast IPv4 address in dotted-quad form without leading zeros; {@code 0.x.x.x}, loopback
     * ({@code 127/8}), multicast and reserved ({@code 224/3}) addresses are refused because they can
     * never float between hosts.
     */
    public static String ipv4(String what, String address) {
        Objects.requireNonNull(address, what);
        if (!IPV4.matcher(address).matches()) {
            throw new ConfigurationException(what + ": expected a dotted-quad IPv4 address such as 10.0.0.100, found '"
                    + address + "'");
        }
        int first = Integer.parseInt(address.substring(0, address.indexOf('.')));
        if (first == 0 || first == 127 || first >= 224) {
            throw new ConfigurationException(what + ": " + address
                    + " is not a unicast host address (0/8, 127/8 and 224/3 cannot float)");
        }
        return address;
    }

    /** An IPv4 prefix length, 1 to 32. */
    public static int prefixLength(String what, int length) {
        if (length < 1 || length > 32) {
            throw new ConfigurationException(what + ": expected an IPv4 prefix length 1-32, found " + length);
        }
        return length;
    }

    /**
     * A network interface name as Linux accepts it (at most {@value #MAX_INTERFACE_NAME} bytes, not
     * {@code .} or {@code ..}, no {@code /}, {@code :} or white space), further restricted to letters,
     * digits, {@code _ . -} and no leading {@code -}.
     */
    public static String interfaceName(String what, String name) {
        Objects.requireNonNull(name, what);
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_INTERFACE_NAME
                || name.equals(".") || name.equals("..") || !INTERFACE.matcher(name).matches()) {
            throw new ConfigurationException(what + ": expected an interface name of 1-" + MAX_INTERFACE_NAME
                    + " of [A-Za-z0-9_.-] not starting with '-', found '" + name + "'");
        }
        return name;
    }

    /**
     * An address label as iproute2 and the kernel accept it for {@code interfaceName}: the interface
     * name itself, or the interface name, a colon and a suffix, at most {@value #MAX_INTERFACE_NAME}
     * bytes in all (the kernel keeps labels in an IFNAMSIZ buffer).
     */
    public static String label(String what, String label, String interfaceName) {
        Objects.requireNonNull(label, what);
        boolean valid = label.equals(interfaceName)
                || (label.startsWith(interfaceName + ":")
                    && LABEL_SUFFIX.matcher(label.substring(interfaceName.length() + 1)).matches());
        if (!valid || label.getBytes(StandardCharsets.UTF_8).length > MAX_INTERFACE_NAME) {
            throw new ConfigurationException(what + ": expected '" + interfaceName + "' or '" + interfaceName
                    + ":<suffix>' (suffix of [A-Za-z0-9_.-], " + MAX_INTERFACE_NAME + " bytes in all), found '"
                    + label + "'");
        }
        return label;
    }

    /** A network namespace name as {@code ip netns} keeps it under {@code /run/netns}: 1-64 of [A-Za-z0-9_.-], no leading '-' or '.'. */
    public static String netnsName(String what, String name) {
        Objects.requireNonNull(name, what);
        if (!NETNS.matcher(name).matches()) {
            throw new ConfigurationException(what + ": expected a network namespace name of 1-64 of [A-Za-z0-9_.-]"
                    + " starting with a letter, digit or '_', found '" + name + "'");
        }
        return name;
    }

    /** A program: a plain name looked up on PATH or an absolute path, never an option. */
    public static String program(String what, String program) {
        Objects.requireNonNull(program, what);
        if (!PROGRAM.matcher(program).matches()) {
            throw new ConfigurationException(what + ": expected a program name or an absolute path, found '"
                    + program + "'");
        }
        return program;
    }
}
