package io.hpcha.aws.standin;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * A small writer for EC2's response XML, shared by this stand-in and hpc-ha-bench's paged one. Not
 * thread-safe.
 */
public final class Xml {
    public static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private final StringBuilder out;

    private Xml(int capacity) {
        out = new StringBuilder(capacity);
    }

    /** Starts {@code <ActionResponse xmlns=…><requestId>…</requestId>}. */
    static Xml response(String action, String requestId) {
        return response(action, requestId, 1024);
    }

    /** As {@link #response(String, String)}, sized for {@code capacity} characters (large pages). */
    public static Xml response(String action, String requestId, int capacity) {
        Xml x = new Xml(capacity);
        x.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(action).append("Response xmlns=\"").append(NS)
                .append("\">\n    <requestId>").append(requestId).append("</requestId>\n");
        return x;
    }

    public Xml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    public Xml close(String name) {
        out.append("</").append(name).append(">\n");
        return this;
    }

    /** {@code <name>text</name>}, or {@code <name/>} for null or empty text. */
    public Xml el(String name, Object text) {
        String s = text == null ? "" : text.toString();
        if (s.isEmpty()) {
            out.append('<').append(name).append("/>");
        } else {
            out.append('<').append(name).append('>').append(escape(s)).append("</").append(name).append('>');
        }
        return this;
    }

    /** An element only when the text is not null. */
    public Xml opt(String name, Object text) {
        return text == null ? this : el(name, text);
    }

    public Xml raw(String xml) {
        out.append(xml);
        return this;
    }

    public String end(String action) {
        return out.append("</").append(action).append("Response>").toString();
    }

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    /** EC2's timestamps: {@code 2026-01-10T00:00:00.000Z}. */
    public static String time(Instant t) {
        return TIME.format(t);
    }

    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
