package io.hpcha.slurm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A captured command output under {@code src/test/resources/fixtures}: either a {@code .json} file
 * (the output alone) or a {@code .txt} file written as {@code $ command}, the output, {@code [exit N]}.
 */
record Fixture(String command, String output, int exitCode) {
    private static final Pattern EXIT = Pattern.compile("(?s)(.*?)\\n?\\[exit (\\d+)\\]\\s*");

    static Fixture load(String path) {
        String text = read("/fixtures/" + path);
        if (path.endsWith(".json")) {
            return new Fixture("", text, 0);
        }
        int nl = text.indexOf('\n');
        String command = text.substring(0, nl).replaceFirst("^\\$ ", "");
        Matcher m = EXIT.matcher(text.substring(nl + 1));
        if (!m.matches()) {
            throw new IllegalStateException("fixture " + path + " does not end with [exit N]");
        }
        return new Fixture(command, m.group(1), Integer.parseInt(m.group(2)));
    }

    static String read(String resource) {
        try (InputStream in = Fixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
