package io.hpcha;

import java.util.Objects;

/**
 * The backend printed or returned something the parser does not understand. hpc-ha never guesses a
 * default for output it cannot read; it throws this, with a bounded excerpt of what it saw so that
 * the failure can be diagnosed from the log alone. Not retryable.
 */
public class UnexpectedOutputException extends HaException {
    private static final long serialVersionUID = 1L;

    /** The longest excerpt kept, in characters. */
    public static final int MAX_EXCERPT = 512;

    private final String excerpt;

    public UnexpectedOutputException(String message, String output) {
        this(message, output, null);
    }

    public UnexpectedOutputException(String message, String output, Throwable cause) {
        super(message + ": " + quote(excerptOf(output)), cause);
        this.excerpt = excerptOf(output);
    }

    /** At most {@link #MAX_EXCERPT} characters of the offending output, marked when cut. */
    public String excerpt() {
        return excerpt;
    }

    @Override
    public boolean retryable() {
        return false;
    }

    static String excerptOf(String output) {
        String text = Objects.requireNonNullElse(output, "");
        return text.length() <= MAX_EXCERPT
                ? text
                : text.substring(0, MAX_EXCERPT) + "…[" + (text.length() - MAX_EXCERPT) + " more chars]";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\n", "\\n") + "\"";
    }
}
