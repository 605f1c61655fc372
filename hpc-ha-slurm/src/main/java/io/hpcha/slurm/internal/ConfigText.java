package io.hpcha.slurm.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code scontrol show config}: {@code Key = value} lines. Stateless. */
public final class ConfigText {
    private static final Pattern LINE = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)\\s*=\\s*(.*?)\\s*");

    private ConfigText() {
    }

    /** Every {@code Key = value} pair; the first wins when a key repeats. */
    public static Map<String, String> parse(String output) {
        Map<String, String> out = new HashMap<>();
        for (String line : output.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                out.putIfAbsent(m.group(1), m.group(2));
            }
        }
        return out;
    }

    /** The leading whole number of a value such as {@code 6 sec}; empty when there is none. */
    public static Optional<Integer> leadingInt(String value) {
        Matcher m = Pattern.compile("(\\d+).*").matcher(value == null ? "" : value.trim());
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }
}
