package io.hpcha.bench.ec2;

/** A small writer for EC2's response XML. Not thread-safe. */
final class Ec2Xml {
    static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private final StringBuilder out;

    private Ec2Xml(int capacity) {
        out = new StringBuilder(capacity);
    }

    /** Starts {@code <ActionResponse xmlns=…><requestId>…</requestId>}. */
    static Ec2Xml response(String action, String requestId, int capacity) {
        Ec2Xml x = new Ec2Xml(capacity);
        x.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(action).append("Response xmlns=\"").append(NS)
                .append("\">\n    <requestId>").append(requestId).append("</requestId>\n");
        return x;
    }

    Ec2Xml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    Ec2Xml close(String name) {
        out.append("</").append(name).append(">\n");
        return this;
    }

    /** {@code <name>text</name>}, or {@code <name/>} for empty text. Values here never need escaping. */
    Ec2Xml el(String name, Object text) {
        String s = String.valueOf(text);
        if (s.isEmpty()) {
            out.append('<').append(name).append("/>");
        } else {
            out.append('<').append(name).append('>').append(s).append("</").append(name).append('>');
        }
        return this;
    }

    Ec2Xml raw(String xml) {
        out.append(xml);
        return this;
    }

    String end(String action) {
        return out.append("</").append(action).append("Response>").toString();
    }
}
