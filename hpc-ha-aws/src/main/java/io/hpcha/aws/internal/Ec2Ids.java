package io.hpcha.aws.internal;

import io.hpcha.ConfigurationException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Strict shapes of the EC2 identifiers and values this module sends, checked before anything is sent
 * so that a typo is a {@link ConfigurationException} (or {@link IllegalArgumentException} for a
 * call argument) that names it, not an EC2 round trip.
 */
public final class Ec2Ids {
    private static final String HEX = "(?:[0-9a-f]{8}|[0-9a-f]{17})";
    private static final Pattern INSTANCE = Pattern.compile("i-" + HEX);
    private static final Pattern ENI = Pattern.compile("eni-" + HEX);
    private static final Pattern ROUTE_TABLE = Pattern.compile("rtb-" + HEX);
    private static final Pattern LAUNCH_TEMPLATE_ID = Pattern.compile("lt-" + HEX);
    private static final Pattern LAUNCH_TEMPLATE_NAME = Pattern.compile("[A-Za-z0-9()./_-]{3,128}");
    private static final Pattern LAUNCH_TEMPLATE_VERSION = Pattern.compile("\\$Latest|\\$Default|[1-9][0-9]{0,17}");
    private static final Pattern IPV4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");

    private Ec2Ids() {
    }

    /** An instance id given to a call: {@code i-} and 8 or 17 lower-case hex digits. */
    public static String instanceId(String id) {
        Objects.requireNonNull(id, "instance id");
        if (!INSTANCE.matcher(id).matches()) {
            throw new IllegalArgumentException("not an EC2 instance id: '" + id + "' (expected i- and 8 or 17 hex digits)");
        }
        return id;
    }

    public static String networkInterfaceId(String what, String id) {
        return config(what, id, ENI, "eni- and 8 or 17 hex digits");
    }

    public static String routeTableId(String what, String id) {
        return config(what, id, ROUTE_TABLE, "rtb- and 8 or 17 hex digits");
    }

    public static String launchTemplateId(String what, String id) {
        return config(what, id, LAUNCH_TEMPLATE_ID, "lt- and 8 or 17 hex digits");
    }

    public static String launchTemplateName(String what, String name) {
        return config(what, name, LAUNCH_TEMPLATE_NAME, "3-128 of [A-Za-z0-9()./_-]");
    }

    public static String launchTemplateVersion(String what, String version) {
        return config(what, version, LAUNCH_TEMPLATE_VERSION, "$Latest, $Default or a version number");
    }

    /** A dotted-quad IPv4 address without leading zeros. */
    public static String ipv4(String what, String address) {
        return config(what, address, IPV4, "a dotted-quad IPv4 address such as 10.0.0.100");
    }

    /** A tag key: 1-128 characters, not in the reserved {@code aws:} namespace. */
    public static String tagKey(String what, String key) {
        Objects.requireNonNull(key, what);
        if (key.isEmpty() || key.length() > 128 || key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
            throw new ConfigurationException(what + ": not a usable tag key: '" + key
                    + "' (1-128 characters, not starting with aws:)");
        }
        return key;
    }

    /** A tag value: at most 256 characters. */
    public static String tagValue(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.length() > 256) {
            throw new ConfigurationException(what + ": tag value longer than 256 characters");
        }
        return value;
    }

    private static String config(String what, String value, Pattern pattern, String expected) {
        if (value == null) {
            throw new ConfigurationException(what + ": missing; expected " + expected);
        }
        if (!pattern.matcher(value).matches()) {
            throw new ConfigurationException(what + ": '" + value + "' is not " + expected);
        }
        return value;
    }
}
