package io.hpcha.drbd.internal;

import io.hpcha.UnexpectedOutputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses the lines of {@code drbdsetup events2} (with or without {@code --now}, {@code --full},
 * {@code --statistics}, {@code --diff}, {@code --color}, {@code --timestamps}), as documented in drbdsetup(8) and exercised
 * by drbd-utils' own {@code tests/v9/events2-*.test}. Stateless.
 */
public final class Events2Parser {
    private static final Set<String> KINDS = Set.of("exists", "create", "change", "destroy", "call", "response", "rename");
    private static final Set<String> OBJECTS = Set.of("resource", "device", "connection", "peer-device", "path", "helper", "-");
    /** SGR colour sequences that {@code --color} (or a terminal) adds. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** The ISO-8601 time stamp {@code --timestamps} puts first ({@code 2024-03-01T10:00:00.123456+00:00}). */
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\S+");

    private Events2Parser() {
    }

    /** One line; empty for a blank line. */
    public static Optional<Events2Record> parseLine(String line) {
        String clean = ANSI.matcher(line).replaceAll("").strip();
        if (clean.isEmpty()) {
            return Optional.empty();
        }
        String[] tokens = SPACES.split(clean);
        if (tokens.length > 0 && TIMESTAMP.matcher(tokens[0]).matches()) {
            tokens = java.util.Arrays.copyOfRange(tokens, 1, tokens.length);
        }
        if (tokens.length < 2 || !KINDS.contains(tokens[0]) || !OBJECTS.contains(tokens[1])) {
            throw new UnexpectedOutputException("not a drbdsetup events2 line", line);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 2; i < tokens.length; i++) {
            int colon = tokens[i].indexOf(':');
            if (colon <= 0) {
                throw new UnexpectedOutputException("events2 field without key:value form: '" + tokens[i] + "'", line);
            }
            String value = tokens[i].substring(colon + 1);
            int arrow = value.lastIndexOf("->");
            fields.put(Keys.canonical(tokens[i].substring(0, colon)), arrow >= 0 ? value.substring(arrow + 2) : value);
        }
        return Optional.of(new Events2Record(tokens[0], tokens[1], fields, clean));
    }

    /** Every non-blank line of {@code text}. */
    public static List<Events2Record> parseAll(String text) {
        List<Events2Record> records = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            parseLine(line).ifPresent(records::add);
        }
        return records;
    }
}
