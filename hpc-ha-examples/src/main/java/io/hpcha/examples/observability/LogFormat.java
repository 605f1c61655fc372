package io.hpcha.examples.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.hpcha.ConfigurationException;
import java.net.URL;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * The daemons' log format: {@code text} (a line per event: time, level, message, then the structured
 * key/values) or {@code json} (one JSON object per line, key/values as fields, for ELK and the like).
 * Only the example daemons use logback; the libraries log through the SLF4J API alone.
 */
public enum LogFormat {
    TEXT("logback.xml"),
    JSON("logback-json.xml");

    private final String resource;

    LogFormat(String resource) {
        this.resource = resource;
    }

    /** The format named {@code name} ({@code text} or {@code json}). */
    public static LogFormat parse(String key, String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key + ": expected text or json, found '" + name + "'");
        }
    }

    /** Reconfigures logback to this format, with {@code io.hpcha} at {@code level}. */
    public void apply(Level level) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J provider is in charge: leave it alone
        }
        URL config = LogFormat.class.getClassLoader().getResource(resource);
        if (config == null) {
            throw new IllegalStateException("missing " + resource + " in the jar");
        }
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot apply " + resource + ": " + e.getMessage(), e);
        }
        ((Logger) LoggerFactory.getLogger("io.hpcha")).setLevel(level);
    }
}
