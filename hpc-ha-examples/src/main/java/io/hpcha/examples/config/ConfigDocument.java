package io.hpcha.examples.config;

import io.hpcha.ConfigurationException;
import io.hpcha.spi.ProviderConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed configuration file: its root as a {@link ProviderConfig} (typed getters whose errors name
 * the key), and the raw tree, from which backend sections are cut for their providers. Immutable.
 */
public final class ConfigDocument {
    private final String origin;
    private final Map<String, Object> raw;
    private final ProviderConfig root;

    ConfigDocument(String origin, Map<String, Object> raw) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.raw = Map.copyOf(raw);
        this.root = ProviderConfig.of("", raw);
    }

    /** Where the document came from (a file name), for messages. */
    public String origin() {
        return origin;
    }

    /** The whole document. */
    public ProviderConfig root() {
        return root;
    }

    /** A top-level section; empty when absent. */
    public ProviderConfig section(String key) {
        return root.section(key);
    }

    /** Whether the top-level key is present. */
    public boolean has(String key) {
        return root.has(key);
    }

    /** Throws when the document holds a top-level key outside {@code allowed}: a typo must not be ignored. */
    public ConfigDocument requireOnly(Set<String> allowed) {
        root.requireOnly(allowed);
        return this;
    }

    /**
     * The top-level section {@code key} split into its provider name and the provider's own
     * configuration (the section without the {@code provider} key, so that a provider that rejects
     * unknown keys need not know about it).
     *
     * @throws ConfigurationException naming the key when the section or its provider name is missing
     */
    public BackendSection backend(String key, String what) {
        Object v = raw.get(key);
        if (v == null) {
            throw new ConfigurationException(key + ": missing; expected a section with '" + Backends.PROVIDER
                    + "' naming a " + what + " provider");
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw new ConfigurationException(key + ": expected a section with '" + Backends.PROVIDER + "', found '" + v + "'");
        }
        Map<String, Object> rest = new LinkedHashMap<>();
        map.forEach((k, val) -> rest.put(k.toString(), val));
        Object provider = rest.remove(Backends.PROVIDER);
        if (provider == null || provider instanceof String blank && blank.isBlank()) {
            throw new ConfigurationException(key + "." + Backends.PROVIDER + ": missing; expected the name of a " + what + " provider");
        }
        if (!(provider instanceof String name)) {
            throw new ConfigurationException(key + "." + Backends.PROVIDER + ": expected the name of a " + what + " provider, found "
                    + (provider instanceof Map ? "a section" : provider instanceof List ? "a list" : "'" + provider + "'"));
        }
        return new BackendSection(key, name, ProviderConfig.of(key, rest));
    }

    /**
     * The top-level list {@code key}, its items as parsed (text, numbers, sections as maps); empty when absent.
     *
     * @throws ConfigurationException when the value is not a list
     */
    public List<Object> list(String key) {
        Object v = raw.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new ConfigurationException(key + ": expected a list, found " + (v instanceof Map ? "a section" : "'" + v + "'"));
        }
        return new ArrayList<>(list);
    }

    /**
     * The list of sections at {@code section.key} ({@code agent.pairs}), each named {@code section.key[i]}
     * in errors; empty when absent.
     *
     * @throws ConfigurationException when the value is not a list of sections
     */
    public List<ProviderConfig> sections(String section, String key) {
        Object parent = raw.get(section);
        Object v = parent instanceof Map<?, ?> m ? m.get(key) : null;
        if (v == null) {
            return List.of();
        }
        String path = section + "." + key;
        if (!(v instanceof List<?> list)) {
            throw new ConfigurationException(path + ": expected a list of sections, found '" + v + "'");
        }
        List<ProviderConfig> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> item)) {
                throw new ConfigurationException(path + "[" + i + "]: expected a section, found '" + list.get(i) + "'");
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            item.forEach((k, val) -> copy.put(k.toString(), val));
            out.add(ProviderConfig.of(path + "[" + i + "]", copy));
        }
        return out;
    }

    /**
     * A backend's section.
     *
     * @param key      the section's key
     * @param provider the provider's name
     * @param config   the rest of the section
     */
    public record BackendSection(String key, String provider, ProviderConfig config) {
    }
}
