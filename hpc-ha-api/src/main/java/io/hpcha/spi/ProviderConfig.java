package io.hpcha.spi;

import io.hpcha.ConfigurationException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One section of a configuration tree (as read from YAML or JSON), with typed getters whose errors
 * name the full key and what was expected: {@code "scheduler.timeout: expected a duration such as
 * 30s or PT30S, found 'soon'"}. Immutable and thread-safe.
 */
public final class ProviderConfig {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final String path;
    private final Map<String, Object> values;

    private ProviderConfig(String path, Map<String, ?> values) {
        this.path = Objects.requireNonNull(path, "path");
        this.values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * A section at {@code path} (used in error messages; empty for the root) holding {@code values},
     * whose leaves are strings, numbers, booleans, lists and maps.
     */
    public static ProviderConfig of(String path, Map<String, ?> values) {
        return new ProviderConfig(path, values);
    }

    /** The dotted path of this section. */
    public String path() {
        return path;
    }

    /** The keys present in this section. */
    public Set<String> keys() {
        return values.keySet();
    }

    public boolean has(String key) {
        return values.containsKey(key) && values.get(key) != null;
    }

    /** A required text value. */
    public String string(String key) {
        return optionalString(key).orElseThrow(() -> missing(key, "text"));
    }

    public String string(String key, String fallback) {
        return optionalString(key).orElse(fallback);
    }

    public Optional<String> optionalString(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return Optional.of(v.toString());
        }
        throw wrong(key, "text", v);
    }

    public int integer(String key, int fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() == n.intValue()) {
            return n.intValue();
        }
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw wrong(key, "a whole number", v);
            }
        }
        throw wrong(key, "a whole number", v);
    }

    public double number(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw wrong(key, "a number", v);
            }
        }
        throw wrong(key, "a number", v);
    }

    public boolean bool(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw wrong(key, "true or false", v);
    }

    /** A duration written {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT30S}). */
    public Duration duration(String key, Duration fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        String text = v.toString().trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT_DURATION.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw wrong(key, "a duration such as 30s or PT30S", v);
        }
    }

    /** A list of text values; empty when absent. A single text value is read as a list of one. */
    public List<String> stringList(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof String || o instanceof Number)) {
                    throw wrong(key, "a list of text values", v);
                }
                out.add(o.toString());
            }
            return List.copyOf(out);
        }
        throw wrong(key, "a list of text values", v);
    }

    /** A map of text to text; empty when absent. */
    public Map<String, String> stringMap(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw wrong(key, "a map of names to text values", v);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() instanceof Map || e.getValue() instanceof List || e.getValue() == null) {
                throw wrong(key + "." + e.getKey(), "text", e.getValue());
            }
            out.put(e.getKey().toString(), e.getValue().toString());
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** A nested section; empty when absent. */
    public ProviderConfig section(String key) {
        Object v = values.get(key);
        if (v == null) {
            return new ProviderConfig(child(key), Map.of());
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw wrong(key, "a section (a map of keys to values)", v);
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, val) -> copy.put(k.toString(), val));
        return new ProviderConfig(child(key), copy);
    }

    /** Throws when this section holds a key outside {@code allowed}: a typo must not be ignored. */
    public ProviderConfig requireOnly(Set<String> allowed) {
        for (String k : values.keySet()) {
            if (!allowed.contains(k)) {
                throw new ConfigurationException(child(k) + ": unknown key; expected one of " + new java.util.TreeSet<>(allowed));
            }
        }
        return this;
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private ConfigurationException missing(String key, String expected) {
        return new ConfigurationException(child(key) + ": missing; expected " + expected);
    }

    private ConfigurationException wrong(String key, String expected, Object found) {
        String shown = found instanceof Map ? "a section" : found instanceof List ? "a list" : "'" + found + "'";
        return new ConfigurationException(child(key) + ": expected " + expected + ", found " + shown);
    }

    @Override
    public String toString() {
        return "ProviderConfig[" + path + "=" + values + "]";
    }
}
