package io.hpcha.aws.standin;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** A small writer for EC2's response XML. Not thread-safe. */
final class Xml {
    static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private final StringBuilder out = new StringBuilder(1024);

    /** Starts {@code <ActionResponse xmlns=…><requestId>…</requestId>}. */
    static Xml response(String action, String requestId) {
        Xml x = new Xml();
        x.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(action).append("Response xmlns=\"").append(NS)
                .append("\">\n    <requestId>").append(requestId).append("</requestId>\n");
        return x;
    }

    Xml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    Xml close(String name) {
        out.append("</").append(name).append(">\n");
        return this;
    }

    /** {@code <name>text</name>}, or {@code <name/>} for null or empty text. */
    Xml el(String name, Object text) {
        String s = text == null ? "" : text.toString();
        if (s.isEmpty()) {
            out.append('<').append(name).append("/>");
        } else {
            out.append('<').append(name).append('>').append(escape(s)).append("</").append(name).append('>');
        }
        return this;
    }

    /** An element only when the text is not null. */
    Xml opt(String name, Object text) {
        return text == null ? this : el(name, text);
    }

    Xml raw(String xml) {
        out.append(xml);
        return this;
    }

    String end(String action) {
        return out.append("</").append(action).append("Response>").toString();
    }

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    /** EC2's timestamps: {@code 2026-01-10T00:00:00.000Z}. */
    static String time(Instant t) {
        return TIME.format(t);
    }

    static String escape(String s) {
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
