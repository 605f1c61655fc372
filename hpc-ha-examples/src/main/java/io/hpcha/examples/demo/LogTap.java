package io.hpcha.examples.demo;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * Hands the messages of chosen loggers to the demo's timeline while a scenario runs, so the timeline shows
 * the daemons' own words. A message repeated for the same {@code subject} key (the routine
 * "Monitoring Compute-1... Status: running | Health: ok" of every pass) is shown only when it changes;
 * a message without a subject is shown once.
 * Attach with {@link #attach()}, detach with {@link #close()}. Used from one thread at a time.
 */
final class LogTap extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final Set<String> loggers;
    private final Set<String> deferred;
    private final List<String> pending = new ArrayList<>();
    private final Consumer<String> sink;
    private final Map<String, String> lastBySubject = new HashMap<>();
    private Logger attachedTo;

    /**
     * Taps {@code loggers} (simple class names). Messages of the {@code deferred} ones (an actor that logs
     * while acting) are held back until the next message of another logger (the loop's decision, logged
     * once the action is done), so that the timeline reads cause first.
     */
    LogTap(Set<String> loggers, Set<String> deferred, Consumer<String> sink) {
        this.loggers = Set.copyOf(loggers);
        this.deferred = Set.copyOf(deferred);
        this.sink = Objects.requireNonNull(sink, "sink");
        setName("demo-timeline");
    }

    /** Starts listening on the {@code io.hpcha} loggers; does nothing when logback is not the SLF4J provider. */
    LogTap attach() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            setContext(context);
            start();
            attachedTo = context.getLogger("io.hpcha");
            attachedTo.addAppender(this);
        }
        return this;
    }

    @Override
    protected void append(ILoggingEvent e) {
        String logger = e.getLoggerName();
        String simple = logger.substring(logger.lastIndexOf('.') + 1);
        if (!loggers.contains(simple)) {
            return;
        }
        String message = e.getFormattedMessage();
        String subject = subject(e);
        // without a subject, a message is its own key: shown once, not on every pass
        if (message.equals(lastBySubject.put(subject != null ? subject : message, message))) {
            return;
        }
        if (deferred.contains(simple)) {
            pending.add(message);
            return;
        }
        sink.accept(message);
        pending.forEach(sink);
        pending.clear();
    }

    private static String subject(ILoggingEvent e) {
        if (e.getKeyValuePairs() == null) {
            return null;
        }
        for (KeyValuePair kv : e.getKeyValuePairs()) {
            if (kv.key.equals("subject")) {
                return String.valueOf(kv.value);
            }
        }
        return null;
    }

    @Override
    public void close() {
        pending.forEach(sink);
        pending.clear();
        if (attachedTo != null) {
            attachedTo.detachAppender(this);
            attachedTo = null;
        }
        stop();
    }
}
