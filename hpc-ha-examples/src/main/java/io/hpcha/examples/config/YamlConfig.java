package io.hpcha.examples.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hpcha.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a daemon's YAML file into a {@link ConfigDocument}, whose getters name the full key and what
 * was expected when a value is wrong. Stateless.
 */
public final class YamlConfig {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private YamlConfig() {
    }

    /**
     * The document in {@code file}.
     *
     * @throws ConfigurationException when the file is missing, unreadable, not YAML, or not a map at the top
     */
    public static ConfigDocument load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("configuration file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigurationException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    /** The document in YAML {@code text}; {@code origin} names it in errors. */
    public static ConfigDocument parse(String origin, String text) {
        Map<String, Object> root;
        try {
            root = YAML.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigurationException(origin + ": not valid YAML" + where + ": " + e.getOriginalMessage(), e);
        }
        if (root == null) {
            throw new ConfigurationException(origin + ": empty configuration");
        }
        return new ConfigDocument(origin, root);
    }
}
