package io.hpcha.examples.failover;

import io.hpcha.ConfigurationException;
import java.util.regex.Pattern;

/** Strict patterns for the values the failover daemon puts into argument vectors. */
final class ArgumentChecks {
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9@._:-]{0,127}");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._/-]{0,4095}");
    private static final Pattern FSTYPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");

    private ArgumentChecks() {
    }

    /** A systemd unit name such as {@code slurmctld} or {@code mariadb.service}. */
    static String unit(String key, String unit) {
        if (!UNIT.matcher(unit).matches()) {
            throw new ConfigurationException(key + ": expected a service name of [A-Za-z0-9@._:-] starting with a letter or digit, found '" + unit + "'");
        }
        return unit;
    }

    /** An absolute path without {@code ..} segments. */
    static String path(String key, String path) {
        if (!PATH.matcher(path).matches() || path.contains("/../") || path.endsWith("/..")) {
            throw new ConfigurationException(key + ": expected an absolute path of [A-Za-z0-9._/-] without '..', found '" + path + "'");
        }
        return path;
    }

    /** A file system type such as {@code ext4} or {@code xfs}. */
    static String fsType(String key, String type) {
        if (!FSTYPE.matcher(type).matches()) {
            throw new ConfigurationException(key + ": expected a file system type such as ext4 or xfs, found '" + type + "'");
        }
        return type;
    }
}
